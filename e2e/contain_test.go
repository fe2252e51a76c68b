package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/connector"
)

// allSteps asks contain user for every step.
var allSteps = map[string]any{"user_id": "priya.raman@example.com", "reset_factors": true, "expire_password": true}

// A failed step is reported and the steps after it still run; only the
// containment step decides the result's status.
func TestContainUserRunsEveryStepAfterAFailure(t *testing.T) {
	sim, p, cfg := simProgram(t)
	sim.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method == http.MethodDelete && strings.HasSuffix(r.URL.Path, "/sessions") {
			sim.WriteError(w, http.StatusInternalServerError, "E0000009", "Internal Server Error")
			return true
		}
		return false
	})
	code, env, _ := invoke(t, p, request("contain_user", cfg, allSteps))
	require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
	msg := resultMessage(env)
	assert.Contains(t, msg, "is now SUSPENDED, but clear_sessions and expire_password failed")
	assert.Contains(t, msg, "clear_sessions failed: Okta error E0000009")

	steps := map[string]string{}
	for _, d := range env.ActionResults[0]["data"].([]any) {
		st := d.(map[string]any)
		steps[st["step"].(string)] = st["status"].(string)
	}
	assert.Equal(t, map[string]string{"suspend": "success", "clear_sessions": "failed", "reset_factors": "success", "expire_password": "failed"}, steps)
	summary := env.ActionResults[0]["summary"].(map[string]any)
	assert.Equal(t, "SUSPENDED", summary["status"], "the status read back at the end")
	assert.EqualValues(t, 2, summary["steps_failed"])

	var sent []string
	for _, r := range sim.Requests() {
		if r.Method != http.MethodGet {
			sent = append(sent, r.Method+" "+r.Path)
		}
	}
	id := "00utJ0RlgLKOmxgJTeKd"
	assert.Equal(t, []string{
		"POST /api/v1/users/" + id + "/lifecycle/suspend",
		"DELETE /api/v1/users/" + id + "/sessions",
		"POST /api/v1/users/" + id + "/lifecycle/reset_factors",
		"POST /api/v1/users/" + id + "/lifecycle/expire_password",
	}, sent)
}

// A dry run lists every change of every step and sends none.
func TestContainUserDryRunListsEveryRequest(t *testing.T) {
	sim, p, cfg := simProgram(t)
	req := request("contain_user", cfg, allSteps)
	req["dry_run"] = true
	code, env, _ := invoke(t, p, req)
	require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
	assert.True(t, strings.HasPrefix(resultMessage(env), "Dry run:"), resultMessage(env))
	assert.Len(t, env.ActionResults[0]["data"], 4)
	for _, r := range sim.Requests() {
		assert.Equal(t, http.MethodGet, r.Method, "a dry run sent %s %s", r.Method, r.Path)
	}
}
