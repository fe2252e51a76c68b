package e2e

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every fixture of every write action, replayed with dry_run on, changes
// nothing in the org: the org sees look-ups only, and every successful
// result says it was a dry run. Fixtures of read-only actions and requests
// that cannot be used at all are left out.
func TestDryRunOfEveryWriteFixtureChangesNothing(t *testing.T) {
	app := mustApp(t)
	writes := 0
	for _, file := range requestFiles(t) {
		raw, err := os.ReadFile(file)
		require.NoError(t, err)
		var req map[string]any
		require.NoError(t, json.Unmarshal(raw, &req))
		action, _ := req["action"].(string)
		identifier, _ := req["identifier"].(string)
		act, err := app.Lookup(action, identifier)
		if err != nil || act.ReadOnly {
			continue
		}
		if meta, _ := req["fixture"].(map[string]any); meta["expect_exit"] == float64(2) {
			continue
		}
		writes++
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		t.Run(name, func(t *testing.T) {
			req["dry_run"] = true
			dry, err := json.Marshal(req)
			require.NoError(t, err)
			path := filepath.Join(t.TempDir(), name+".json")
			require.NoError(t, os.WriteFile(path, dry, 0o600))

			res := runAgainstSim(t, path)
			assert.Empty(t, res.sim.SpecErrors())
			for _, r := range res.sim.Requests() {
				assert.Equal(t, http.MethodGet, r.Method, "a dry run sent %s %s", r.Method, r.Path)
			}
			var env envelope
			require.NoError(t, json.Unmarshal([]byte(res.stdout), &env), res.stdout)
			for _, r := range env.ActionResults {
				if r["status"] == "success" {
					assert.True(t, strings.HasPrefix(r["message"].(string), "Dry run:"), "message: %v", r["message"])
					assert.Equal(t, true, r["summary"].(map[string]any)["dry_run"])
				}
			}
		})
	}
	require.NotZero(t, writes, "no write-action fixtures found")
}
