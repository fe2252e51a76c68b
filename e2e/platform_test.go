package e2e

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/fixtures/simorg"
)

// splunkInput is a request shaped exactly as Splunk SOAR sends it to an
// app: the identifier in both members, debug_level 3, the platform's keys
// in config and at the top level, context in each parameter object.
func splunkInput(identifier string, cfg map[string]any, env map[string]any, params ...map[string]any) map[string]any {
	config := map[string]any{
		"appname": "-", "app_version": "1.0.0", "directory": "/opt/phantom/apps/okta",
		"ingest": map[string]any{"container_label": "events"}, "main_module": "okta_connector.py",
	}
	for k, v := range cfg {
		config[k] = v
	}
	for i, p := range params {
		p["context"] = map[string]any{"artifact_id": 40 + i, "guid": "0b7e-4c55", "parent_action_run": []any{}}
	}
	return map[string]any{
		"action": identifier, "identifier": identifier, "action_run_id": 123456, "app_config": nil,
		"asset_id": "10", "connector_run_id": 78910, "container_id": 12345, "debug_level": 3,
		"dec_key": "platform-key", "user_session_token": "platform-token",
		"config": config, "environment_variables": env, "parameters": params,
	}
}

// The platform's input runs unchanged, and context is echoed as given.
func TestSplunkSOARInputRunsUnchanged(t *testing.T) {
	sim, p, cfg := simProgram(t)
	code, env, stderr := invoke(t, p, splunkInput("get_user", cfg, nil, map[string]any{"user_id": "dana.whitfield@example.com"}))
	require.Equal(t, connector.ExitSuccess, code, env.Message)
	assert.Contains(t, stderr, `"level":"debug"`, "debug_level 3 logs at debug level")
	param := env.ActionResults[0]["parameter"].(map[string]any)
	assert.Equal(t, map[string]any{"artifact_id": 40.0, "guid": "0b7e-4c55", "parent_action_run": []any{}}, param["context"])
	for _, r := range sim.Requests() {
		assert.NotContains(t, r.RawQuery, "artifact", "context never reaches Okta")
	}

	// Another unknown parameter key is still an error.
	code, env, _ = invoke(t, p, splunkInput("get_user", cfg, nil, map[string]any{"user_id": "dana.whitfield@example.com", "contexts": 1}))
	assert.Equal(t, connector.ExitFailed, code)
	assert.Contains(t, resultMessage(env), "contexts")
}

// A proxy named by the platform's per-asset environment carries every
// request through a CONNECT tunnel when the asset sets no proxy_url; its
// credentials never show; NO_PROXY and proxy_url take precedence.
func TestEnvironmentProxyFromThePlatform(t *testing.T) {
	const password = "Env-Pr0xy/Secret"
	typed := func(v string) map[string]any { return map[string]any{"type": "string", "value": v} }
	host := func(sim *simorg.Server) string { return strings.TrimPrefix(sim.URL, "https://") }
	cases := []struct {
		name     string
		env      func(proxy string, sim *simorg.Server) map[string]any
		tunneled bool
	}{
		{"HTTPS_PROXY", func(proxy string, _ *simorg.Server) map[string]any {
			return map[string]any{"HTTPS_PROXY": typed(withCredentials(proxy, "soar", password))}
		}, true},
		{"HTTP_PROXY when HTTPS_PROXY is unset", func(proxy string, _ *simorg.Server) map[string]any {
			return map[string]any{"HTTP_PROXY": typed(withCredentials(proxy, "soar", password))}
		}, true},
		{"lower-case https_proxy", func(proxy string, _ *simorg.Server) map[string]any {
			return map[string]any{"https_proxy": typed(withCredentials(proxy, "soar", password))}
		}, true},
		{"NO_PROXY names the org's host", func(proxy string, sim *simorg.Server) map[string]any {
			h, _, _ := strings.Cut(host(sim), ":")
			return map[string]any{"HTTPS_PROXY": typed(proxy), "NO_PROXY": typed("example.com, " + h)}
		}, false},
		{"NO_PROXY with a CIDR range", func(proxy string, _ *simorg.Server) map[string]any {
			return map[string]any{"HTTPS_PROXY": typed(proxy), "NO_PROXY": typed("127.0.0.0/8")}
		}, false},
		{"NO_PROXY for another host", func(proxy string, _ *simorg.Server) map[string]any {
			return map[string]any{"HTTPS_PROXY": typed(proxy), "NO_PROXY": typed(".example.com,10.0.0.0/8")}
		}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, p, cfg := simProgram(t)
			// The proxy asks for the credentials the tunnelled cases give.
			proxy := &forwardProxy{password: password}
			if c.tunneled && !strings.HasPrefix(c.name, "NO_PROXY") {
				proxy.user = "soar"
			}
			srv := startProxy(t, proxy, false)
			req := splunkInput("get_user", cfg, c.env(srv.URL, sim), map[string]any{"user_id": "dana.whitfield@example.com"})
			code, env, stderr := invoke(t, p, req)
			require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
			connects, headers, plain, _ := proxy.seen()
			assert.Empty(t, plain, "nothing is forwarded outside a tunnel")
			if !c.tunneled {
				assert.Empty(t, connects, "the proxy is bypassed")
				return
			}
			require.NotEmpty(t, connects, "a CONNECT for the org")
			for _, target := range connects {
				assert.Equal(t, host(sim), target)
			}
			for _, h := range headers {
				assert.Empty(t, h.Get("Authorization"), "the proxy never sees the Okta credentials")
			}
			out, _ := json.Marshal(env)
			assert.NotContains(t, string(out), password)
			assert.NotContains(t, stderr, password)
		})
	}

	t.Run("proxy_url wins over the environment", func(t *testing.T) {
		_, p, cfg := simProgram(t)
		used, ignored := &forwardProxy{}, &forwardProxy{}
		cfg["proxy_url"] = startProxy(t, used, false).URL
		env := map[string]any{"HTTPS_PROXY": typed(startProxy(t, ignored, false).URL)}
		code, envl, _ := invoke(t, p, splunkInput("get_user", cfg, env, map[string]any{"user_id": "dana.whitfield@example.com"}))
		require.Equal(t, connector.ExitSuccess, code, resultMessage(envl))
		c1, _, _, _ := used.seen()
		c2, _, _, _ := ignored.seen()
		assert.NotEmpty(t, c1)
		assert.Empty(t, c2)
	})

	t.Run("the process environment is never read", func(t *testing.T) {
		_, p, cfg := simProgram(t)
		ignored := &forwardProxy{}
		t.Setenv("HTTPS_PROXY", startProxy(t, ignored, false).URL)
		code, env, _ := invoke(t, p, request("get_user", cfg, map[string]any{"user_id": "dana.whitfield@example.com"}))
		require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
		c, _, _, _ := ignored.seen()
		assert.Empty(t, c)
	})

	t.Run("a proxy that is not a URL is an invalid configuration naming the variable", func(t *testing.T) {
		sim, p, cfg := simProgram(t)
		env := map[string]any{"HTTPS_PROXY": typed("socks5://soar:" + password + "@127.0.0.1:1080")}
		code, envl, _ := invoke(t, p, splunkInput("get_user", cfg, env, map[string]any{"user_id": "dana.whitfield@example.com"}))
		assert.Equal(t, connector.ExitUnusable, code)
		assert.Contains(t, envl.Message, "HTTPS_PROXY in the asset's environment variables")
		out, _ := json.Marshal(envl)
		assert.NotContains(t, string(out), password)
		assert.Empty(t, sim.Requests())
	})
}

