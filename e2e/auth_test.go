package e2e

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/fixtures/simorg"
)

const serviceAppID = "0oaSoarServiceApp001"

var (
	oauthKeysOnce sync.Once
	serviceKey    *rsa.PrivateKey // registered for serviceAppID
	strangerKey   *rsa.PrivateKey // registered nowhere
)

func oauthKeys(t *testing.T) {
	t.Helper()
	oauthKeysOnce.Do(func() {
		var err error
		serviceKey, err = rsa.GenerateKey(rand.Reader, 2048)
		if err == nil {
			strangerKey, err = rsa.GenerateKey(rand.Reader, 2048)
		}
		if err != nil {
			panic(err)
		}
	})
}

func pkcs8PEM(t *testing.T, key any) string {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

func pkcs1PEM(key *rsa.PrivateKey) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}))
}

// oauthSim starts an org where serviceAppID is registered with serviceKey
// and granted the given scopes, and returns an OAuth configuration for it.
func oauthSim(t *testing.T, granted []string, opts ...simorg.Option) (*simorg.Server, connector.Program, map[string]any) {
	t.Helper()
	oauthKeys(t)
	opts = append(opts, simorg.WithOAuthClient(simorg.OAuthClient{ID: serviceAppID, PublicKey: serviceKey.Public(), KeyID: "soar-key-1", Scopes: granted}))
	sim, p, _ := simProgram(t, opts...)
	p.RetryBase = fastRetries
	return sim, p, map[string]any{
		"base_url":       sim.URL,
		"client_id":      serviceAppID,
		"private_key":    pkcs8PEM(t, serviceKey),
		"private_key_id": "soar-key-1",
	}
}

// tokenRequests returns the requests the org received at its token endpoint.
func tokenRequests(sim *simorg.Server) []simorg.Recorded {
	var out []simorg.Recorded
	for _, r := range sim.Requests() {
		if r.Path == simorg.TokenPath {
			out = append(out, r)
		}
	}
	return out
}

func TestOAuthEndToEnd(t *testing.T) {
	sim, p, cfg := oauthSim(t, connector.DefaultScopes)

	code, env, _ := invoke(t, p, request("test_connectivity", cfg))
	require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
	msg := resultMessage(env)
	assert.Contains(t, msg, "using OAuth 2.0 client credentials with a private-key JWT")
	assert.Contains(t, msg, serviceAppID)

	tokens := tokenRequests(sim)
	require.Len(t, tokens, 1)
	assert.Empty(t, tokens[0].RawQuery, "the client assertion travels in the form body, not the URL")
	form, err := url.ParseQuery(tokens[0].Body)
	require.NoError(t, err)
	assert.Equal(t, "client_credentials", form.Get("grant_type"))
	assert.Equal(t, strings.Join(connector.DefaultScopes, " "), form.Get("scope"))

	// A captured assertion cannot be used again: each carries a fresh jti.
	replay := sim.Client()
	resp, err := replay.PostForm(sim.URL+simorg.TokenPath, form)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, "a replayed assertion is refused")

	// One access token serves every request of an invocation.
	code, env, _ = invoke(t, p, request("disable_user", cfg, map[string]any{"id": "dana.whitfield@example.com"}))
	require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
	assert.Len(t, tokenRequests(sim), 3, "one token per invocation (plus the replay)")
	_, env, _ = invoke(t, p, request("get_user", cfg, map[string]any{"user_id": "dana.whitfield@example.com"}))
	assert.Contains(t, resultMessage(env), "SUSPENDED")
}

func TestOAuthKeyFormats(t *testing.T) {
	oauthKeys(t)
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	cases := []struct {
		name   string
		public any
		pem    string
	}{
		{"PKCS#1 RSA", serviceKey.Public(), pkcs1PEM(serviceKey)},
		{"PKCS#8 RSA with escaped newlines", serviceKey.Public(), strings.ReplaceAll(pkcs8PEM(t, serviceKey), "\n", `\n`)},
		{"PKCS#8 EC P-256", ecKey.Public(), pkcs8PEM(t, ecKey)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, p, _ := simProgram(t, simorg.WithOAuthClient(simorg.OAuthClient{ID: serviceAppID, PublicKey: c.public, Scopes: connector.DefaultScopes}))
			cfg := map[string]any{"base_url": sim.URL, "client_id": serviceAppID, "private_key": c.pem}
			code, env, _ := invoke(t, p, request("test_connectivity", cfg))
			assert.Equal(t, connector.ExitSuccess, code, resultMessage(env))
		})
	}
}

