package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/fixtures/simorg"
	"github.com/soar-okta/okta-connector/fixtures/simorg/spec"
	"github.com/soar-okta/okta-connector/schema"
)

// canonicalOrg replaces the simulated org's random address in golden files.
const canonicalOrg = "https://sim.okta.example"

// fixtureMeta is the "fixture" key of a request file: ignored by the
// connector (unknown top-level keys are), read by the tests.
type fixtureMeta struct {
	Description string `json:"description"`
	ExpectExit  int    `json:"expect_exit"`
}

type invocationResult struct {
	code   int
	stdout string
	stderr string
	sim    *simorg.Server
}

// runAgainstSim replays one request file through the whole program against
// a fresh simulated org whose every request is checked against Okta's spec.
func runAgainstSim(t *testing.T, file string) invocationResult {
	t.Helper()
	v, err := spec.Shared()
	require.NoError(t, err, "loading Okta's OpenAPI spec")
	sim, p, _ := simProgram(t, simorg.WithValidator(v.Check))
	p.Replay = func(context.Context) (*connector.ReplayTarget, error) {
		return &connector.ReplayTarget{BaseURL: sim.URL, APIKey: simorg.Token, RootCAs: sim.CertPool(), Close: func() {}}, nil
	}
	var stdout, stderr bytes.Buffer
	code := connector.Main(context.Background(), p, []string{"--replay", file}, strings.NewReader(""), &stdout, &stderr)
	return invocationResult{code: code, stdout: stdout.String(), stderr: stderr.String(), sim: sim}
}

func normalize(s string, sim *simorg.Server) string {
	s = strings.ReplaceAll(s, sim.URL, canonicalOrg)
	return strings.ReplaceAll(s, strings.TrimPrefix(sim.URL, "https://"), strings.TrimPrefix(canonicalOrg, "https://"))
}

func requestFiles(t *testing.T) []string {
	files, err := filepath.Glob("fixtures/requests/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	sort.Strings(files)
	return files
}

func TestGoldenEnvelopes(t *testing.T) {
	app := mustApp(t)
	for _, file := range requestFiles(t) {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(file)
			require.NoError(t, err)
			var req struct {
				Action     string           `json:"action"`
				Identifier string           `json:"identifier"`
				Parameters []map[string]any `json:"parameters"`
				Fixture    fixtureMeta      `json:"fixture"`
			}
			require.NoError(t, json.Unmarshal(raw, &req), "fixture must be valid JSON")
			require.NotEmpty(t, req.Fixture.Description, "every fixture says what it shows")

			res := runAgainstSim(t, file)
			assert.Empty(t, res.sim.SpecErrors(), "requests Okta's spec rejects")
			assert.Equal(t, req.Fixture.ExpectExit, res.code, "exit status; stdout:\n%s", res.stdout)

			got := normalize(res.stdout, res.sim)
			golden := filepath.Join("fixtures", "golden", name+".json")
			if update {
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "missing golden file: run make golden")
			assert.Equal(t, string(want), got, "golden envelope differs: run make golden and review the diff")

			var env map[string]any
			require.NoError(t, json.Unmarshal([]byte(got), &env))
			if act, err := app.Lookup("", identifierOf(env)); err == nil {
				assertPathsDeclared(t, act, env)
			}
			assertNoSecrets(t, res, raw)
		})
	}
}

func identifierOf(env map[string]any) string {
	id, _ := env["identifier"].(string)
	return id
}

var (
	appOnce sync.Once
	appVal  *schema.App
	appErr  error
)

func mustApp(t *testing.T) *schema.App {
	appOnce.Do(func() { appVal, appErr = schema.Parse(manifest) })
	require.NoError(t, appErr)
	return appVal
}

// assertNoSecrets checks that no secret of the request (as schema's
// App.Secrets lists them, the list the connector's scrubbers are given),
// nor the org's token, reaches stdout or stderr.
func assertNoSecrets(t *testing.T, res invocationResult, request []byte) {
	t.Helper()
	var req struct {
		Action     string           `json:"action"`
		Identifier string           `json:"identifier"`
		Config     map[string]any   `json:"config"`
		Parameters []map[string]any `json:"parameters"`
	}
	_ = json.Unmarshal(request, &req)
	app := mustApp(t)
	act, err := app.Lookup(req.Action, req.Identifier)
	if err != nil {
		act = nil // any action's password parameters count
	}
	secrets := append([]string{simorg.Token}, app.Secrets(act, req.Config, req.Parameters)...)
	for _, s := range secrets {
		assert.NotContains(t, res.stdout, s, "secret on stdout")
		assert.NotContains(t, res.stderr, s, "secret on stderr")
	}
}
