package e2e

import (
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/fixtures/simorg"
)

// anyList is a JSON array of strings, as a playbook builds it.
func anyList(items []string) []any {
	out := make([]any, len(items))
	for i, s := range items {
		out[i] = s
	}
	return out
}

// paramsOf lists each result's value of one parameter, and statuses.
func paramsOf(env envelope, name string) (values, statuses []string) {
	for _, r := range env.ActionResults {
		p, _ := r["parameter"].(map[string]any)
		values = append(values, fmt.Sprint(p[name]))
		statuses = append(statuses, fmt.Sprint(r["status"]))
	}
	return values, statuses
}

// A list of users is one result per user, in input order, blanks and
// repeats dropped; one user's failure does not stop the others. A comma
// list in a string is read as a list only when the asset opts in.
func TestMultiTargetOrderDedupeAndPartialFailure(t *testing.T) {
	sim, p, cfg := simProgram(t)
	cfg["split_comma_lists"] = true
	ids := " dana.whitfield@example.com, nobody@example.com,,00u63FfkCzJr4i0B3JrT, 00u0uvSwMFLZDe1f8rES ,dana.whitfield@example.com, marcus.oyelaran@example.com"
	code, env, _ := invoke(t, p, request("disable_user", cfg, map[string]any{"id": ids}))
	require.Equal(t, connector.ExitSuccess, code, env.Message)
	values, statuses := paramsOf(env, "id")
	assert.Equal(t, []string{"dana.whitfield@example.com", "nobody@example.com", "00u63FfkCzJr4i0B3JrT", "00u0uvSwMFLZDe1f8rES", "marcus.oyelaran@example.com"}, values)
	assert.Equal(t, []string{"success", "failed", "failed", "success", "success"}, statuses)
	assert.Equal(t, "3 of 5 actions succeeded", env.Message)
	assert.EqualValues(t, 5, env.Summary["total_objects"])
	assert.EqualValues(t, 3, env.Summary["total_objects_successful"])
	assert.Contains(t, env.ActionResults[1]["message"], "E0000007")
	assert.Contains(t, env.ActionResults[3]["message"], "already SUSPENDED")
	assert.Empty(t, sim.SpecErrors())
}

// A JSON array keeps values whole, one result each; JSON list text in a
// string is one value, as is a comma list unless the asset opts in.
func TestMultiTargetJSONList(t *testing.T) {
	sim, p, cfg := simProgram(t)
	code, env, _ := invoke(t, p, request("get_user", cfg, map[string]any{"user_id": []any{"00ufBAepfJBd0Kh8oOOL", "o'neil+soc@example.com", "00ufBAepfJBd0Kh8oOOL"}}))
	require.Equal(t, connector.ExitSuccess, code, env.Message)
	values, statuses := paramsOf(env, "user_id")
	assert.Equal(t, []string{"00ufBAepfJBd0Kh8oOOL", "o'neil+soc@example.com"}, values)
	assert.Equal(t, []string{"success", "success"}, statuses)

	for _, one := range []string{`["00ufBAepfJBd0Kh8oOOL", "o'neil+soc@example.com"]`, "00ufBAepfJBd0Kh8oOOL,00u8dKLzdocJ2isAjIhK"} {
		before := len(sim.Requests())
		code, env, _ = invoke(t, p, request("disable_user", cfg, map[string]any{"id": one}))
		assert.Equal(t, connector.ExitFailed, code)
		values, _ = paramsOf(env, "id")
		assert.Equal(t, []string{one}, values, "one string, one target")
		assert.Contains(t, resultMessage(env), "no Okta user has the id or login")
		for _, r := range sim.Requests()[before:] {
			assert.Equal(t, http.MethodGet, r.Method, "nothing changed")
		}
	}
}

