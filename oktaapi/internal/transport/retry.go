package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/cenkalti/backoff/v4"
	"github.com/rs/zerolog"
)

// Retry settings. A request that is safe to repeat is tried up to
// maxAttempts times when a gateway fails (502, 503, 504) or the connection
// breaks before Okta answers; a 429 is waited out up to rateLimitRetries
// times, whatever the method, since Okta did not process the request.
const (
	defaultRetryBase = 500 * time.Millisecond
	maxRetryInterval = 8 * time.Second
	maxAttempts      = 4
	rateLimitRetries = 2
	// rateLimitJitter spreads the retries of clients that share a limit.
	rateLimitJitter = 250 * time.Millisecond
)

// repeatablePOSTs are the POST operations Okta treats as idempotent: doing
// one twice leaves the org as doing it once. "*" stands for one segment.
// Every other POST creates something (a user, a group, a role assignment,
// a push challenge) and is never repeated once it may have reached Okta.
var repeatablePOSTs = []string{
	"/api/v1/users/*",             // partial profile update
	"/api/v1/users/*/lifecycle/*", // activate, suspend, unlock, ...
	"/api/v1/apps/*/lifecycle/*",
	"/api/v1/groups/rules/*/lifecycle/*",
	"/api/v1/idps/*/lifecycle/*",
	"/api/v1/zones/*/lifecycle/*",
	"/api/v1/policies/*/lifecycle/*",
	TokenPath, // a refused repeat only costs a fresh assertion
}

// repeatableDELETEs are the DELETE operations whose repeat can do no more
// than the first and is answered as the first was: ending a user's
// sessions and removing a group membership. Every other DELETE is not
// safe to repeat on Okta: the first DELETE of a user deactivates it and
// the second deletes it for good, and a repeated removal of a factor, a
// role, an app, an app assignment or a zone is answered 404 even though
// the first one worked. After an unknown outcome such a DELETE is never
// repeated; the object is read again instead (see the client's Do).
var repeatableDELETEs = []string{
	"/api/v1/users/*/sessions",
	"/api/v1/groups/*/users/*",
}

// repeatable reports whether a request may be sent again when its outcome
// is unknown.
func repeatable(method, escapedPath string) bool {
	var safe []string
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodOptions:
		return true
	case http.MethodPost:
		safe = repeatablePOSTs
	case http.MethodDelete:
		safe = repeatableDELETEs
	}
	for _, p := range safe {
		if pathMatches(p, escapedPath) {
			return true
		}
	}
	return false
}

func pathMatches(pattern, path string) bool {
	ps := strings.Split(strings.Trim(pattern, "/"), "/")
	segs := strings.Split(strings.Trim(path, "/"), "/")
	if len(ps) != len(segs) {
		return false
	}
	for i, p := range ps {
		if p != "*" && p != segs[i] || segs[i] == "" {
			return false
		}
	}
	return true
}

// transientStatus is a gateway failure worth another try.
func transientStatus(code int) bool {
	return code == http.StatusBadGateway || code == http.StatusServiceUnavailable || code == http.StatusGatewayTimeout
}

