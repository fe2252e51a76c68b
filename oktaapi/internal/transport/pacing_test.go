package transport

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/fixtures/simorg"
)

// fakeOkta answers like Okta's rate limiter on a fake clock: limit
// requests per family per window, windows aligned to the clock.
type fakeOkta struct {
	mu      sync.Mutex
	now     time.Time
	limit   int
	window  time.Duration
	used    map[string]int // family@window → count
	sent    []string       // family of each request received
	got429  int
	skewSec int64 // how far the org's clock is ahead of ours
}

func (f *fakeOkta) clock() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fakeOkta) sleep(_ context.Context, d time.Duration) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
	return nil
}

func (f *fakeOkta) RoundTrip(req *http.Request) (*http.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fam := rateFamily(req.URL.Path)
	f.sent = append(f.sent, fam)
	start := f.now.Truncate(f.window)
	key := fam + "@" + start.String()
	status, remaining := http.StatusOK, 0
	if f.used[key] >= f.limit {
		status = http.StatusTooManyRequests
		f.got429++
	} else {
		f.used[key]++
		remaining = f.limit - f.used[key]
	}
	h := http.Header{}
	orgNow := f.now.Add(time.Duration(f.skewSec) * time.Second)
	h.Set("Date", orgNow.UTC().Format(http.TimeFormat))
	h.Set("X-Rate-Limit-Limit", strconv.Itoa(f.limit))
	h.Set("X-Rate-Limit-Remaining", strconv.Itoa(remaining))
	h.Set("X-Rate-Limit-Reset", strconv.FormatInt(start.Add(f.window).Unix()+f.skewSec, 10))
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader("{}")), Request: req}, nil
}

func newFakeOkta(limit int, window time.Duration, skew int64) (*fakeOkta, *pacer) {
	f := &fakeOkta{now: time.Unix(1_800_000_000, 0), limit: limit, window: window, used: map[string]int{}, skewSec: skew}
	p := newPacer(f, zerolog.Nop())
	p.now, p.sleep = f.clock, f.sleep
	return f, p
}

func get(t *testing.T, p *pacer, ctx context.Context, path string) error {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://acme.okta.com"+path, nil)
	require.NoError(t, err)
	resp, err := p.RoundTrip(req)
	if err == nil {
		resp.Body.Close()
	}
	return err
}

// A batch larger than the budget waits for each reset instead of running
// into 429s, whatever the offset between the org's clock and ours.
func TestPacerWaitsForTheResetInsteadOfHitting429(t *testing.T) {
	for _, skew := range []int64{0, 3600, -7200} {
		f, p := newFakeOkta(5, time.Minute, skew)
		start := f.clock()
		for i := 0; i < 23; i++ {
			require.NoError(t, get(t, p, context.Background(), "/api/v1/users/00u"+strconv.Itoa(i)))
		}
		assert.Zero(t, f.got429, "skew %d", skew)
		assert.Len(t, f.sent, 23)
		elapsed := f.clock().Sub(start)
		assert.GreaterOrEqual(t, elapsed, 4*time.Minute, "five windows of five")
		assert.Less(t, elapsed, 5*time.Minute+10*time.Second, "no window wasted")
	}
}

func TestPacerKeepsFamiliesApart(t *testing.T) {
	f, p := newFakeOkta(2, time.Minute, 0)
	start := f.clock()
	for i := 0; i < 2; i++ {
		require.NoError(t, get(t, p, context.Background(), "/api/v1/users/00u1/lifecycle/suspend"))
	}
	require.NoError(t, get(t, p, context.Background(), "/api/v1/groups"))
	require.NoError(t, get(t, p, context.Background(), "/api/v1/users"))
	assert.Equal(t, start, f.clock(), "other families need no wait")
	require.NoError(t, get(t, p, context.Background(), "/api/v1/users/00u2"))
	assert.True(t, f.clock().After(start), "the used-up family waits")
	assert.Zero(t, f.got429)
}

// A 429 (another client spent the budget) holds the family until the
// reset it announces.
func TestPacerHoldsTheFamilyAfterA429(t *testing.T) {
	f, p := newFakeOkta(3, time.Minute, 0)
	f.used["/api/v1/users/*@"+f.now.Truncate(time.Minute).String()] = 3 // spent elsewhere
	require.NoError(t, get(t, p, context.Background(), "/api/v1/users/00u1"))
	assert.Equal(t, 1, f.got429)
	before := f.clock()
	require.NoError(t, get(t, p, context.Background(), "/api/v1/users/00u1"))
	assert.Equal(t, 1, f.got429, "the retry waited for the reset")
	assert.False(t, f.clock().Before(before.Truncate(time.Minute).Add(time.Minute)), "waited into the next window")
}

// A wait beyond the request's deadline fails at once, without sending.
func TestPacerWaitBeyondTheDeadlineFailsAtOnce(t *testing.T) {
	f, p := newFakeOkta(1, time.Minute, 0)
	require.NoError(t, get(t, p, context.Background(), "/api/v1/users/00u1"))
	ctx, cancel := context.WithDeadline(context.Background(), f.clock().Add(5*time.Second))
	defer cancel()
	err := get(t, p, ctx, "/api/v1/users/00u2")
	var wait *RateLimitError
	require.True(t, errors.As(err, &wait), "%v", err)
	assert.Equal(t, "/api/v1/users/*", wait.Family)
	assert.Contains(t, err.Error(), "rate limit for /api/v1/users/* is used up")
	assert.Len(t, f.sent, 1, "nothing sent")
}

// Without rate-limit headers nothing is held back.
func TestPacerWithoutHeadersPassesThrough(t *testing.T) {
	_, p := newFakeOkta(1, time.Minute, 0)
	p.next = roundTripFunc(func(req *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(""))}, nil
	})
	for i := 0; i < 5; i++ {
		require.NoError(t, get(t, p, context.Background(), "/api/v1/users/me"))
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// The connector keys its pacing by the families the simulated org counts.
func TestRateFamilyMatchesTheSimulatedOrg(t *testing.T) {
	for _, path := range []string{"/api/v1/users", "/api/v1/users/00u1", "/api/v1/users/00u1/lifecycle/suspend", "/api/v1/groups/00g1/users/00u1", "/api/v1/logs"} {
		assert.Equal(t, simorg.RateFamily(path), rateFamily(path), path)
	}
}
