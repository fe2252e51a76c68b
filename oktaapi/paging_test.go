package oktaapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/fixtures/simorg"
)

// simClient is a client of a fresh simulated org built with opts.
func simClient(t *testing.T, opts ...simorg.Option) (*Client, *simorg.Server) {
	t.Helper()
	sim, err := simorg.New(opts...)
	require.NoError(t, err)
	t.Cleanup(sim.Close)
	org, err := Connect(context.Background(), Config{BaseURL: sim.URL, APIKey: simorg.Token, VerifyCert: true, RootCAs: sim.CertPool()}, zerolog.Nop(), nil)
	require.NoError(t, err)
	return org.Client(Run{}), sim
}

// usersAsked is how many pages of /api/v1/users the org was asked for.
func usersAsked(sim *simorg.Server) int {
	n := 0
	for _, r := range sim.Requests() {
		if r.Path == "/api/v1/users" {
			n++
		}
	}
	return n
}

// While a page is visited, the next one is already asked for; never a page
// past the limit. The fixture org lists 14 users, 2 a page here.
func TestListPagesReadsTheNextPageWhileAPageIsVisited(t *testing.T) {
	c, sim := simClient(t, simorg.WithPageCap(2))
	pages := 0
	n, err := c.ListPages(context.Background(), PathOf("/api/v1/users"), nil, 0, func(page []json.RawMessage) error {
		pages++
		if pages < 7 {
			deadline := time.Now().Add(5 * time.Second)
			for usersAsked(sim) < pages+1 && time.Now().Before(deadline) {
				time.Sleep(time.Millisecond)
			}
			assert.Equal(t, pages+1, usersAsked(sim), "page %d asked for while page %d is visited", pages+1, pages)
		}
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, 14, n)
	assert.Equal(t, 7, usersAsked(sim))

	for _, limit := range []int{1, 2, 3, 4, 5} {
		c, sim := simClient(t, simorg.WithPageCap(2))
		n, err := c.ListPages(context.Background(), PathOf("/api/v1/users"), nil, limit, func([]json.RawMessage) error {
			time.Sleep(5 * time.Millisecond) // time for a page asked for too early to show
			return nil
		})
		require.NoError(t, err)
		assert.Equal(t, limit, n)
		assert.Equal(t, (limit+1)/2, usersAsked(sim), "pages for limit %d", limit)
	}
}

// A visit that fails stops the listing: the page already asked for is
// given up, and the error is the visit's.
func TestListPagesStopsAtAFailedVisit(t *testing.T) {
	c, sim := simClient(t, simorg.WithPageCap(2))
	stop := errors.New("stdout is closed")
	visits := 0
	n, err := c.ListPages(context.Background(), PathOf("/api/v1/users"), url.Values{}, 0, func([]json.RawMessage) error {
		visits++
		return stop
	})
	assert.ErrorIs(t, err, stop)
	assert.Equal(t, 1, visits)
	assert.Zero(t, n)
	assert.LessOrEqual(t, usersAsked(sim), 2)
}

// Pages are read into buffers used in turn, so a visit's items are valid
// only while it runs; List keeps a copy of each page, and its items stay
// whole after the buffers are reused.
func TestListKeepsItsItems(t *testing.T) {
	c, _ := simClient(t, simorg.WithPageCap(2))
	items, err := c.List(context.Background(), PathOf("/api/v1/users"), nil, 0)
	require.NoError(t, err)
	require.Len(t, items, 14)
	ids := map[string]bool{}
	for _, it := range items {
		var u struct {
			ID string `json:"id"`
		}
		require.NoError(t, json.Unmarshal(it, &u), "%s", it)
		ids[u.ID] = true
	}
	assert.Len(t, ids, 14, "every user once")

	kept := Keep([]json.RawMessage{json.RawMessage(`{"a":1}`), json.RawMessage(`[2]`)})
	kept[0] = append(kept[0], 'x') // appending to one kept item does not reach the next
	assert.Equal(t, `[2]`, string(kept[1]))
}

// A page asked for ahead that Okta refuses ends the listing with Okta's
// error, after the pages before it.
func TestListPagesReportsAPageReadAhead(t *testing.T) {
	c, sim := simClient(t, simorg.WithPageCap(2))
	seen := 0
	sim.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/api/v1/users" {
			return false
		}
		if seen++; seen < 3 {
			return false
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`{"errorCode":"E0000006","errorSummary":"You do not have permission to perform the requested action","errorCauses":[]}`))
		return true
	})
	n, err := c.ListPages(context.Background(), PathOf("/api/v1/users"), nil, 0, func([]json.RawMessage) error { return nil })
	assert.True(t, IsAPIError(err, http.StatusForbidden, "E0000006"), "%v", err)
	assert.Equal(t, 4, n, "the two pages before it")
}

// A listing that stops at its limit ends at a page's end, so that its
// cursor is exact, even with the next page read ahead while a page is
// visited: the page read ahead is asked for with the size the listing
// then wants, and a listing resumed from the cursor reads on with the
// next item. The fixture org lists 14 users, at most 2 a page here.
func TestListPagesFromCursorIsExactWithReadAhead(t *testing.T) {
	c, _ := simClient(t, simorg.WithPageCap(2))
	all, err := c.List(context.Background(), PathOf("/api/v1/users"), nil, 0)
	require.NoError(t, err)
	require.Len(t, all, 14)
	for limit := 1; limit <= 14; limit++ {
		c, sim := simClient(t, simorg.WithPageCap(2))
		var got []json.RawMessage
		n, cursor, err := c.ListPagesFrom(context.Background(), PathOf("/api/v1/users"), nil, limit, func(page []json.RawMessage) error {
			time.Sleep(2 * time.Millisecond) // time for a page read ahead to be asked for
			got = append(got, Keep(page)...)
			return nil
		})
		require.NoError(t, err)
		assert.Equal(t, limit, n)
		asked := sim.Requests()
		assert.Equal(t, (limit+1)/2, usersAsked(sim), "pages for limit %d: no page asked for and given up", limit)
		if limit == 14 {
			assert.Empty(t, cursor)
			continue
		}
		require.NotEmpty(t, cursor, "limit %d", limit)
		last, err := url.ParseQuery(asked[len(asked)-1].RawQuery)
		require.NoError(t, err)
		want := min(2, limit)
		if limit > 2 && limit%2 == 1 {
			want = 1
		}
		assert.Equal(t, strconv.Itoa(want), last.Get("limit"), "last page's size for limit %d", limit)
		rest, next, err := c.ListFrom(context.Background(), PathOf("/api/v1/users"), url.Values{"after": {cursor}}, 0)
		require.NoError(t, err)
		assert.Empty(t, next)
		assert.Equal(t, ids(t, all), ids(t, append(got, rest...)), "limit %d, then from its cursor", limit)
	}
}

// ids are the id members of items.
func ids(t *testing.T, items []json.RawMessage) []string {
	t.Helper()
	out := make([]string, len(items))
	for i, it := range items {
		var v struct {
			ID string `json:"id"`
		}
		require.NoError(t, json.Unmarshal(it, &v))
		out[i] = v.ID
	}
	return out
}
