package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/fixtures/simorg"
)

// envelope is the decoded result envelope.
type envelope struct {
	Action        string           `json:"action"`
	Identifier    string           `json:"identifier"`
	Status        string           `json:"status"`
	Message       string           `json:"message"`
	Summary       map[string]any   `json:"summary"`
	ActionResults []map[string]any `json:"action_results"`
}

// invoke runs the program in process on a request object.
func invoke(t *testing.T, p connector.Program, req any, args ...string) (int, envelope, string) {
	t.Helper()
	var in []byte
	switch r := req.(type) {
	case string:
		in = []byte(r)
	default:
		var err error
		in, err = json.Marshal(r)
		require.NoError(t, err)
	}
	var stdout, stderr bytes.Buffer
	code := connector.Main(context.Background(), p, args, bytes.NewReader(in), &stdout, &stderr)
	var env envelope
	dec := json.NewDecoder(&stdout)
	require.NoError(t, dec.Decode(&env), "stdout must hold a JSON envelope; stderr:\n%s", stderr.String())
	assert.False(t, dec.More(), "stdout must hold exactly one envelope")
	return code, env, stderr.String()
}

func request(action string, cfg map[string]any, params ...map[string]any) map[string]any {
	r := map[string]any{"identifier": action, "config": cfg, "timeout": 20}
	if len(params) > 0 {
		r["parameters"] = params
	}
	return r
}

// simConfig starts a simulated org and returns a program trusting its
// certificate, with the configuration pointing at it.
func simProgram(t *testing.T, opts ...simorg.Option) (*simorg.Server, connector.Program, map[string]any) {
	t.Helper()
	sim, err := simorg.New(opts...)
	require.NoError(t, err)
	t.Cleanup(sim.Close)
	return sim, trusting(sim), map[string]any{"base_url": sim.URL, "api_key": simorg.Token}
}

// trusting is the program with the simulated org's certificate trusted, the
// way a private CA would be: only for the tests.
func trusting(sim *simorg.Server) connector.Program {
	p := program()
	p.RootCAs = sim.CertPool()
	p.RetryBase = fastRetries
	return p
}

func resultMessage(env envelope) string {
	if len(env.ActionResults) == 0 {
		return env.Message
	}
	m, _ := env.ActionResults[0]["message"].(string)
	return m
}

func TestUnusableRequests(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"empty", "", "empty"},
		{"not JSON", "hello", "JSON object"},
		{"truncated", `{"action": "get user", "config": {`, "not valid JSON"},
		{"array", `[{"action": "get user"}]`, "JSON object"},
		{"two objects", `{"action":"get user"} {"action":"get user"}`, "more than one"},
		{"wrong type", `{"action": 5}`, `"action" must be a string`},
		{"parameters not a list", `{"action": "get user", "parameters": {"user_id": "x"}}`, "must be a list"},
		{"no action", `{"config": {}}`, "names no action"},
		{"unknown action", `{"action": "drop tables"}`, "unknown action"},
		{"mismatch", `{"action": "get user", "identifier": "list_users"}`, "different actions"},
		{"negative timeout", `{"action": "get user", "timeout": -1}`, "timeout"},
		{"bad debug level", `{"action": "get user", "debug_level": 1.5}`, "debug_level"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, env, _ := invoke(t, program(), c.in)
			assert.Equal(t, connector.ExitUnusable, code)
			assert.Equal(t, "failed", env.Status)
			assert.Contains(t, env.Message, c.want)
			assert.NotNil(t, env.ActionResults)
		})
	}
}

func TestInvalidConfigurationSendsNothing(t *testing.T) {
	sim, p, _ := simProgram(t)
	cases := []struct {
		name string
		cfg  map[string]any
		want string
	}{
		{"http to a real host", map[string]any{"base_url": "http://acme.okta.com", "api_key": "k-1234"}, "must use https"},
		{"no api_key", map[string]any{"base_url": sim.URL}, "api_key"},
		{"blank api_key", map[string]any{"base_url": sim.URL, "api_key": "  "}, "api_key"},
		{"verify as text", map[string]any{"base_url": sim.URL, "api_key": "k-1234", "verify_server_cert": "maybe"}, "verify_server_cert"},
		{"admin domain", map[string]any{"base_url": "https://acme-admin.okta.com", "api_key": "k-1234"}, "-admin"},
		{"path in base_url", map[string]any{"base_url": sim.URL + "/api/v1", "api_key": "k-1234"}, "without a path"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, env, _ := invoke(t, p, request("get_user", c.cfg, map[string]any{"user_id": "dana.whitfield@example.com"}))
			assert.Equal(t, connector.ExitUnusable, code)
			assert.Contains(t, env.Message, "invalid asset configuration")
			assert.Contains(t, env.Message, c.want)
			require.Len(t, env.ActionResults, 1)
			assert.Equal(t, "failed", env.ActionResults[0]["status"])
		})
	}
	assert.Empty(t, sim.Requests(), "an invalid configuration must not reach Okta")
}

