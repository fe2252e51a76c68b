package oktaapi

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/soar-okta/okta-connector/oktaapi/internal/transport"
)

// Attempts records what the HTTP stack did for the requests of one run of
// an action: the time spent waiting for rate limits, the retries made, a
// change sent and not yet answered, and what reading an object again
// settled. The dispatcher creates one per run and gives it to the run's
// Client (Run.Attempts), which hands it to the stack with each request it
// sends; the dispatcher reads it when the run ends (Note, Unanswered). A
// nil *Attempts records nothing. It is safe for concurrent use.
type Attempts struct {
	mu       sync.Mutex
	wait     time.Duration
	retries  int
	reason   string
	inFlight *OutcomeUnknownError
	settled  string
}

var _ transport.Recorder = (*Attempts)(nil)

// Waited adds a wait for Okta's rate limit.
func (a *Attempts) Waited(d time.Duration) {
	if a == nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.wait += d
}

// Sending records a change that is not safe to repeat leaving on the wire.
func (a *Attempts) Sending(method, path string) {
	if a == nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.inFlight = &OutcomeUnknownError{Method: method, Path: path}
}

// Answered records that the change sent last got an answer.
func (a *Attempts) Answered() {
	if a == nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.inFlight = nil
}

// Retried records a request sent again after reason.
func (a *Attempts) Retried(reason string) {
	if a == nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.retries++
	a.reason = reason
}

// settle records how reading an object again settled an unknown outcome.
func (a *Attempts) settle(note string) {
	if a == nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.settled = note
}

// Unanswered is the change sent and never answered when the run stopped,
// or nil; ctx is the run's context, whose end says why no answer came.
func (a *Attempts) Unanswered(ctx context.Context) *OutcomeUnknownError {
	if a == nil {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.inFlight == nil {
		return nil
	}
	u := *a.inFlight
	u.Reason = transport.NoAnswer(ctx)
	return &u
}

// Note is appended to the run's message: " (waited 2s for Okta's rate
// limit)", " (retried 1 request after 503 Service Unavailable)", or "".
func (a *Attempts) Note() string {
	if a == nil {
		return ""
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	var parts []string
	if a.wait > 0 {
		parts = append(parts, "waited "+transport.RoundWait(a.wait)+" for Okta's rate limit")
	}
	if a.retries == 1 {
		parts = append(parts, "retried once after "+a.reason)
	} else if a.retries > 1 {
		parts = append(parts, fmt.Sprintf("retried %d times, last after %s", a.retries, a.reason))
	}
	if a.settled != "" {
		parts = append(parts, a.settled)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, "; ") + ")"
}