// Two listed target parameters run every combination, the first-declared
// parameter (group_id) varying slowest.
func TestMultiTargetCrossProduct(t *testing.T) {
	_, p, cfg := simProgram(t)
	code, env, _ := invoke(t, p, request("add_group_user", cfg, map[string]any{
		"group_id": []any{"00gvVqE1SkHbn88HxjSI", "00g6bWHtP3fS2qHx6kwX"},
		"user_id":  []any{"dana.whitfield@example.com", "marcus.oyelaran@example.com"},
	}))
	require.Equal(t, connector.ExitSuccess, code, env.Message)
	groups, statuses := paramsOf(env, "group_id")
	users, _ := paramsOf(env, "user_id")
	assert.Equal(t, []string{"00gvVqE1SkHbn88HxjSI", "00gvVqE1SkHbn88HxjSI", "00g6bWHtP3fS2qHx6kwX", "00g6bWHtP3fS2qHx6kwX"}, groups)
	assert.Equal(t, []string{"dana.whitfield@example.com", "marcus.oyelaran@example.com", "dana.whitfield@example.com", "marcus.oyelaran@example.com"}, users)
	assert.Equal(t, []string{"success", "success", "success", "success"}, statuses)
}

// Beyond max_targets the parameter set fails with a message naming the
// setting, and nothing is sent; other parameter sets still run.
func TestMultiTargetCap(t *testing.T) {
	sim, p, cfg := simProgram(t)
	cfg["max_targets"] = 3
	code, env, _ := invoke(t, p, request("disable_user", cfg,
		map[string]any{"id": []any{"00ufBAepfJBd0Kh8oOOL", "00u8dKLzdocJ2isAjIhK", "00utJ0RlgLKOmxgJTeKd", "00uNnFRIBXuDL7DxtpYl"}},
		map[string]any{"id": "00uSXpfKtHF4vUCsMehG"},
	))
	require.Equal(t, connector.ExitSuccess, code)
	require.Len(t, env.ActionResults, 2)
	assert.Equal(t, "failed", env.ActionResults[0]["status"])
	assert.Contains(t, env.ActionResults[0]["message"], `parameter "id" lists 4 targets, more than the 3 one request may act on (the asset's max_targets)`)
	assert.Equal(t, "success", env.ActionResults[1]["status"])
	for _, r := range sim.Requests() {
		assert.NotContains(t, r.Path, "00ufBAepfJBd0Kh8oOOL", "no request for the refused list")
	}

	// app.json declares max_targets a whole number from 1 to 100000.
	for value, want := range map[any]string{
		0:      "max_targets: got 0, expected a positive whole number",
		100001: "max_targets: got 100001, expected a positive whole number no larger than 100000",
		2.5:    "max_targets: got 2.5, expected a positive whole number",
	} {
		cfg["max_targets"] = value
		code, env, _ = invoke(t, p, request("disable_user", cfg, map[string]any{"id": "a"}))
		assert.Equal(t, connector.ExitUnusable, code)
		assert.Contains(t, env.Message, want)
	}
}

// Results run on at most max_concurrency workers, at the same time.
func TestMultiTargetConcurrencyIsBounded(t *testing.T) {
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) {
			sim, p, cfg := simProgram(t, simorg.WithGeneratedOrg(3, 40, 0))
			var now, peak atomic.Int32
			sim.SetFault(func(http.ResponseWriter, *http.Request) bool {
				n := now.Add(1)
				for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
				}
				time.Sleep(15 * time.Millisecond)
				now.Add(-1)
				return false
			})
			var ids []string
			for _, u := range sim.GeneratedUsers()[:12] {
				ids = append(ids, u.ID)
			}
			cfg["max_concurrency"] = workers
			code, env, _ := invoke(t, p, request("get_user", cfg, map[string]any{"user_id": anyList(ids)}))
			require.Equal(t, connector.ExitSuccess, code, env.Message)
			values, _ := paramsOf(env, "user_id")
			assert.Equal(t, ids, values, "results in input order")
			assert.LessOrEqual(t, peak.Load(), int32(workers))
			if workers > 1 {
				assert.Greater(t, peak.Load(), int32(1), "requests overlapped")
			}
		})
	}
}