// connectionLost reports whether err means the connection broke after the
// request may have been sent (reset, or closed before an answer).
func connectionLost(err error) bool {
	return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

// retryTransport repeats what is safe to repeat, waits out rate limits,
// and never waits past the request's deadline.
type retryTransport struct {
	next http.RoundTripper
	base time.Duration
	log  zerolog.Logger
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil && req.Body != http.NoBody {
		var err error
		body, err = io.ReadAll(req.Body)
		_ = req.Body.Close()
		if err != nil {
			return nil, err
		}
	}
	ctx := req.Context()
	path := req.URL.EscapedPath()
	canRepeat := repeatable(req.Method, path)
	tries := newAttemptBackoff(t.base)
	var rateLimited int
	for attempt := 1; ; attempt++ {
		try := req.Clone(ctx)
		try.Body, try.GetBody = nil, nil
		if body != nil {
			try.Body = io.NopCloser(bytes.NewReader(body))
			try.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		}
		// Nothing of the request leaves before a connection is ready
		// (dialled, tunnelled through the proxy, TLS done).
		var sent atomic.Bool
		try = try.WithContext(httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
			GotConn: func(httptrace.GotConnInfo) {
				sent.Store(true)
				if !canRepeat {
					recorderFrom(ctx).Sending(req.Method, path)
				}
			},
		}))
		start := time.Now()
		resp, err := t.next.RoundTrip(try)
		ev := t.log.Debug().Str("method", req.Method).Str("path", path).Int("attempt", attempt)
		if err != nil {
			ev.Str("error", err.Error()).Dur("elapsed_ms", time.Since(start)).Msg("okta request failed")
		} else {
			ev.Int("status", resp.StatusCode).Dur("elapsed_ms", time.Since(start)).Msg("okta request")
		}

		if !canRepeat && (err == nil || ctx.Err() == nil) {
			recorderFrom(ctx).Answered()
		}

		var wait time.Duration
		var reason string
		switch {
		case err != nil && !canRepeat && sent.Load() && (ctx.Err() != nil || isTimeout(err)):
			// A change sent and never answered: as unknown as a reset.
			return nil, &OutcomeUnknownError{Method: req.Method, Path: path, Reason: NoAnswer(ctx), cause: err}
		case err == nil && resp.StatusCode == http.StatusTooManyRequests:
			drain(resp) // the headers say all there is to know
			if rateLimited >= rateLimitRetries {
				return nil, &RateLimitError{Method: req.Method, Path: path, Retries: rateLimited}
			}
			rateLimited++
			wait = rateLimitWait(resp, t.base) + jitter(rateLimitJitter)
			if !fitsDeadline(ctx, wait) {
				return nil, &RateLimitError{Wait: wait, Method: req.Method, Path: path}
			}
			recorderFrom(ctx).Waited(wait)
			t.log.Info().Str("method", req.Method).Str("path", path).Dur("wait_ms", wait).Msg("waiting for Okta's rate limit")
			if err := Sleep(ctx, wait); err != nil {
				return nil, err
			}
			continue
		case err == nil && transientStatus(resp.StatusCode):
			reason = resp.Status
		case err != nil && connectionLost(err) && ctx.Err() == nil:
			reason = "connection lost: " + RootCause(err)
		default:
			return resp, err
		}

		// A request that never left the connector can always be sent again.
		if !canRepeat && (err == nil || sent.Load()) {
			unknown := &OutcomeUnknownError{Method: req.Method, Path: path, Reason: reason}
			if resp != nil {
				unknown.Answer = APIErrorFrom(req.Method, path, resp)
			}
			return nil, unknown
		}
		wait = tries.NextBackOff()
		if attempt >= maxAttempts || !fitsDeadline(ctx, wait) {
			if err != nil {
				return nil, &ConnectionLostError{Attempts: attempt, Cause: RootCause(err)}
			}
			return resp, nil
		}
		if resp != nil {
			drain(resp)
		}
		recorderFrom(ctx).Retried(reason)
		t.log.Info().Str("method", req.Method).Str("path", path).Str("reason", reason).Dur("wait_ms", wait).Int("attempt", attempt).Msg("retrying an Okta request")
		if err := Sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

func newAttemptBackoff(base time.Duration) backoff.BackOff {
	b := backoff.NewExponentialBackOff()
	b.InitialInterval = base
	b.Multiplier = 2
	b.RandomizationFactor = 0.5
	b.MaxInterval = maxRetryInterval
	b.MaxElapsedTime = 0
	b.Reset()
	return b
}

// rateLimitWait is how long Okta asks to wait: until X-Rate-Limit-Reset,
// measured on the server's own Date so the local clock does not matter,
// plus a second; or Retry-After; or the back-off base when neither is given.
func rateLimitWait(resp *http.Response, base time.Duration) time.Duration {
	if date, err := http.ParseTime(resp.Header.Get("Date")); err == nil {
		if reset, err := strconv.ParseInt(resp.Header.Get("X-Rate-Limit-Reset"), 10, 64); err == nil {
			d := time.Unix(reset, 0).Sub(date) + time.Second
			if d < time.Second {
				d = time.Second
			}
			return d
		}
	}
	if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	return base
}

func jitter(max time.Duration) time.Duration {
	if max <= 0 {
		return 0
	}
	return rand.N(max)
}

// fitsDeadline reports whether waiting d still leaves the request inside
// its context's deadline.
func fitsDeadline(ctx context.Context, d time.Duration) bool {
	deadline, ok := ctx.Deadline()
	return !ok || time.Until(deadline) > d
}

func drain(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
}

// RateLimitError is a request Okta's rate limit stopped: a 429 that
// outlasted the retries (Retries > 0) or whose reset lies beyond the
// request's deadline (Wait), or, when Family is set, a request the pacer
// did not send because the family's budget is used up until after the
// request's deadline (Wait).
type RateLimitError struct {
	Method, Path string
	Retries      int
	Wait         time.Duration
	Family       string
}

func (e *RateLimitError) Error() string {
	if e.Family != "" {
		return fmt.Sprintf("not sent: Okta's rate limit for %s is used up for another %s, longer than the request's timeout allows; run the action again after the reset or give it a longer timeout",
			e.Family, e.Wait.Round(time.Second))
	}
	if e.Retries > 0 {
		return fmt.Sprintf("Okta error E0000047 (429 Too Many Requests): the org's rate limit for %s %s was still exceeded after waiting for it %d times; wait for the rate-limit window to reset and run the action again", e.Method, e.Path, e.Retries)
	}
	return fmt.Sprintf("Okta error E0000047 (429 Too Many Requests): the org's rate limit for %s %s resets in %s, after this action's timeout, so the connector did not wait; run the action again later or raise the timeout", e.Method, e.Path, RoundWait(e.Wait))
}

// isTimeout reports whether err is a network timeout (no answer within
// RequestTimeout).
func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// NoAnswer says why a request sent with ctx got no answer.
func NoAnswer(ctx context.Context) string {
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return "no answer came before the action's timeout"
	case ctx.Err() != nil:
		return "the run was stopped before Okta answered"
	}
	return fmt.Sprintf("no answer came within %s", RequestTimeout)
}

