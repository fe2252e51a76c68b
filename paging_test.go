package main

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/fixtures/simorg"
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
