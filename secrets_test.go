package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/fixtures/simorg"
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