func TestHandlerPanicBecomesFailedResult(t *testing.T) {
	_, p, cfg := simProgram(t)
	p.Handlers["get_user"] = func(context.Context, *connector.Call) (connector.Output, error) {
		var m map[string]int
		m["boom"]++
		return connector.Output{}, nil
	}
	code, env, stderr := invoke(t, p, request("get_user", cfg, map[string]any{"user_id": "x1"}, map[string]any{"user_id": "x2"}))
	assert.Equal(t, connector.ExitFailed, code)
	require.Len(t, env.ActionResults, 2)
	assert.Contains(t, resultMessage(env), "internal error")
	assert.Contains(t, stderr, "handler panicked")
}

func TestTimeoutBoundsTheInvocation(t *testing.T) {
	sim, p, cfg := simProgram(t)
	sim.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
		return true
	})
	req := request("get_user", cfg, map[string]any{"user_id": "dana.whitfield@example.com"})
	req["timeout"] = 1
	start := time.Now()
	code, env, _ := invoke(t, p, req)
	elapsed := time.Since(start)
	assert.Equal(t, connector.ExitFailed, code)
	assert.Contains(t, resultMessage(env), "timed out after 1s")
	assert.Less(t, elapsed, 3*time.Second, "the envelope must come within the timeout plus a small grace")
}

func TestHandlerThatIgnoresItsContextStillEndsOnTime(t *testing.T) {
	_, p, cfg := simProgram(t)
	p.Handlers["get_user"] = func(context.Context, *connector.Call) (connector.Output, error) {
		time.Sleep(5 * time.Second)
		return connector.Output{}, nil
	}
	req := request("get_user", cfg, map[string]any{"user_id": "a1"})
	req["timeout"] = 0.5
	start := time.Now()
	code, env, _ := invoke(t, p, req)
	assert.Equal(t, connector.ExitFailed, code)
	assert.Contains(t, resultMessage(env), "timed out")
	assert.Less(t, time.Since(start), 2*time.Second)
}

// Each kind of connection fault gets its own message.
func TestConnectionFaultMessages(t *testing.T) {
	closedPort := func() string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		addr := l.Addr().String()
		l.Close()
		return addr
	}()
	plain := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(plain.Close)

	cases := []struct {
		name  string
		fault func(w http.ResponseWriter, r *http.Request) bool
		cfg   func(sim *simorg.Server) map[string]any
		noCA  bool
		want  []string
	}{
		{
			name: "bad token",
			cfg: func(sim *simorg.Server) map[string]any {
				return map[string]any{"base_url": sim.URL, "api_key": "wrong-token-value"}
			},
			want: []string{"E0000011", "401", "api_key"},
		},
		{
			name: "HTML error page from a proxy",
			fault: func(w http.ResponseWriter, r *http.Request) bool {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(http.StatusBadGateway)
				fmt.Fprint(w, "<html><body>Bad gateway</body></html>")
				return true
			},
			want: []string{"502", "not an Okta API answer", "text/html", "Bad gateway"},
		},
		{
			name: "HTML page with status 200",
			fault: func(w http.ResponseWriter, r *http.Request) bool {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				fmt.Fprint(w, "<html>Sign in</html>")
				return true
			},
			want: []string{"text/html", "instead of Okta's JSON"},
		},
		{
			name: "malformed JSON",
			fault: func(w http.ResponseWriter, r *http.Request) bool {
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprint(w, `{"id": "00u1", "status": `)
				return true
			},
			want: []string{"could not be read"},
		},
		{
			name: "connection closed mid-answer",
			fault: func(w http.ResponseWriter, r *http.Request) bool {
				hj, ok := w.(http.Hijacker)
				if !ok {
					panic("no hijacker")
				}
				conn, buf, _ := hj.Hijack()
				buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"id\":")
				buf.Flush()
				conn.Close()
				return true
			},
			want: []string{"closed before Okta finished answering"},
		},
		{
			name: "untrusted certificate",
			noCA: true,
			want: []string{"TLS certificate", "could not be verified", "verify_server_cert"},
		},
		{
			name: "connection refused",
			cfg: func(*simorg.Server) map[string]any {
				return map[string]any{"base_url": "https://" + closedPort, "api_key": "k-1234"}
			},
			want: []string{"connection was refused"},
		},
		{
			name: "plain http server on an https URL",
			cfg: func(*simorg.Server) map[string]any {
				return map[string]any{"base_url": strings.Replace(plain.URL, "http://", "https://", 1), "api_key": "k-1234"}
			},
			want: []string{"does not speak https"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, p, cfg := simProgram(t)
			if c.noCA {
				p = program()
			}
			if c.cfg != nil {
				cfg = c.cfg(sim)
			}
			sim.SetFault(c.fault)
			code, env, _ := invoke(t, p, request("get_user", cfg, map[string]any{"user_id": "00ufBAepfJBd0Kh8oOOL"}))
			assert.Equal(t, connector.ExitFailed, code)
			for _, w := range c.want {
				assert.Contains(t, resultMessage(env), w)
			}
		})
	}
}

