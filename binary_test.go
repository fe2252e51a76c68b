package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// buildBinary builds the connector once for the tests that run it as a
// process, the way a SOAR platform does.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "okta-connector")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return bin
}

// The binary writes exactly one envelope on stdout and sets the exit status,
// even when the host's OKTA_* variables are malformed (the SDK would print
// to stdout while reading them) or point elsewhere.
func TestBinaryReplaysFixturesWithOneEnvelope(t *testing.T) {
	bin := buildBinary(t)
	cases := []struct {
		fixture string
		code    int
	}{
		{"get_user__by_login", 0},
		{"disable_user__staged", 1},
		{"unknown_action", 2},
	}
	for _, c := range cases {
		t.Run(c.fixture, func(t *testing.T) {
			cmd := exec.Command(bin, "--replay", filepath.Join("fixtures", "requests", c.fixture+".json"))
			cmd.Env = append(os.Environ(),
				"OKTA_CLIENT_CACHE_ENABLED=not-a-bool",
				"OKTA_CLIENT_TOKEN=env-token",
				"OKTA_CLIENT_ORGURL=https://evil.example.com",
			)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, c.code, code, "stderr: %s", stderr.String())
			dec := json.NewDecoder(&stdout)
			var env map[string]any
			require.NoError(t, dec.Decode(&env), "stdout must start with the envelope")
			assert.False(t, dec.More(), "nothing but one envelope on stdout")
			assert.NotContains(t, stderr.String(), "env-token")
		})
	}
}

// A request on stdin, as SOAR platforms send it.
func TestBinaryReadsStdin(t *testing.T) {
	bin := buildBinary(t)
	cmd := exec.Command(bin)
	cmd.Stdin = bytes.NewReader([]byte(`{"action": "get user", "parameters": [{"user_id": "x"}], "config": {"base_url": "http://example.com", "api_key": "k-1234"}}`))
	out, _ := cmd.Output()
	assert.Equal(t, 2, cmd.ProcessState.ExitCode())
	assert.Contains(t, string(out), "must use https")
}
