package e2e

import (
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/fixtures/simorg"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// The fixture org has 14 users that are not DEPROVISIONED (Okta leaves
// those out of a plain listing), 7 of them ACTIVE; pages are capped at 2.
//
// limit follows the seed's rules: pages are fetched by the Link rel="next"
// cursor until limit items are collected, and all pages without a limit.
func TestListingFollowsTheCursorAndStopsAtLimit(t *testing.T) {
	cases := []struct {
		name      string
		params    map[string]any
		wantItems int
		wantPages int
	}{
		{"no limit reads every page", map[string]any{}, 14, 7},
		{"limit within the first page", map[string]any{"limit": 1}, 1, 1},
		{"limit on a page boundary", map[string]any{"limit": 4}, 4, 2},
		{"limit inside the third page", map[string]any{"limit": 5}, 5, 3},
		{"limit beyond the org", map[string]any{"limit": 1000}, 14, 7},
		{"filter kept on every page", map[string]any{"filter": `status eq "ACTIVE"`}, 7, 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, p, cfg := simProgram(t, simorg.WithPageCap(2))
			code, env, _ := invoke(t, p, request("list_users", cfg, c.params))
			require.Equal(t, 0, code, resultMessage(env))
			assert.Equal(t, c.wantItems, len(env.ActionResults[0]["data"].([]any)), "items collected")
			assert.EqualValues(t, c.wantItems, env.ActionResults[0]["summary"].(map[string]any)["num_users"])
			reqs := sim.Requests()
			assert.Equal(t, c.wantPages, len(reqs), "pages requested")
			for i, r := range reqs {
				q, err := url.ParseQuery(r.RawQuery)
				require.NoError(t, err)
				if f, ok := c.params["filter"]; ok {
					assert.Equal(t, f, q.Get("filter"), "page %d keeps the filter", i+1)
				}
				if i > 0 {
					assert.NotEmpty(t, q.Get("after"), "page %d follows the cursor", i+1)
				}
			}
		})
	}
}

// endlessPages answers every page of /api/v1/users with items and a next
// link to a page never seen before, as a broken or hostile server could
// for ever. pad makes each link that much longer.
func endlessPages(sim *simorg.Server, items, pad int) (func(http.ResponseWriter, *http.Request) bool, *atomic.Int32) {
	var pages atomic.Int32
	page := "[" + strings.TrimSuffix(strings.Repeat(`{"id":"00u1","status":"ACTIVE","profile":{"login":"a@example.com"}},`, items), ",") + "]"
	return func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/api/v1/users" {
			return false
		}
		n := pages.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Link", fmt.Sprintf(`<%s/api/v1/users?after=%d%s&limit=200>; rel="next"`, sim.URL, n, strings.Repeat("x", pad)))
		fmt.Fprint(w, page)
		return true
	}, &pages
}

// gzipPage answers /api/v1/users with a gzip-compressed JSON page whose
// text is written by body, as it is compressed.
func gzipPage(body func(w io.Writer) error) func(http.ResponseWriter, *http.Request) bool {
	return func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/api/v1/users" {
			return false
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		zw, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
		if body(zw) == nil {
			_ = zw.Close()
		}
		return true
	}
}

// repeated writes open, then part n times, then closing; it stops at the
// first write error (the connector hung up).
func repeated(open, part, closing string, n int) func(w io.Writer) error {
	return func(w io.Writer) error {
		if _, err := io.WriteString(w, open); err != nil {
			return err
		}
		chunk := []byte(strings.Repeat(part, max(1, (64<<10)/len(part))))
		per := len(chunk) / len(part)
		for done := 0; done < n; done += per {
			if done+per > n {
				chunk = chunk[:(n-done)*len(part)]
			}
			if _, err := w.Write(chunk); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, closing)
		return err
	}
}

// A listing the server never lets end, or that would hold more than the
// connector can, stops at a bound with one failed envelope that names the
// bound and how to narrow the request, in bounded time.
func TestListingStopsAtItsBounds(t *testing.T) {
	cases := []struct {
		name      string
		bounds    oktaapi.ListBounds
		fault     func(sim *simorg.Server) (func(http.ResponseWriter, *http.Request) bool, *atomic.Int32)
		want      []string
		wantPages int32 // the most pages requested; 0 for any
		wantItems int   // the items read before the bound
	}{
		{"endless distinct next links", oktaapi.ListBounds{Pages: 40},
			func(sim *simorg.Server) (func(http.ResponseWriter, *http.Request) bool, *atomic.Int32) {
				return endlessPages(sim, 1, 0)
			}, []string{"more than 40 pages", "narrow it with the limit parameter, a filter or search"}, 40, 40},
		{"endless long distinct next links", oktaapi.ListBounds{Pages: 40},
			func(sim *simorg.Server) (func(http.ResponseWriter, *http.Request) bool, *atomic.Int32) {
				return endlessPages(sim, 1, 200<<10)
			}, []string{"more than 40 pages"}, 40, 40},
		{"endless pages past the item bound", oktaapi.ListBounds{Items: 1000},
			func(sim *simorg.Server) (func(http.ResponseWriter, *http.Request) bool, *atomic.Int32) {
				return endlessPages(sim, 100, 0)
			}, []string{"more than 1000 items, the most one request may read"}, 11, 1000},
		{"endless pages past the byte bound", oktaapi.ListBounds{Bytes: 1 << 20},
			func(sim *simorg.Server) (func(http.ResponseWriter, *http.Request) bool, *atomic.Int32) {
				return endlessPages(sim, 1000, 0)
			}, []string{"more than 1 MiB of pages"}, 20, 15000},
		{"gzip page of 31 million tiny items", oktaapi.ListBounds{},
			func(*simorg.Server) (func(http.ResponseWriter, *http.Request) bool, *atomic.Int32) {
				return gzipPage(repeated("[0", ",0", "]", 31_000_000-1)), nil
			}, []string{"more than 1000000 items"}, 0, 0},
		{"gzip bomb page", oktaapi.ListBounds{},
			func(*simorg.Server) (func(http.ResponseWriter, *http.Request) bool, *atomic.Int32) {
				return gzipPage(repeated("[", " ", "]", 1<<30)), nil
			}, []string{"larger than the connector accepts", "64 MiB"}, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, p, cfg := simProgram(t)
			p.ListBounds = c.bounds
			fault, pages := c.fault(sim)
			sim.SetFault(fault)
			start := time.Now()
			code, env, stderr := invoke(t, p, request("list_users", cfg))
			assert.Less(t, time.Since(start), 15*time.Second)
			assert.Equal(t, connector.ExitFailed, code)
			assert.Equal(t, "failed", env.Status)
			require.Len(t, env.ActionResults, 1)
			for _, w := range c.want {
				assert.Contains(t, resultMessage(env), w)
			}
			// The pages read before the bound are written (the listing is
			// streamed), and the message says how many items they hold.
			data, _ := env.ActionResults[0]["data"].([]any)
			if c.wantItems > 0 {
				assert.Equal(t, c.wantItems, len(data), "items in data")
				assert.Contains(t, resultMessage(env), fmt.Sprintf("; data holds the %d items read before this", c.wantItems))
			} else {
				assert.Zero(t, len(data), "items in data")
				assert.NotContains(t, resultMessage(env), "data holds")
			}
			assert.NotContains(t, stderr, "panic")
			if c.wantPages > 0 {
				assert.LessOrEqual(t, pages.Load(), c.wantPages, "pages requested")
			}
		})
	}
}
