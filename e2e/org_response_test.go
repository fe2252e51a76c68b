package e2e

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/fixtures/simorg"
)

// The org-wide actions' id parameters, and the cursors and factor ids of
// the options, under attack (hostile_test.go), with the only paths their
// actions may call.
func orgResponseFamily() hostileFamily {
	actionPaths := map[string][]string{}
	var hostileTargets []hostileTarget
	zone := func(op string) []string {
		return []string{`/api/v1/zones`, `/api/v1/zones/SEG`, `/api/v1/zones/SEG/lifecycle/` + op}
	}
	actionPaths["revoke_api_token"] = []string{`/api/v1/users/me`, `/api/v1/api-tokens`, `/api/v1/api-tokens/SEG`}
	actionPaths["deactivate_idp"] = []string{`/api/v1/idps`, `/api/v1/idps/SEG/lifecycle/deactivate`}
	actionPaths["activate_zone"] = zone("activate")
	actionPaths["deactivate_zone"] = zone("deactivate")
	actionPaths["set_threatinsight"] = []string{`/api/v1/threats/configuration`, `/api/v1/zones`}
	actionPaths["delete_trusted_origin"] = []string{`/api/v1/trustedOrigins`, `/api/v1/trustedOrigins/SEG`}
	actionPaths["list_users"] = []string{`/api/v1/users`}
	actionPaths["list_user_groups"] = []string{`/api/v1/groups`}
	actionPaths["list_apps"] = []string{`/api/v1/apps`}
	actionPaths["get_logs"] = []string{`/api/v1/logs`}
	hostileTargets = append(hostileTargets,
		hostileTarget{"revoke_api_token", "token_id", nil},
		hostileTarget{"deactivate_idp", "idp_id", nil},
		hostileTarget{"activate_zone", "zone_id", nil},
		hostileTarget{"deactivate_zone", "zone_id", nil},
		hostileTarget{"set_threatinsight", "exclude_zones", map[string]any{"action": "block"}},
		hostileTarget{"delete_trusted_origin", "origin_id", nil},
		hostileTarget{"list_users", "after", nil},
		hostileTarget{"list_user_groups", "after", nil},
		hostileTarget{"list_apps", "after", nil},
		hostileTarget{"get_logs", "after", map[string]any{"since": "2026-01-01T00:00:00Z"}},
		hostileTarget{"send_push_notification", "factor_id", map[string]any{"email": "dana.whitfield@example.com", "factortype": "push"}},
	)
	return hostileFamily{targets: hostileTargets, paths: actionPaths}
}

// sent lists the requests of method the org received, as "METHOD path".
func sent(sim *simorg.Server, method string) []string {
	var out []string
	for _, r := range sim.Requests() {
		if r.Method == method {
			out = append(out, r.Method+" "+r.EscapedPath)
		}
	}
	return out
}

// With an API token, no token of the connector's own account is revoked,
// whether named by id or by name; a token of another account is.
func TestRevokeAPITokenSparesTheConnectorsAccount(t *testing.T) {
	sim, p, cfg := simProgram(t)
	code, env, _ := invoke(t, p, request("revoke_api_token", cfg,
		map[string]any{"token_id": simorg.TokenID}, map[string]any{"token_id": "Terraform"}))
	assert.Equal(t, 1, code)
	for _, r := range env.ActionResults {
		assert.Equal(t, "failed", r["status"])
		assert.Contains(t, r["message"], "the account the connector's own API token belongs to")
		assert.Contains(t, r["message"], "Admin Console")
	}
	assert.Empty(t, sent(sim, http.MethodDelete), "nothing is revoked")

	code, env, _ = invoke(t, p, request("revoke_api_token", cfg, map[string]any{"token_id": "Legacy SCIM bridge"}))
	require.Equal(t, 0, code, resultMessage(env))
	assert.Equal(t, []string{"DELETE /api/v1/api-tokens/00Tr5Yw2jLm9GtCf8Ud3"}, sent(sim, http.MethodDelete))
	code, env, _ = invoke(t, p, request("list_api_tokens", cfg))
	require.Equal(t, 0, code, resultMessage(env))
	assert.EqualValues(t, 3, env.ActionResults[0]["summary"].(map[string]any)["num_tokens"], "the token is gone, the connector's still works")
}

