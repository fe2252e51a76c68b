package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/fixtures/simorg"
	"github.com/soar-okta/okta-connector/internal/datapath"
)

// No credential of any kind reaches stdout or stderr, at any debug level,
// whether the action succeeds or fails.
func TestNoSecretInAnyOutput(t *testing.T) {
	const (
		proxyPassword = "Pr0xy-Pa55-Never-Shown"
		userPassword  = "Us3r-Pa55-Never-Shown"
	)
	type scenario struct {
		name    string
		oauth   bool
		proxy   bool
		fault   func(w http.ResponseWriter, r *http.Request) bool
		mutate  func(cfg map[string]any)
		success bool
	}
	tokenUnavailable := func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != simorg.TokenPath {
			return false
		}
		gatewayError(503)(w, r)
		return true
	}
	scenarios := []scenario{
		{name: "API token through a proxy", proxy: true, success: true},
		{name: "OAuth through a proxy", oauth: true, proxy: true, success: true},
		{name: "OAuth with the wrong key", oauth: true, mutate: func(cfg map[string]any) { cfg["private_key"] = pkcs8PEM(t, strangerKey) }},
		{name: "OAuth token endpoint unavailable", oauth: true, fault: tokenUnavailable},
		{name: "OAuth token lacks the scope", oauth: true, mutate: func(cfg map[string]any) { cfg["scopes"] = "okta.users.read" }},
		{name: "proxy refuses the credentials", proxy: true, mutate: func(cfg map[string]any) {
			cfg["proxy_url"] = strings.Replace(cfg["proxy_url"].(string), url.QueryEscape(proxyPassword), "not-"+proxyPassword, 1)
		}},
		{name: "Okta refuses the API token", mutate: func(cfg map[string]any) { cfg["api_key"] = "wrong-but-still-secret-token" }},
	}
	for _, sc := range scenarios {
		for _, level := range []int{0, 1} {
			t.Run(fmt.Sprintf("%s/debug %d", sc.name, level), func(t *testing.T) {
				var sim *simorg.Server
				var p connector.Program
				var cfg map[string]any
				if sc.oauth {
					sim, p, cfg = oauthSim(t, []string{"okta.users.read", "okta.users.manage"})
					cfg["scopes"] = "okta.users.read,okta.users.manage"
				} else {
					sim, p, cfg = simProgram(t)
					p.RetryBase = fastRetries
				}
				if sc.proxy {
					srv := startProxy(t, &forwardProxy{user: "soar", password: proxyPassword}, false)
					cfg["proxy_url"] = withCredentials(srv.URL, "soar", proxyPassword)
				}
				if sc.mutate != nil {
					sc.mutate(cfg)
				}
				sim.SetFault(sc.fault)
				req := request("set_password", cfg, map[string]any{"id": "dana.whitfield@example.com", "new_password": userPassword})
				req["debug_level"] = level
				code, env, stderr := invoke(t, p, req)
				if sc.success {
					require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
				} else {
					require.Equal(t, connector.ExitFailed, code, resultMessage(env))
				}
				if level == 1 {
					assert.Contains(t, stderr, `"level":"debug"`, "debug logs were written, so the check is not vacuous")
				}
				raw, err := json.Marshal(env)
				require.NoError(t, err)
				out := string(raw) + "\n" + stderr

				secrets := []string{proxyPassword, url.QueryEscape(proxyPassword), userPassword, simorg.Token, "wrong-but-still-secret-token"}
				secrets = append(secrets, sim.AccessTokens()...)
				for _, s := range secrets {
					assert.NotContains(t, out, s)
				}
				assertNoCredentials(t, sim, cfg, env, stderr)
				t.Log(resultMessage(env))
			})
		}
	}
}

