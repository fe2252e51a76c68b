package transport

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rs/zerolog"
)

// pacer keeps the connector within Okta's rate limits before it hits them.
// Okta gives each endpoint family a budget per window and announces it on
// every response in X-Rate-Limit-Limit, -Remaining and -Reset. The pacer
// reads those headers, counts the requests it lets through (including the
// ones still in flight) and holds a request back until the window resets
// when the family's budget is used up, so a batch of many targets does not
// run into 429s. A 429 that comes anyway (another client spent the budget)
// marks the family as used up until the reset it announces; the retry
// layer waits for that reset before it repeats the request. A wait that
// would outlast the request's deadline fails at once with a RateLimitError
// naming the family.
type pacer struct {
	next http.RoundTripper
	log  zerolog.Logger

	mu       sync.Mutex
	families map[string]*allowance

	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
}

// allowance is what the pacer knows of one family's budget.
type allowance struct {
	known     bool
	limit     int
	remaining int       // requests that may still be sent in this window
	reset     int64     // the window's X-Rate-Limit-Reset, as announced
	resetAt   time.Time // when the window ends, on the local clock
	inflight  int
}

func newPacer(next http.RoundTripper, log zerolog.Logger) *pacer {
	return &pacer{next: next, log: log, families: map[string]*allowance{}, now: time.Now, sleep: Sleep}
}

// rateFamily is the endpoint family a path counts against: the collection
// (/api/v1/users) or everything below its objects (/api/v1/users/*). Where
// Okta's own families are finer, pacing by the coarser one is only more
// careful.
func rateFamily(path string) string {
	segs := strings.SplitN(strings.Trim(path, "/"), "/", 4)
	if len(segs) < 4 {
		return "/" + strings.Join(segs, "/")
	}
	return "/" + strings.Join(segs[:3], "/") + "/*"
}

func (p *pacer) RoundTrip(req *http.Request) (*http.Response, error) {
	family := rateFamily(req.URL.Path)
	if err := p.admit(req.Context(), family); err != nil {
		return nil, err
	}
	resp, err := p.next.RoundTrip(req)
	p.mu.Lock()
	defer p.mu.Unlock()
	a := p.families[family]
	a.inflight--
	if err == nil {
		p.observe(family, a, resp)
	}
	return resp, err
}

// admit waits until family's budget allows one more request and counts it.
func (p *pacer) admit(ctx context.Context, family string) error {
	for {
		p.mu.Lock()
		a := p.families[family]
		if a == nil {
			a = &allowance{}
			p.families[family] = a
		}
		now := p.now()
		if a.known && a.remaining <= 0 && !now.Before(a.resetAt) {
			// The window is over: its successor's budget is unknown
			// until a response tells, so assume it is whole.
			a.remaining = a.limit - a.inflight
			a.resetAt = now.Add(time.Second)
		}
		if !a.known || a.remaining > 0 {
			a.remaining--
			a.inflight++
			p.mu.Unlock()
			return nil
		}
		wait := a.resetAt.Sub(now)
		p.mu.Unlock()
		if dl, ok := ctx.Deadline(); ok && now.Add(wait).After(dl) {
			return &RateLimitError{Family: family, Wait: wait}
		}
		p.log.Debug().Str("family", family).Dur("wait_ms", wait).Msg("rate limit budget used up: waiting for the reset")
		if err := p.sleep(ctx, wait); err != nil {
			return err
		}
		recorderFrom(ctx).Waited(wait)
	}
}

// observe updates a family's allowance from a response's headers. Requests
// still in flight may not have been counted by Okta yet, so they are
// subtracted from what Okta says remains.
func (p *pacer) observe(family string, a *allowance, resp *http.Response) {
	h := resp.Header
	limit, err1 := strconv.Atoi(h.Get("X-Rate-Limit-Limit"))
	remaining, err2 := strconv.Atoi(h.Get("X-Rate-Limit-Remaining"))
	reset, err3 := strconv.ParseInt(h.Get("X-Rate-Limit-Reset"), 10, 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		remaining = 0 // the retry layer logs the wait
	}
	now := p.now()
	// The reset is on Okta's clock; Date says what that clock showed.
	// Date is cut to whole seconds, so the wait is never too short.
	serverNow := now.Unix()
	if d, err := http.ParseTime(h.Get("Date")); err == nil {
		serverNow = d.Unix()
	}
	resetAt := now.Add(time.Duration(max(0, reset-serverNow)) * time.Second)
	left := remaining - a.inflight
	switch {
	case !a.known || reset > a.reset:
		*a = allowance{known: true, limit: limit, remaining: left, reset: reset, resetAt: resetAt, inflight: a.inflight}
	case reset == a.reset:
		a.limit = limit
		a.remaining = min(a.remaining, left)
	}
}