// With OAuth 2.0 the connector holds no API token: any token may be
// revoked, and the account behind the credentials is never asked for.
func TestRevokeAPITokenWithOAuthRevokesAnyToken(t *testing.T) {
	sim, p, cfg := oauthSim(t, connector.DefaultScopes)
	code, env, _ := invoke(t, p, request("revoke_api_token", cfg, map[string]any{"token_id": simorg.TokenID}))
	require.Equal(t, 0, code, resultMessage(env))
	assert.Contains(t, resultMessage(env), `API token "SOAR connector" (`+simorg.TokenID+`) of user`)
	assert.Equal(t, []string{"DELETE /api/v1/api-tokens/" + simorg.TokenID}, sent(sim, http.MethodDelete))
	for _, r := range sim.Requests() {
		assert.NotEqual(t, "/api/v1/users/me", r.Path)
	}
}

// Okta's IAM API pages in the body: every page is read by its next link,
// and limit stops the listing with a note that more may exist.
func TestListAdminsFollowsTheBodyLink(t *testing.T) {
	sim, p, cfg := simProgram(t, simorg.WithPageCap(2))
	code, env, _ := invoke(t, p, request("list_admins", cfg))
	require.Equal(t, 0, code, resultMessage(env))
	assert.Len(t, env.ActionResults[0]["data"], 6)
	reqs := sim.Requests()
	require.Len(t, reqs, 3, "three pages of two")
	for i, r := range reqs[1:] {
		q, err := url.ParseQuery(r.RawQuery)
		require.NoError(t, err)
		assert.NotEmpty(t, q.Get("after"), "page %d follows the cursor", i+2)
	}

	sim, p, cfg = simProgram(t, simorg.WithPageCap(2))
	code, env, _ = invoke(t, p, request("list_admins", cfg, map[string]any{"limit": 3}))
	require.Equal(t, 0, code, resultMessage(env))
	assert.Len(t, env.ActionResults[0]["data"], 3)
	assert.Equal(t, "Num admins: 3; the limit was reached, so more may exist", resultMessage(env))
	assert.Len(t, sim.Requests(), 2)
}

// A body page that is not Okta's, or whose next link leaves the org or the
// collection, ends the listing with a message that says so; nothing
// outside the collection is requested.
func TestListAdminsRefusesForeignPages(t *testing.T) {
	cases := []struct {
		name, body, want string
	}{
		{"a list", `[{"id":"00u1"}]`, "JSON list instead of an object holding the list in value"},
		{"no value", `{"_links":{}}`, "without the list in value"},
		{"value not a list", `{"value":{"id":"00u1"}}`, "JSON object instead of a list"},
		{"next link off the org", `{"value":[{"id":"00u1"}],"_links":{"next":{"href":"https://evil.example/api/v1/iam/assignees/users?after=x"}}}`, "leaves https://"},
		{"next link out of the collection", `{"value":[{"id":"00u1"}],"_links":{"next":{"href":"BASE/api/v1/users?after=x"}}}`, "outside this collection"},
		{"next link with user information", `{"value":[{"id":"00u1"}],"_links":{"next":{"href":"https://u:p@HOST/api/v1/iam/assignees/users?after=x"}}}`, "carries user information"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, p, cfg := simProgram(t)
			host := strings.TrimPrefix(sim.URL, "https://")
			body := strings.ReplaceAll(strings.ReplaceAll(c.body, "BASE", sim.URL), "HOST", host)
			sim.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
				if r.URL.Path != "/api/v1/iam/assignees/users" {
					return false
				}
				w.Header().Set("Content-Type", "application/json")
				_, _ = fmt.Fprint(w, body)
				return true
			})
			code, env, _ := invoke(t, p, request("list_admins", cfg))
			assert.Equal(t, 1, code)
			assert.Contains(t, resultMessage(env), c.want)
			for _, r := range sim.Requests() {
				assert.Equal(t, "/api/v1/iam/assignees/users", r.Path)
			}
			assert.Len(t, sim.Requests(), 1, "no next page is fetched")
		})
	}
}