// rawRun runs the program in process on a request object and returns
// stdout and stderr as written.
func rawRun(t *testing.T, p connector.Program, req map[string]any) (int, string, string) {
	t.Helper()
	in, err := json.Marshal(req)
	require.NoError(t, err)
	var stdout, stderr bytes.Buffer
	code := connector.Main(context.Background(), p, nil, bytes.NewReader(in), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// formsOf lists the ways a secret can be written out: as given, JSON-,
// Go-, URL- or HTML-escaped, then possibly quoted again (a JSON body
// quoted in a message), with its white space collapsed or removed. Forms shorter than four
// characters are not secrets to the connector and are left out.
func formsOf(secret string) []string {
	jsonEscape := func(s string, html bool) string {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(html)
		_ = enc.Encode(s)
		out := strings.TrimSpace(b.String())
		return out[1 : len(out)-1]
	}
	goEscape := func(s string) string { q := strconv.Quote(s); return q[1 : len(q)-1] }
	if len(secret) < 4 {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, base := range []string{secret, strings.Join(strings.Fields(secret), " "), strings.Join(strings.Fields(secret), "")} {
		for _, once := range []string{base, jsonEscape(base, false), jsonEscape(base, true), goEscape(base),
			url.QueryEscape(base), url.PathEscape(base), html.EscapeString(base)} {
			for _, f := range []string{once, jsonEscape(once, false), jsonEscape(once, true), goEscape(once)} {
				if len(f) >= 4 && !seen[f] {
					seen[f] = true
					out = append(out, f)
				}
			}
		}
	}
	return out
}

// envelopeTexts checks that stdout is one JSON envelope with its own keys
// and words intact, and returns every other string in it: values, and
// the keys of parameter echoes, data and state (which come from the
// request and from Okta). The envelope's keys, action, identifier and
// status words and the summaries' own keys are the connector's.
func envelopeTexts(t *testing.T, stdout, wantStatus string) []string {
	t.Helper()
	require.True(t, json.Valid([]byte(stdout)), "stdout must be valid JSON:\n%s", stdout)
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.UseNumber()
	var env map[string]any
	require.NoError(t, dec.Decode(&env), "stdout must hold one JSON object")
	_, err := dec.Token()
	require.ErrorIs(t, err, io.EOF, "stdout must hold exactly one JSON value")

	var texts []string
	walk := func(v any, keys bool) { texts = append(texts, datapath.Texts(v, keys)...) }
	top := []string{"action", "identifier", "status", "message", "summary", "action_results"}
	for k := range env {
		if k != "state" {
			assert.Contains(t, top, k, "unexpected envelope key")
		}
	}
	for _, k := range top {
		require.Contains(t, env, k, "the envelope lost its key %q", k)
	}
	assert.Equal(t, wantStatus, env["status"], "envelope status")
	assert.Contains(t, []any{"set password", "send push notification", "test connectivity"}, env["action"])
	assert.Contains(t, []any{"set_password", "send_push_notification", "test_connectivity"}, env["identifier"])
	// A summary's keys are the connector's; those of an object in it are not.
	summary := func(v any) {
		if m, ok := v.(map[string]any); ok {
			for _, e := range m {
				walk(e, true)
			}
		}
	}
	walk(env["message"], false)
	summary(env["summary"])
	walk(env["state"], true)
	results, ok := env["action_results"].([]any)
	require.True(t, ok, "action_results must be a list")
	for _, r := range results {
		res, ok := r.(map[string]any)
		require.True(t, ok, "an action result must be an object")
		assert.ElementsMatch(t, []string{"status", "message", "parameter", "data", "summary"}, keysOf(res), "result keys")
		assert.Contains(t, []any{"success", "failed"}, res["status"])
		walk(res["message"], false)
		walk(res["parameter"], true)
		walk(res["data"], true)
		summary(res["summary"])
	}
	return texts
}

func keysOf(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// logTexts checks that every stderr line is a JSON object and returns
// its string values, the level word excepted.
func logTexts(t *testing.T, stderr string) []string {
	t.Helper()
	var texts []string
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if line == "" {
			continue
		}
		var entry map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &entry), "every log line is JSON: %q", line)
		require.Contains(t, entry, "level", "a log line keeps its level key: %q", line)
		for k, v := range entry {
			if s, ok := v.(string); ok && k != "level" {
				texts = append(texts, s)
			}
		}
	}
	return texts
}

func assertNoSecretIn(t *testing.T, texts []string, secret, where string) {
	t.Helper()
	for _, f := range formsOf(secret) {
		for _, s := range texts {
			if strings.Contains(s, f) {
				t.Errorf("the secret %q shows in %s as %q: %q", secret, where, f, s)
			}
		}
	}
}

// A secret is masked where it is a value: a password equal to one of the
// envelope's own words or to JSON punctuation leaves the envelope valid,
// with its keys, action and status words, and shows nowhere else.
func TestSecretsEqualToEnvelopeWordsKeepTheEnvelopeIntact(t *testing.T) {
	passwords := []string{
		"failed", "success", "status", `": "`, "action_results", "{", `"`, `\`, `Sw0rd"fish\2026`,
		"null", "true", "message", "summary", "parameter", "data", "identifier", "set password",
		"Password set for user", `{"`, `", "`, ",\n  \"", `"********"`,
	}
	type run struct {
		name     string
		req      func(cfg map[string]any, pw string) map[string]any
		status   func(pw string) string
		exitCode func(pw string) int
	}
	strong := func(pw string) bool { return pw == `Sw0rd"fish\2026` }
	runs := []run{
		{
			name: "set password, dry run",
			req: func(cfg map[string]any, pw string) map[string]any {
				r := request("set_password", cfg, map[string]any{"id": "dana.whitfield@example.com", "new_password": pw, "temporary": true})
				r["dry_run"] = true
				return r
			},
			status:   func(string) string { return "success" },
			exitCode: func(string) int { return connector.ExitSuccess },
		},
		{
			name: "set password, refused or set",
			req: func(cfg map[string]any, pw string) map[string]any {
				return request("set_password", cfg, map[string]any{"id": "dana.whitfield@example.com", "new_password": pw})
			},
			status: func(pw string) string {
				if strong(pw) {
					return "success"
				}
				return "failed"
			},
			exitCode: func(pw string) int {
				if strong(pw) {
					return connector.ExitSuccess
				}
				return connector.ExitFailed
			},
		},
		{
			name: "pass code of a factor",
			req: func(cfg map[string]any, pw string) map[string]any {
				return request("send_push_notification", cfg, map[string]any{"email": "sofia.marquez@example.com", "factortype": "token:software:totp", "pass_code": pw})
			},
			status:   func(string) string { return "success" },
			exitCode: func(string) int { return connector.ExitSuccess },
		},
	}
	passwords = append(passwords, "73 91  58")
	for _, pw := range passwords {
		for _, r := range runs {
			t.Run(fmt.Sprintf("%s/%q", r.name, pw), func(t *testing.T) {
				_, p, cfg := simProgram(t)
				req := r.req(cfg, pw)
				req["debug_level"] = 1
				code, stdout, stderr := rawRun(t, p, req)
				texts := envelopeTexts(t, stdout, r.status(pw))
				assert.Equal(t, r.exitCode(pw), code, "exit status; stdout:\n%s", stdout)
				assertNoSecretIn(t, texts, pw, "stdout")
				assertNoSecretIn(t, logTexts(t, stderr), pw, "stderr")
				if strong(pw) || pw == "73 91  58" {
					for _, f := range formsOf(pw) {
						assert.NotContains(t, stdout, f)
						assert.NotContains(t, stderr, f)
					}
				}
			})
		}
	}
}

// A server error quoting the request body shows a secret in the forms
// the body and the message give it: cut, escaped once or twice, with its
// white space collapsed or removed, URL- or HTML-encoded. None of them
// shows, and a cut never leaves the start of a secret.
func TestTransformedSecretsAreMasked(t *testing.T) {
	const (
		cutPassword = "Pfx-Leak-Secret-7781"
		odd         = `Sw0rd"fish\2026`
		spaced      = "Sp ce&Pl+s=42X"
		passcode    = "73 91  58"
	)
	htmlPage := func(status int, page func(body string) string) func(w http.ResponseWriter, r *http.Request) {
		return func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(status)
			_, _ = io.WriteString(w, page(string(body)))
		}
	}
	// cutAt puts the password so that the message's 80-character quote of
	// the page ends `visible` characters into it.
	cutAt := func(visible int) func(body string) string {
		return func(body string) string {
			at := strings.Index(body, cutPassword)
			return "<p>" + strings.Repeat("x", 80-visible-3-at) + body + "</p>"
		}
	}
	type fault struct {
		name     string
		password string
		passCode bool
		answer   func(w http.ResponseWriter, r *http.Request)
		shown    []string // what the fault shows the password as
		want     string
	}
	faults := []fault{
		{name: "HTML body cut one character into the password", password: cutPassword, answer: htmlPage(400, cutAt(1)), want: "not an Okta API answer"},
		{name: "HTML body cut four characters into the password", password: cutPassword, answer: htmlPage(400, cutAt(4)), want: "not an Okta API answer"},
		{name: "HTML body cut one character before its end", password: cutPassword, answer: htmlPage(400, cutAt(len(cutPassword)-1)), want: "not an Okta API answer"},
		{name: "JSON body quoted in an HTML page", password: odd, answer: htmlPage(400, func(body string) string { return "<p>" + body + "</p>" }),
			shown: []string{`Sw0rd\"fish\\2026`}, want: "not an Okta API answer"},
		{name: "JSON body quoted in an Okta error", password: odd, answer: func(w http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(400)
			_ = json.NewEncoder(w).Encode(map[string]any{"errorCode": "E0000003", "errorSummary": "The request body was not well-formed: " + string(body), "errorCauses": []any{}})
		}, shown: []string{`Sw0rd\"fish\\2026`}, want: "E0000003"},
		{name: "HTML-escaped in a page", password: odd, answer: htmlPage(400, func(string) string { return "<p>rejected: " + html.EscapeString(odd) + "</p>" }),
			shown: []string{html.EscapeString(odd)}, want: "not an Okta API answer"},
		{name: "URL-encoded in a page", password: spaced, answer: htmlPage(400, func(string) string { return "<p>/login?password=" + url.QueryEscape(spaced) + "</p>" }),
			shown: []string{url.QueryEscape(spaced)}, want: "not an Okta API answer"},
		{name: "pass code with its white space collapsed", password: passcode, passCode: true,
			answer: htmlPage(400, func(string) string { return "<p>code\n73\n91\n\n\n58 refused</p>" }), shown: []string{"73 91 58"}, want: "not an Okta API answer"},
		{name: "pass code with its white space removed", password: passcode, passCode: true,
			answer: htmlPage(400, func(string) string { return "<p>code 739158 refused</p>" }), shown: []string{"739158"}, want: "not an Okta API answer"},
	}
	for _, f := range faults {
		t.Run(f.name, func(t *testing.T) {
			sim, p, cfg := simProgram(t)
			var req map[string]any
			if f.passCode {
				req = request("send_push_notification", cfg, map[string]any{"email": "sofia.marquez@example.com", "factortype": "token:software:totp", "pass_code": f.password})
			} else {
				req = request("set_password", cfg, map[string]any{"id": "dana.whitfield@example.com", "new_password": f.password})
			}
			req["debug_level"] = 1
			sim.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
				if r.Method != http.MethodPost {
					return false
				}
				f.answer(w, r)
				return true
			})
			code, stdout, stderr := rawRun(t, p, req)
			assert.Equal(t, connector.ExitFailed, code, stdout)
			texts := envelopeTexts(t, stdout, "failed")
			assert.Contains(t, stdout, f.want, "the message still says what happened")
			for _, out := range []string{stdout, stderr} {
				forms := formsOf(f.password)
				for _, s := range f.shown {
					forms = append(forms, formsOf(s)...)
				}
				for _, s := range forms {
					assert.NotContains(t, out, s)
				}
			}
			assertNoSecretIn(t, texts, f.password, "stdout")
			for _, text := range texts {
				for n := 1; n < len(f.password); n++ {
					assert.NotContains(t, text, f.password[:n]+"…", "a cut left the first %d characters of the secret", n)
				}
			}
			t.Log(envelopeMessage(stdout))
		})
	}
}

