package e2e

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// userWriteActions are the user family's actions that change the org.
var userWriteActions = []string{
	"create_user", "update_user", "delete_user", "activate_user", "reactivate_user",
	"deactivate_user", "suspend_user", "unsuspend_user", "unlock_user", "expire_password",
	"disable_user", "enable_user", "set_password", "clear_user_sessions",
}

// Every fixture of a user write action, run as a dry run, sends the org
// nothing but look-ups, and a run that would change something says so.
func TestUserWritesDryRunSendNoChange(t *testing.T) {
	for _, action := range userWriteActions {
		files, err := filepath.Glob(filepath.Join("fixtures", "requests", action+"__*.json"))
		require.NoError(t, err)
		require.NotEmpty(t, files, action)
		for _, file := range files {
			t.Run(filepath.Base(file), func(t *testing.T) {
				raw, err := os.ReadFile(file)
				require.NoError(t, err)
				var req map[string]any
				require.NoError(t, json.Unmarshal(raw, &req))
				sim, p, cfg := simProgram(t)
				req["config"], req["dry_run"] = cfg, true
				_, env, _ := invoke(t, p, req)
				for _, r := range sim.Requests() {
					assert.Equal(t, http.MethodGet, r.Method, "a dry run sent %s %s", r.Method, r.Path)
				}
				for _, r := range env.ActionResults {
					msg, _ := r["message"].(string)
					if r["status"] == "success" && len(r["data"].([]any)) > 0 && strings.HasPrefix(msg, "Dry run") {
						assert.Equal(t, true, r["summary"].(map[string]any)["dry_run"])
					}
				}
			})
		}
	}
}

// A password with random characters appended is returned in clear, whole,
// only with show_password, and the characters are fresh on every run.
func TestSetPasswordRandomChars(t *testing.T) {
	_, p, cfg := simProgram(t)
	suffix := regexp.MustCompile(`^Val1d-Passw0rd([A-Za-z0-9]{10})$`)
	var seen []string
	for i := 0; i < 2; i++ {
		code, env, stderr := invoke(t, p, request("set_password", cfg, map[string]any{
			"id": "dana.whitfield@example.com", "new_password": "Val1d-Passw0rd", "add_random_chars": true, "show_password": true,
		}))
		require.Equal(t, 0, code, resultMessage(env))
		user := env.ActionResults[0]["data"].([]any)[0].(map[string]any)
		value := user["credentials"].(map[string]any)["password"].(map[string]any)["value"].(string)
		m := suffix.FindStringSubmatch(value)
		require.NotNil(t, m, "the analyst asked to see the password: it is shown whole: %q", value)
		assert.NotContains(t, seen, m[1])
		assert.NotContains(t, stderr, "Val1d-Passw0rd")
		seen = append(seen, m[1])
	}
}

// A created user can be looked up by login; once deleted, neither look-ups
// nor lists find them.
func TestCreatedUserCanBeDeleted(t *testing.T) {
	_, p, cfg := simProgram(t)
	code, env, _ := invoke(t, p, request("create_user", cfg, map[string]any{
		"login": "new.hire@example.com", "email": "new.hire@example.com", "first_name": "Robin", "last_name": "Hale",
		"password": "Str0ng-Passphrase-7", "group_ids": "00g9wMxEhh2FDEEtfjgV",
	}))
	require.Equal(t, 0, code, resultMessage(env))
	id := env.ActionResults[0]["summary"].(map[string]any)["user_id"].(string)

	code, env, _ = invoke(t, p, request("get_user", cfg, map[string]any{"user_id": "new.hire@example.com"}))
	require.Equal(t, 0, code, resultMessage(env))
	assert.Equal(t, "ACTIVE", env.ActionResults[0]["summary"].(map[string]any)["status"])

	code, env, _ = invoke(t, p, request("delete_user", cfg, map[string]any{"user_id": id}))
	require.Equal(t, 0, code, resultMessage(env))
	assert.Contains(t, resultMessage(env), "deactivated (was ACTIVE) and deleted")

	code, env, _ = invoke(t, p, request("get_user", cfg, map[string]any{"user_id": id}))
	assert.Equal(t, 1, code)
	assert.Contains(t, resultMessage(env), "E0000007")
	code, env, _ = invoke(t, p, request("list_users", cfg, map[string]any{"search": `status eq "DEPROVISIONED"`}))
	require.Equal(t, 0, code, resultMessage(env))
	for _, u := range env.ActionResults[0]["data"].([]any) {
		assert.NotEqual(t, id, u.(map[string]any)["id"])
	}
}
