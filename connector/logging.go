package connector

import (
	"encoding/json"
	"io"
	"strings"
	"sync"

	"github.com/rs/zerolog"
)

// minSecretLen is the shortest secret the scrubbers look for; shorter ones
// would turn ordinary text into asterisks.
const minSecretLen = 4

// scrubber replaces every known secret with Masked, both as plain text and
// in its JSON-escaped form.
type scrubber struct{ r *strings.Replacer }

func newScrubber(secrets []string) *scrubber {
	var pairs []string
	for _, s := range secrets {
		if len(s) < minSecretLen {
			continue
		}
		pairs = append(pairs, s, Masked)
		enc, _ := json.Marshal(s)
		if e := string(enc[1 : len(enc)-1]); e != s {
			pairs = append(pairs, e, Masked)
		}
	}
	if len(pairs) == 0 {
		return &scrubber{}
	}
	return &scrubber{r: strings.NewReplacer(pairs...)}
}

func (s *scrubber) apply(text string) string {
	if s == nil || s.r == nil {
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