// A dry run of a list plans each target's change in its own result.
func TestMultiTargetDryRun(t *testing.T) {
	sim, p, cfg := simProgram(t)
	req := request("disable_user", cfg, map[string]any{"id": []any{"dana.whitfield@example.com", "marcus.oyelaran@example.com"}})
	req["dry_run"] = true
	code, env, _ := invoke(t, p, req)
	require.Equal(t, connector.ExitSuccess, code, env.Message)
	require.Len(t, env.ActionResults, 2)
	for i, id := range []string{"00ufBAepfJBd0Kh8oOOL", "00u8dKLzdocJ2isAjIhK"} {
		r := env.ActionResults[i]
		assert.Contains(t, r["message"], "Dry run:")
		assert.Contains(t, r["message"], id)
		require.Len(t, r["data"], 1)
	}
	for _, r := range sim.Requests() {
		assert.Equal(t, http.MethodGet, r.Method)
	}
}

// Hostile entries of a list are checked one by one: none reaches another
// endpoint.
func TestMultiTargetHostileEntries(t *testing.T) {
	sim, p, cfg := simProgram(t)
	code, env, _ := invoke(t, p, request("get_group", cfg, map[string]any{"group_id": []any{"../users", "00g9wMxEhh2FDEEtfjgV/users", "a\r\nX: y", "00g9wMxEhh2FDEEtfjgV"}}))
	assert.Equal(t, connector.ExitSuccess, code)
	_, statuses := paramsOf(env, "group_id")
	assert.Equal(t, []string{"failed", "failed", "failed", "success"}, statuses)
	allowed := compilePaths(t, actionPaths["get_group"])
	for _, r := range sim.Requests() {
		ok := false
		for _, re := range allowed {
			ok = ok || re.MatchString(r.EscapedPath)
		}
		assert.True(t, ok, r.EscapedPath)
	}
}

// With the org's budget announced, a batch larger than the budget waits
// for the resets and never receives a 429.
func TestBatchStaysWithinTheRateLimit(t *testing.T) {
	sim, p, cfg := simProgram(t, simorg.WithGeneratedOrg(5, 60, 0), simorg.WithRateLimit(20, time.Second), simorg.WithClock(time.Now))
	var ids []string
	for _, u := range sim.GeneratedUsers() {
		if u.Status == "ACTIVE" && len(ids) < 25 {
			ids = append(ids, u.ID)
		}
	}
	code, env, _ := invoke(t, p, request("disable_user", cfg, map[string]any{"id": anyList(ids)}))
	require.Equal(t, connector.ExitSuccess, code, env.Message)
	_, statuses := paramsOf(env, "id")
	assert.NotContains(t, statuses, "failed", env.Message)
	assert.Len(t, statuses, 25)
	assert.Zero(t, sim.RateLimited(), "429s received")
}

// A wait for the reset that the request's timeout cannot cover fails at
// once with its own message instead of hanging until the timeout.
func TestRateLimitWaitBeyondTheTimeoutFailsClearly(t *testing.T) {
	sim, p, cfg := simProgram(t, simorg.WithRateLimit(2, time.Minute), simorg.WithClock(time.Now))
	req := request("get_user", cfg, map[string]any{"user_id": []any{"00ufBAepfJBd0Kh8oOOL", "00u8dKLzdocJ2isAjIhK", "00utJ0RlgLKOmxgJTeKd", "00uNnFRIBXuDL7DxtpYl"}})
	req["timeout"] = 5
	cfg["max_concurrency"] = 1
	start := time.Now()
	_, env, _ := invoke(t, p, req)
	_, statuses := paramsOf(env, "user_id")
	if time.Now().Truncate(time.Minute) != start.Truncate(time.Minute) {
		t.Skip("the minute turned during the test")
	}
	assert.Equal(t, []string{"success", "success", "failed", "failed"}, statuses)
	assert.Contains(t, env.ActionResults[2]["message"], "rate limit for /api/v1/users/* is used up")
	assert.Less(t, time.Since(start), 3*time.Second)
	assert.Zero(t, sim.RateLimited())
}