func envelopeMessage(stdout string) string {
	var env struct {
		Message string `json:"message"`
	}
	_ = json.Unmarshal([]byte(stdout), &env)
	return env.Message
}

// show_password is an explicit request to see the password that
// add_random_chars made: the data shows it whole. Without it, the data
// masks it like any secret, and the logs never show it.
func TestShowPasswordRevealsTheWholeGeneratedPassword(t *testing.T) {
	const given = "Reveal-Me-Pw-77"
	for _, show := range []bool{true, false} {
		t.Run(fmt.Sprintf("show_password %v", show), func(t *testing.T) {
			_, p, cfg := simProgram(t)
			req := request("set_password", cfg, map[string]any{"id": "dana.whitfield@example.com", "new_password": given, "add_random_chars": true, "show_password": show})
			req["debug_level"] = 1
			code, stdout, stderr := rawRun(t, p, req)
			require.Equal(t, connector.ExitSuccess, code, stdout)
			envelopeTexts(t, stdout, "success")
			var env struct {
				Message       string `json:"message"`
				ActionResults []struct {
					Message   string         `json:"message"`
					Parameter map[string]any `json:"parameter"`
					Data      []struct {
						Credentials struct {
							Password struct {
								Value string `json:"value"`
							} `json:"password"`
						} `json:"credentials"`
					} `json:"data"`
				} `json:"action_results"`
			}
			require.NoError(t, json.Unmarshal([]byte(stdout), &env))
			require.Len(t, env.ActionResults, 1)
			res := env.ActionResults[0]
			assert.Equal(t, "********", res.Parameter["new_password"], "the parameter echo stays masked")
			require.Len(t, res.Data, 1)
			shown := res.Data[0].Credentials.Password.Value
			if !show {
				assert.Equal(t, "********", shown)
				assert.NotContains(t, stdout, given)
				return
			}
			assert.Len(t, shown, len(given)+10, "the whole generated password: %q", shown)
			assert.True(t, strings.HasPrefix(shown, given), "the generated password starts with the one given: %q", shown)
			assert.NotContains(t, shown, "*")
			assert.Equal(t, 1, strings.Count(stdout, shown), "shown in the data only")
			assert.NotContains(t, res.Message, given)
			assert.NotContains(t, stderr, given, "the logs never show it")
		})
	}
}
