package connector

import (
	"encoding/json"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/rs/zerolog"
)

// minSecretLen is the shortest secret the scrubbers look for; shorter ones
// would turn ordinary text into asterisks.
const minSecretLen = 4

// scrubber replaces every known secret with Masked, both as plain text and
// in its JSON-escaped form.
// Secrets that only appear while an action runs (a generated password)
// are added with add.
type scrubber struct {
	mu      sync.RWMutex
	secrets []string // longest first
	r       *strings.Replacer
}

func newScrubber(secrets []string) *scrubber {
	s := &scrubber{}
	for _, v := range secrets {
		s.learn(v)
	}
	s.build()
	return s
}

// add makes the scrubber mask v from now on; a value it already masks
// changes nothing.
func (s *scrubber) add(v string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.learn(v) {
		s.build()
	}
}

// learn notes v and its JSON-escaped form, reporting whether anything was
// new. The caller holds the lock or owns s.
func (s *scrubber) learn(v string) bool {
	if len(v) < minSecretLen || slices.Contains(s.secrets, v) {
		return false
	}
	s.secrets = append(s.secrets, v)
	enc, _ := json.Marshal(v)
	if e := string(enc[1 : len(enc)-1]); e != v {
		s.secrets = append(s.secrets, e)
	}
	return true
}

// build makes the replacer. It tries its strings in argument order:
// longest first, so a secret that contains another one (a password with
// characters appended) is masked whole.
func (s *scrubber) build() {
	if len(s.secrets) == 0 {
		return
	}
	sort.SliceStable(s.secrets, func(i, j int) bool { return len(s.secrets[i]) > len(s.secrets[j]) })
	args := make([]string, 0, 2*len(s.secrets))
	for _, p := range s.secrets {
		args = append(args, p, Masked)
	}
	s.r = strings.NewReplacer(args...)
}

func (s *scrubber) apply(text string) string {
	if s == nil {
		return text
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.r == nil {
		return text
	}
	return s.r.Replace(text)
}

// scrubWriter is the logger's output: every line passes the scrubber.
type scrubWriter struct {
	mu  sync.Mutex
	w   io.Writer
	scr *scrubber
}

func (s *scrubWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := io.WriteString(s.w, s.scr.apply(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// newLogger writes JSON lines to stderr: info level, or debug when the
// request's debug_level is 1.
func newLogger(stderr io.Writer, debugLevel int, scr *scrubber) zerolog.Logger {
	level := zerolog.InfoLevel
	if debugLevel >= 1 {
		level = zerolog.DebugLevel
	}
	return zerolog.New(&scrubWriter{w: stderr, scr: scr}).Level(level).With().Timestamp().Str("component", "okta-connector").Logger()
}