func TestOAuthFailuresHaveClearMessages(t *testing.T) {
	oauthKeys(t)
	cases := []struct {
		name    string
		granted []string
		cfg     func(cfg map[string]any)
		action  string
		params  map[string]any
		want    []string
	}{
		{
			name: "wrong key",
			cfg:  func(cfg map[string]any) { cfg["private_key"] = pkcs8PEM(t, strangerKey) },
			want: []string{"Okta refused the OAuth 2.0 client", "invalid_client", "signature is invalid", "private_key"},
		},
		{
			name: "key id of another key",
			cfg:  func(cfg map[string]any) { cfg["private_key_id"] = "soar-key-2" },
			want: []string{"invalid_client", "kid", "private_key_id"},
		},
		{
			name: "unknown client",
			cfg:  func(cfg map[string]any) { cfg["client_id"] = "0oaNoSuchApp00000001" },
			want: []string{"Okta refused the OAuth 2.0 client", "client_id"},
		},
		{
			name:    "scope not granted to the app",
			granted: []string{"okta.users.read"},
			cfg:     func(cfg map[string]any) { cfg["scopes"] = "okta.users.read, okta.logs.read" },
			want:    []string{"Okta refused the requested scopes", "invalid_scope", "okta.logs.read", "Okta API Scopes"},
		},
		{
			name:    "scope the action needs is not in the token",
			granted: []string{"okta.users.read"},
			cfg:     func(cfg map[string]any) { cfg["scopes"] = "okta.users.read" },
			action:  "disable_user",
			params:  map[string]any{"id": "dana.whitfield@example.com"},
			want:    []string{"403 Forbidden", "lacks the scope okta.users.manage", "POST /api/v1/users/00ufBAepfJBd0Kh8oOOL/lifecycle/suspend", "Okta API Scopes"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			granted := c.granted
			if granted == nil {
				granted = connector.DefaultScopes
			}
			sim, p, cfg := oauthSim(t, granted)
			c.cfg(cfg)
			action := c.action
			if action == "" {
				action = "test_connectivity"
			}
			var params []map[string]any
			if c.params != nil {
				params = append(params, c.params)
			}
			req := request(action, cfg, params...)
			req["debug_level"] = 1
			code, env, stderr := invoke(t, p, req)
			assert.Equal(t, connector.ExitFailed, code)
			for _, w := range c.want {
				assert.Contains(t, resultMessage(env), w)
			}
			assertNoCredentials(t, sim, cfg, env, stderr)
		})
	}
}

func TestOAuthConfiguration(t *testing.T) {
	oauthKeys(t)
	sim, p, _ := simProgram(t)
	small, err := rsa.GenerateKey(rand.Reader, 1024)
	require.NoError(t, err)
	encrypted := "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n"
	cases := []struct {
		name string
		cfg  map[string]any
		want string
	}{
		{"neither credential", map[string]any{"base_url": sim.URL}, "api_key is empty: give the asset an Okta API token, or client_id and private_key"},
		{"client id without key", map[string]any{"base_url": sim.URL, "client_id": serviceAppID}, "client_id is set but private_key is empty"},
		{"key without client id", map[string]any{"base_url": sim.URL, "private_key": pkcs8PEM(t, serviceKey)}, "private_key is set but client_id is empty"},
		{"not PEM", map[string]any{"base_url": sim.URL, "client_id": serviceAppID, "private_key": "hunter2-not-a-key"}, "private_key is not a PEM private key"},
		{"certificate instead of key", map[string]any{"base_url": sim.URL, "client_id": serviceAppID, "private_key": string(sim.CACertPEM())}, `"CERTIFICATE" block, not a private key`},
		{"encrypted key", map[string]any{"base_url": sim.URL, "client_id": serviceAppID, "private_key": encrypted}, "private_key is encrypted"},
		{"short RSA key", map[string]any{"base_url": sim.URL, "client_id": serviceAppID, "private_key": pkcs1PEM(small)}, "1024-bit RSA key"},
		{"bad scope", map[string]any{"base_url": sim.URL, "client_id": serviceAppID, "private_key": pkcs8PEM(t, serviceKey), "scopes": "okta.users.read;drop"}, "is not an Okta scope name"},
		{"scopes with an API token", map[string]any{"base_url": sim.URL, "api_key": simorg.Token, "scopes": "okta.users.read"}, "apply to OAuth 2.0 only"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, env, stderr := invoke(t, p, request("test_connectivity", c.cfg))
			assert.Equal(t, connector.ExitUnusable, code)
			assert.Contains(t, env.Message, "invalid asset configuration")
			assert.Contains(t, env.Message, c.want)
			if key, ok := c.cfg["private_key"].(string); ok {
				assertNoKeyMaterial(t, key, env.Message+stderr)
			}
		})
	}
	assert.Empty(t, sim.Requests(), "an invalid configuration must not reach Okta")
}

// Both halves given: OAuth wins and api_key is not sent.
func TestOAuthTakesPrecedenceOverTheAPIToken(t *testing.T) {
	sim, p, cfg := oauthSim(t, connector.DefaultScopes)
	cfg["api_key"] = "ssws-token-that-must-stay-home"
	code, env, _ := invoke(t, p, request("get_user", cfg, map[string]any{"user_id": "00ufBAepfJBd0Kh8oOOL"}))
	require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
	for _, r := range sim.Requests() {
		assert.NotContains(t, r.Body, "ssws-token")
	}
}

// assertNoKeyMaterial checks that no line of a PEM key shows up in text.
func assertNoKeyMaterial(t *testing.T, key, text string) {
	t.Helper()
	for _, line := range strings.Split(strings.ReplaceAll(key, `\n`, "\n"), "\n") {
		if len(line) >= 16 && !strings.HasPrefix(line, "-----") {
			assert.NotContains(t, text, line, "private key material in the output")
		}
	}
}