// "me" in any case names the connector's own account: refused before any
// request, for every action that takes a user.
func TestSelfAliasIsRefusedBeforeAnyRequest(t *testing.T) {
	for _, target := range hostileTargets {
		if target.param != "user_id" && target.param != "id" && target.param != "email" {
			continue
		}
		t.Run(target.action+"/"+target.param, func(t *testing.T) {
			sim, p, cfg := simProgram(t)
			var runs []map[string]any
			for _, v := range []string{"me", "ME", " Me ", "mE"} {
				params := map[string]any{target.param: v}
				for k, x := range target.others {
					params[k] = x
				}
				runs = append(runs, params)
			}
			_, env, _ := invoke(t, p, request(target.action, cfg, runs...))
			require.Len(t, env.ActionResults, 4)
			for _, r := range env.ActionResults {
				assert.Equal(t, "failed", r["status"])
				assert.Contains(t, r["message"], "the account that owns the connector's own credentials")
			}
			for _, r := range sim.Requests() {
				assert.NotContains(t, strings.ToLower(r.EscapedPath), "/users/me", "no request for the alias")
			}
		})
	}
}

// A user Okta returns for a value must be the one the value names: an
// answer for another account (an alias, a changed login) is refused.
func TestResolvedUserMustBeTheOneNamed(t *testing.T) {
	admin := `{"id":"00uu8jzPde0IgxLd6Gnc","status":"ACTIVE","profile":{"login":"soar.admin@example.com","email":"soar.admin@example.com"}}`
	cases := []struct {
		name, ref string
		answer    func(w http.ResponseWriter, r *http.Request) bool
	}{
		{"by path", "dana.whitfield@example.com", func(w http.ResponseWriter, r *http.Request) bool {
			if r.Method != http.MethodGet || r.URL.Path != "/api/v1/users/dana.whitfield@example.com" {
				return false
			}
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(admin))
			return true
		}},
		{"by login filter", "o'neil+soc@example.com", func(w http.ResponseWriter, r *http.Request) bool {
			if r.Method != http.MethodGet || r.URL.Path != "/api/v1/users" || r.URL.Query().Get("filter") == "" {
				return false
			}
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte("[" + admin + "]"))
			return true
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, p, cfg := simProgram(t)
			sim.SetFault(c.answer)
			code, env, _ := invoke(t, p, request("suspend_user", cfg, map[string]any{"user_id": c.ref}))
			assert.Equal(t, connector.ExitFailed, code)
			assert.Contains(t, resultMessage(env), "soar.admin@example.com (00uu8jzPde0IgxLd6Gnc), whose id, login and login short name all differ")
			for _, r := range sim.Requests() {
				assert.Equal(t, http.MethodGet, r.Method, "nothing changed")
			}
		})
	}

	// Ids, logins in any case and login short names still resolve.
	_, p, cfg := simProgram(t)
	for _, ref := range []string{"00ufBAepfJBd0Kh8oOOL", "Dana.Whitfield@Example.com", "dana.whitfield"} {
		code, env, _ := invoke(t, p, request("get_user", cfg, map[string]any{"user_id": ref}))
		assert.Equal(t, connector.ExitSuccess, code, "%s: %s", ref, resultMessage(env))
	}
}