// next_after reads on exactly where a run stopped, also when limit ends
// inside a page the org would send: following the cursors gives every
// item once, in order.
func TestCursorReadsOn(t *testing.T) {
	window := map[string]any{"since": "2026-01-01T00:00:00Z", "until": "2026-01-16T00:00:00Z"}
	newestFirst := map[string]any{"since": "2026-01-01T00:00:00Z", "until": "2026-01-16T00:00:00Z", "sort_order": "DESCENDING"}
	for _, c := range []struct {
		name, action string
		params       map[string]any
		pageCap      int
	}{
		{"users", "list_users", nil, 0},
		{"users, pages of 2", "list_users", nil, 2},
		{"groups", "list_user_groups", nil, 0},
		{"apps, pages of 2", "list_apps", nil, 2},
		{"events", "get_logs", window, 0},
		{"events newest first", "get_logs", newestFirst, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			var opts []simorg.Option
			if c.pageCap > 0 {
				opts = append(opts, simorg.WithPageCap(c.pageCap))
			}
			_, p, cfg := simProgram(t, opts...)
			ids := func(r map[string]any) []string {
				var out []string
				for _, it := range r["data"].([]any) {
					obj := it.(map[string]any)
					id, _ := obj["id"].(string)
					if id == "" {
						id, _ = obj["uuid"].(string)
					}
					out = append(out, id)
				}
				return out
			}
			all := map[string]any{"limit": 1000}
			for k, v := range c.params {
				all[k] = v
			}
			code, env, _ := invoke(t, p, request(c.action, cfg, all))
			require.Equal(t, 0, code, resultMessage(env))
			want := ids(env.ActionResults[0])
			require.Greater(t, len(want), 3, "enough items to page through")
			assert.NotContains(t, env.ActionResults[0]["summary"], "next_after", "a listing read to its end has no cursor")

			var got []string
			after := ""
			for run := 0; run < len(want); run++ {
				params := map[string]any{"limit": 3}
				for k, v := range c.params {
					params[k] = v
				}
				if after != "" {
					params["after"] = after
				}
				code, env, _ := invoke(t, p, request(c.action, cfg, params))
				require.Equal(t, 0, code, resultMessage(env))
				got = append(got, ids(env.ActionResults[0])...)
				next, _ := env.ActionResults[0]["summary"].(map[string]any)["next_after"].(string)
				if next == "" {
					break
				}
				assert.Contains(t, resultMessage(env), "next_after")
				after = next
			}
			assert.Equal(t, want, got)
		})
	}
}

// revoke_sessions ends the user's sessions with the reset; without it they
// live on.
func TestResetPasswordRevokesSessions(t *testing.T) {
	const session = "/api/v1/sessions/102eUPSFkVsaEdPwdetywBz" // marcus.oyelaran's
	for _, revoke := range []bool{false, true} {
		t.Run(fmt.Sprint(revoke), func(t *testing.T) {
			_, p, cfg := simProgram(t)
			params := map[string]any{"user_id": "marcus.oyelaran@example.com", "receive_type": "UI"}
			if revoke {
				params["revoke_sessions"] = true
			}
			code, env, _ := invoke(t, p, request("reset_password", cfg, params))
			require.Equal(t, 0, code, resultMessage(env))
			assert.Equal(t, revoke, strings.Contains(resultMessage(env), "sessions were ended"))
			code, env, _ = invoke(t, p, request("custom_api_request", cfg, map[string]any{"method": "GET", "path": session}))
			if revoke {
				assert.Equal(t, 1, code)
				assert.Contains(t, resultMessage(env), "404")
			} else {
				assert.Equal(t, 0, code, resultMessage(env))
			}
		})
	}
}

// Asking a page for fewer items than the next link does never hides a
// server that repeats the same link: the link as Okta sent it is the one
// checked against those already followed.
func TestShorterPagesStillStopARepeatedLink(t *testing.T) {
	sim, p, cfg := simProgram(t)
	sim.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/api/v1/users" {
			return false
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Add("Link", "<https://"+r.Host+`/api/v1/users?after=same&limit=200>; rel="next"`)
		_, _ = fmt.Fprint(w, `[{"id":"00u1","status":"ACTIVE","profile":{"login":"a@example.com"}}]`)
		return true
	})
	code, env, _ := invoke(t, p, request("list_users", cfg, map[string]any{"limit": 50}))
	assert.Equal(t, 1, code)
	assert.Contains(t, resultMessage(env), "same next-page link twice")
	assert.Len(t, sim.Requests(), 2)
}
