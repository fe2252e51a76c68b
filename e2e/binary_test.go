package e2e

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

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

// A signal that stops the process mid-run (SIGTERM from the platform,
// SIGHUP when its terminal goes away, SIGINT) still leaves exactly one
// envelope on stdout, saying the run was stopped.
func TestBinaryWritesOneEnvelopeWhenStopped(t *testing.T) {
	bin := buildBinary(t)
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			arrived := make(chan struct{}, 1)
			org := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				holdRequest(arrived, r)
			}))
			defer org.Close()
			cmd := exec.Command(bin)
			cmd.Stdin = strings.NewReader(`{"identifier":"get_user","timeout":30,"parameters":[{"user_id":"00ufBAepfJBd0Kh8oOOL"}],"config":{"base_url":"` + org.URL + `","api_key":"k-1234"}}`)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			require.NoError(t, cmd.Start())
			select {
			case <-arrived:
			case <-time.After(10 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatalf("the request never reached the org; stderr: %s", stderr.String())
			}
			start := time.Now()
			require.NoError(t, cmd.Process.Signal(sig))
			err := cmd.Wait()
			assert.Less(t, time.Since(start), 5*time.Second, "the process ends soon after the signal")
			var exit *exec.ExitError
			require.ErrorAs(t, err, &exit, "stdout: %s", stdout.String())
			assert.Equal(t, 1, exit.ExitCode(), "exit status of a failed run, not of a killed process")
			dec := json.NewDecoder(&stdout)
			var env struct {
				Status        string `json:"status"`
				ActionResults []struct {
					Status, Message string
				} `json:"action_results"`
			}
			require.NoError(t, dec.Decode(&env), "stdout must hold the envelope; stderr: %s", stderr.String())
			assert.False(t, dec.More(), "nothing but one envelope on stdout")
			assert.Equal(t, "failed", env.Status)
			require.Len(t, env.ActionResults, 1)
			assert.Contains(t, env.ActionResults[0].Message, "the connector was asked to stop")
		})
	}
}

// The binary's own package initialisers stay light, since every start pays
// for them whatever the action: each package of this repository allocates
// at most 64 KiB before main runs (GODEBUG=inittrace reports it). A
// regular expression with a bounded repetition compiled at start took
// 300 KB and a millisecond; such work belongs at first use.
func TestBinaryInitialisersAreLight(t *testing.T) {
	bin := buildBinary(t)
	cmd := exec.Command(bin, "--version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	require.NoError(t, cmd.Run())
	own := 0
	for _, line := range strings.Split(stderr.String(), "\n") {
		// init PACKAGE @T ms, D ms clock, BYTES bytes, N allocs
		f := strings.Fields(line)
		if len(f) != 11 || f[0] != "init" || f[8] != "bytes," || !strings.HasPrefix(f[1], "github.com/soar-okta/okta-connector") {
			continue
		}
		own++
		n, err := strconv.Atoi(f[7])
		require.NoError(t, err, line)
		assert.LessOrEqual(t, n, 64<<10, "%s", line)
	}
	assert.Greater(t, own, 5, "the initialisers of this repository's packages are traced:\n%s", stderr.String())
}

// holdRequest signals arrived (once, if nobody waits yet) and holds the
// request until the client gives it up, or 20 seconds: an org that never
// answers.
func holdRequest(arrived chan<- struct{}, r *http.Request) {
	select {
	case arrived <- struct{}{}:
	default:
	}
	select {
	case <-r.Context().Done():
	case <-time.After(20 * time.Second):
	}
}
