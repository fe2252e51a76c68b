package main

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

// A password with random characters appended is returned in clear only
// with show_password, and the characters are fresh on every run.
func TestSetPasswordRandomChars(t *testing.T) {
	_, p, cfg := simProgram(t)
	suffix := regexp.MustCompile(`^\*{8}([A-Za-z0-9]{10})$`)
	var seen []string
	for i := 0; i < 2; i++ {
		code, env, stderr := invoke(t, p, request("set_password", cfg, map[string]any{
			"id": "dana.whitfield@example.com", "new_password": "Val1d-Passw0rd", "add_random_chars": true, "show_password": true,
		}))
		require.Equal(t, 0, code, resultMessage(env))
		user := env.ActionResults[0]["data"].([]any)[0].(map[string]any)
		value := user["credentials"].(map[string]any)["password"].(map[string]any)["value"].(string)
		m := suffix.FindStringSubmatch(value)
		require.NotNil(t, m, "the given part stays masked, the random part is shown: %q", value)
		assert.NotContains(t, seen, m[1])
		assert.NotContains(t, stderr, "Val1d-Passw0rd")
		seen = append(seen, m[1])
	}
}