func TestVerifyServerCertFalseAcceptsAnUntrustedCertificate(t *testing.T) {
	sim, _, cfg := simProgram(t)
	cfg["verify_server_cert"] = false
	code, env, _ := invoke(t, program(), request("test_connectivity", cfg))
	assert.Equal(t, connector.ExitSuccess, code, resultMessage(env))
	assert.Contains(t, env.Message, sim.URL)
}

// The host's OKTA_* variables and okta.yaml must not change credentials or
// behaviour: the SDK reads both, the connector overrides every setting.
func TestEnvironmentCannotChangeTheClient(t *testing.T) {
	sim, p, cfg := simProgram(t)
	home := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(home, ".okta"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(home, ".okta", "okta.yaml"),
		[]byte("okta:\n  client:\n    orgUrl: https://evil.example.com\n    token: yaml-token\n    authorizationMode: Bearer\n"), 0o600))
	t.Setenv("HOME", home)
	t.Setenv("OKTA_CLIENT_ORGURL", "https://evil.example.com")
	t.Setenv("OKTA_CLIENT_TOKEN", "env-token")
	t.Setenv("OKTA_CLIENT_AUTHORIZATIONMODE", "Bearer")
	t.Setenv("OKTA_CLIENT_CACHE_ENABLED", "true")
	t.Setenv("OKTA_CLIENT_REQUEST_TIMEOUT", "1")
	t.Setenv("OKTA_TESTING_DISABLE_HTTPS_CHECK", "true")
	t.Setenv("HTTPS_PROXY", "http://127.0.0.1:1")

	code, env, _ := invoke(t, p, request("test_connectivity", cfg))
	assert.Equal(t, connector.ExitSuccess, code, resultMessage(env))
	reqs := sim.Requests()
	require.NotEmpty(t, reqs)
	for _, r := range reqs {
		assert.Equal(t, 200, r.Status, "the config token, not the environment's, must be used")
	}

	// With the cache forced on by the environment, a read after a write
	// would return stale data; the connector turns the cache off.
	code, env, _ = invoke(t, p, request("disable_user", cfg, map[string]any{"id": "dana.whitfield@example.com"}))
	require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
	_, env, _ = invoke(t, p, request("get_user", cfg, map[string]any{"user_id": "dana.whitfield@example.com"}))
	assert.Contains(t, resultMessage(env), "SUSPENDED")
}

func TestDebugLogsRequestsWithoutSecrets(t *testing.T) {
	_, p, cfg := simProgram(t)
	req := request("set_password", cfg, map[string]any{"id": "dana.whitfield@example.com", "new_password": "Sup3r-Secret-Pw"})
	req["debug_level"] = 1
	code, env, stderr := invoke(t, p, req)
	assert.Equal(t, connector.ExitSuccess, code, resultMessage(env))
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	var sawRequest bool
	for _, l := range lines {
		var entry map[string]any
		require.NoError(t, json.Unmarshal([]byte(l), &entry), "every log line is JSON: %q", l)
		if entry["message"] == "okta request" {
			sawRequest = true
			assert.NotEmpty(t, entry["method"])
			assert.NotEmpty(t, entry["path"])
			assert.NotEmpty(t, entry["status"])
		}
	}
	assert.True(t, sawRequest, "debug level logs each request")
	for _, secret := range []string{simorg.Token, "Sup3r-Secret-Pw"} {
		assert.NotContains(t, stderr, secret)
	}
	params := env.ActionResults[0]["parameter"].(map[string]any)
	assert.Equal(t, "********", params["new_password"])
}

func TestCommandLine(t *testing.T) {
	var out, errOut bytes.Buffer
	assert.Equal(t, 0, run(context.Background(), []string{"--version"}, nil, &out, &errOut))
	assert.Contains(t, out.String(), "okta-connector ")
	out.Reset()
	assert.Equal(t, 0, run(context.Background(), []string{"--list-actions"}, nil, &out, &errOut))
	assert.Contains(t, out.String(), "send_push_notification")
	out.Reset()
	assert.Equal(t, 0, run(context.Background(), []string{"--help"}, nil, &out, &errOut))
	assert.Contains(t, out.String(), "--replay")
	out.Reset()
	assert.Equal(t, 2, run(context.Background(), []string{"--bogus"}, nil, &out, &errOut))
	assert.Contains(t, out.String(), `"status": "failed"`)
	out.Reset()
	assert.Equal(t, 2, run(context.Background(), []string{"no-such-file.json"}, nil, &out, &errOut))
	assert.Contains(t, out.String(), "cannot open the request file")
}

// --replay runs a fixture against the embedded org, with the real program.
func TestReplayWithTheRealProgram(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"--replay", "fixtures/requests/get_user__by_login.json"}, nil, &out, &errOut)
	assert.Equal(t, 0, code, out.String())
	assert.Contains(t, out.String(), "00ufBAepfJBd0Kh8oOOL")
}