// assertNoCredentials checks stdout (the decoded envelope, re-encoded) and
// stderr for every credential of an OAuth run: the private key, the
// client assertions the org received and the access tokens it issued.
func assertNoCredentials(t *testing.T, sim *simorg.Server, cfg map[string]any, env envelope, stderr string) {
	t.Helper()
	raw, err := json.Marshal(env)
	require.NoError(t, err)
	out := string(raw) + stderr
	if key, ok := cfg["private_key"].(string); ok {
		assertNoKeyMaterial(t, key, out)
	}
	for _, r := range tokenRequests(sim) {
		form, _ := url.ParseQuery(r.Body)
		if a := form.Get("client_assertion"); a != "" {
			assert.NotContains(t, out, a, "client assertion in the output")
			assert.NotContains(t, out, strings.Split(a, ".")[2], "assertion signature in the output")
		}
	}
	for _, tok := range sim.AccessTokens() {
		assert.NotContains(t, out, tok, "access token in the output")
	}
}

func TestDefaultScopesAreDocumented(t *testing.T) {
	scopes := mustApp(t).Configuration["scopes"]
	require.NotNil(t, scopes)
	assert.Contains(t, scopes.Description, strings.Join(connector.DefaultScopes, ","))
}

// Every fixture request, sent with OAuth 2.0 and the default scopes to an
// app granted exactly those, needs no scope the token lacks.
func TestDefaultScopesCoverEveryAction(t *testing.T) {
	for _, file := range requestFiles(t) {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(file)
			require.NoError(t, err)
			var req map[string]any
			require.NoError(t, json.Unmarshal(raw, &req))
			_, p, cfg := oauthSim(t, connector.DefaultScopes)
			if given, ok := req["config"].(map[string]any); ok {
				for k, v := range given {
					if k != "base_url" && k != "api_key" {
						cfg[k] = v
					}
				}
			}
			req["config"] = cfg
			_, env, _ := invoke(t, p, req)
			out, err := json.Marshal(env)
			require.NoError(t, err)
			assert.NotContains(t, string(out), "lacks the scope")
			assert.NotContains(t, string(out), "invalid_scope")
		})
	}
}

// Answers of the token endpoint that are neither an access token nor an
// OAuth error end the run with a message that says so: never a panic,
// never a request sent with what came back.
func TestHostileTokenAnswers(t *testing.T) {
	const leaked = "Leaked-Token-From-A-Redirect"
	answer := func(status int, ct, body string) func(w http.ResponseWriter) {
		return func(w http.ResponseWriter) {
			if ct != "" {
				w.Header().Set("Content-Type", ct)
			}
			w.Header().Set("Location", "https://evil.example/token")
			w.WriteHeader(status)
			_, _ = w.Write([]byte(body))
		}
	}
	cases := []struct {
		name   string
		answer func(w http.ResponseWriter)
		want   string
	}{
		{"null", answer(200, "application/json", "null"), "answered 200 OK (content type \"application/json\") with null"},
		{"empty body", answer(200, "application/json", ""), "with an empty body"},
		{"204 No Content", answer(204, "application/json", ""), "answered 204 No Content"},
		{"302 labelled JSON", answer(302, "application/json", `{"access_token":"`+leaked+`","token_type":"Bearer","expires_in":3600}`), "answered 302 Found"},
		{"307 labelled JSON", answer(307, "application/json", `{"access_token":"`+leaked+`"}`), "answered 307 Temporary Redirect"},
		{"an object without a token", answer(200, "application/json", `{"token_type":"Bearer"}`), "with no access_token in it"},
		{"a list", answer(200, "application/json", `[{"access_token":"x"}]`), "not a JSON object"},
		{"a token with a line break", answer(200, "application/json", `{"access_token":"abc\r\nX-Injected: 1","token_type":"Bearer","expires_in":3600}`), "characters no token has"},
		{"200 in HTML", answer(200, "text/html", "<html>sign in</html>"), "instead of JSON"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, p, cfg := oauthSim(t, connector.DefaultScopes)
			sim.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
				if r.URL.Path != simorg.TokenPath {
					return false
				}
				c.answer(w)
				return true
			})
			start := time.Now()
			code, env, stderr := invoke(t, p, request("get_user", cfg, map[string]any{"user_id": "dana.whitfield@example.com"}))
			assert.Less(t, time.Since(start), 10*time.Second)
			assert.Equal(t, connector.ExitFailed, code)
			msg := resultMessage(env)
			assert.Contains(t, msg, "getting an OAuth 2.0 access token failed")
			assert.Contains(t, msg, c.want)
			assert.Contains(t, msg, "check base_url")
			assert.NotContains(t, msg, "internal error")
			assert.NotContains(t, stderr, "panic")
			out, _ := json.Marshal(env)
			assert.NotContains(t, string(out)+stderr, leaked)
			for _, r := range sim.Requests() {
				assert.Equal(t, simorg.TokenPath, r.Path, "nothing is sent without a token")
			}
		})
	}
}
