package envelope

import (
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"slices"
	"sync"

	"github.com/rs/zerolog"
)

// minSecretLen is the shortest secret the scrubbers look for; shorter ones
// would turn ordinary text into asterisks.
const minSecretLen = 4

// Scrubber holds the secrets of one invocation and masks them (mask.go)
// in the envelope (Write) and in the log (NewLogger). Secrets that only
// appear while an action runs (a generated password, an access token) are
// added with Add. A nil Scrubber masks nothing. It is safe for concurrent
// use.
type Scrubber struct {
	mu       sync.RWMutex
	secrets  []string
	forms    []string // of every secret, without repeats
	revealed map[string]bool
	m        *masker // built from forms and revealed; replaced, never changed
}

// NewScrubber masks secrets.
func NewScrubber(secrets []string) *Scrubber {
	s := &Scrubber{}
	for _, v := range secrets {
		s.learn(v)
	}
	s.m = newMasker(s.forms, s.revealed)
	return s
}

// Add makes the scrubber mask v from now on; a value it already masks
// changes nothing.
func (s *Scrubber) Add(v string) { s.update(v, false) }

// Reveal makes the scrubber mask v from now on, except where a data item
// holds exactly v: the analyst asked to see it (show_password).
func (s *Scrubber) Reveal(v string) { s.update(v, true) }

func (s *Scrubber) update(v string, reveal bool) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	changed := s.learn(v)
	if reveal && len(v) >= minSecretLen && !s.revealed[v] {
		// A masker already handed out keeps the set it was built with.
		s.revealed = maps.Clone(s.revealed)
		if s.revealed == nil {
			s.revealed = map[string]bool{}
		}
		s.revealed[v] = true
		changed = true
	}
	if changed {
		s.m = newMasker(s.forms, s.revealed)
	}
}

// learn notes v and its forms, reporting whether v is new. The caller
// holds the lock or owns s.
func (s *Scrubber) learn(v string) bool {
	if len(v) < minSecretLen || slices.Contains(s.secrets, v) {
		return false
	}
	s.secrets = append(s.secrets, v)
	for _, f := range secretForms(v) {
		if !slices.Contains(s.forms, f) {
			s.forms = append(s.forms, f)
		}
	}
	return true
}

// noSecrets masks nothing; it still resolves cut text.
var noSecrets = newMasker(nil, nil)

// masker is the scrubber's current set of secrets; a nil scrubber has
// none.
func (s *Scrubber) masker() *masker {
	if s == nil {
		return noSecrets
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.m
}

// apply masks one text.
func (s *Scrubber) apply(text string) string { return s.masker().maskText(text) }

// scrubWriter is the logger's output: each line passes the scrubber.
type scrubWriter struct {
	mu  sync.Mutex
	w   io.Writer
	scr *Scrubber
}

func (s *scrubWriter) Write(p []byte) (int, error) {
	line := s.scr.masker().maskLine(p)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.w.Write(line); err != nil {
		return 0, err
	}
	return len(p), nil
}

// withheldLine replaces a log line that would still disclose a secret.
var withheldLine = []byte(`{"level":"error","component":"okta-connector","message":"a log entry was withheld: written out, it would have disclosed a secret"}` + "\n")

// maskLine masks one JSON log line value by value: keys and the level
// word are the connector's own. A line that is not JSON is masked as text.
func (m *masker) maskLine(p []byte) []byte {
	if m.cleanBytes(p) {
		return p
	}
	body := bytes.TrimRight(p, "\n")
	var out []byte
	leak := false
	if json.Valid(body) {
		out, leak = m.rewrite(body, maskValues|maskNestedKeys|keepLevel)
		if !leak && len(out) == len(body) && len(out) > 0 && &out[0] == &body[0] {
			return p // nothing masked
		}
		out = append(out[:len(out):len(out)], p[len(body):]...)
	} else {
		text := m.maskText(string(p))
		out, leak = []byte(text), m.leaks(text)
	}
	if leak {
		return withheldLine
	}
	return out
}

// NewLogger writes JSON lines to stderr, each masked by scr value by
// value: info level, or debug when the request's debug_level is 1.
func NewLogger(stderr io.Writer, debugLevel int, scr *Scrubber) zerolog.Logger {
	level := zerolog.InfoLevel
	if debugLevel >= 1 {
		level = zerolog.DebugLevel
	}
	return zerolog.New(&scrubWriter{w: stderr, scr: scr}).Level(level).With().Timestamp().Str("component", "okta-connector").Logger()
}