// OutcomeUnknownError is a change that may or may not have been made: the
// request reached Okta (or a gateway), then the answer was a gateway
// failure, the connection broke or no answer came in time. It is not
// repeated, to avoid doing it twice. A DELETE is followed by a read of
// the object (the client's Do), whose finding is Found.
type OutcomeUnknownError struct {
	Method, Path string
	Reason       string
	Answer       *APIError
	// Found is what reading the object again found: "" when it was not
	// read, else a clause such as "it is still there, with status
	// DEPROVISIONED".
	Found string
	// Status is the status the object read again holds, if any.
	Status string

	cause error
}

func (e *OutcomeUnknownError) Error() string {
	why := e.Reason
	if e.Answer != nil && e.Answer.Code() != "" {
		why += " (Okta error " + e.Answer.Code() + ")"
	}
	msg := fmt.Sprintf("the outcome of %s %s is unknown: the request was sent but %s, so Okta may or may not have made the change; it was not repeated, to avoid doing it twice", e.Method, e.Path, why)
	if e.Method == http.MethodDelete {
		msg += " (Okta takes some deletions in two steps: a user's first DELETE deactivates it, the second deletes it for good)"
	}
	if e.Found != "" {
		msg += ". Reading it again found that " + e.Found
	}
	return msg + ". Check in Okta (the object itself, or the System Log) whether the change was made before running the action again"
}

func (e *OutcomeUnknownError) Unwrap() error { return e.cause }

// ConnectionLostError is a request safe to repeat whose connection kept
// breaking.
type ConnectionLostError struct {
	Attempts int
	Cause    string
}

func (e *ConnectionLostError) Error() string {
	return fmt.Sprintf("the connection to Okta broke before it answered, %d times in a row (%s): check the network path and any proxy to base_url, then run the action again", e.Attempts, e.Cause)
}

// RoundWait writes a wait for a message: to the second, or to the
// hundredth under a second.
func RoundWait(d time.Duration) string {
	if d < time.Second {
		return d.Round(10 * time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}

// Sleep waits for d or until ctx ends.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// RootCause is the text of the innermost error err wraps.
func RootCause(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}
