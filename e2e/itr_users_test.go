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

// The identity threat response actions on users: their parameters that
// name Okta objects under attack, and the only paths those actions may
// send.
func userThreatFamily() hostileFamily {
	actionPaths := map[string][]string{}
	var hostileTargets []hostileTarget
	users := []string{`/api/v1/users`, `/api/v1/users/SEG`}
	of := func(paths ...string) []string { return append(append([]string(nil), users...), paths...) }
	actionPaths["universal_logout"] = of(simorg.GlobalTokenRevocationPath)
	actionPaths["get_user_blocks"] = of(`/api/v1/users/SEG/blocks`)
	actionPaths["get_user_risk"] = of(`/api/v1/users/SEG/risk`)
	actionPaths["set_user_risk"] = of(`/api/v1/users/SEG/risk`)
	actionPaths["list_user_devices"] = of(`/api/v1/users/SEG/devices`)
	actionPaths["list_user_grants"] = of(`/api/v1/users/SEG/grants`)
	actionPaths["revoke_user_grants"] = of(`/api/v1/users/SEG/grants`)
	actionPaths["list_user_clients"] = of(`/api/v1/users/SEG/clients`)
	actionPaths["revoke_user_client_tokens"] = of(`/api/v1/users/SEG/clients`, `/api/v1/users/SEG/clients/SEG/tokens`)
	for _, op := range []string{"suspend", "unsuspend", "deactivate"} {
		actionPaths[op+"_device"] = []string{`/api/v1/devices/SEG`, `/api/v1/devices/SEG/lifecycle/` + op}
		hostileTargets = append(hostileTargets, hostileTarget{op + "_device", "device_id", nil})
	}
	actionPaths["end_session"] = []string{`/api/v1/sessions/SEG`}
	actionPaths["contain_user"] = append(actionPaths["contain_user"], `/api/v1/users/SEG/risk`, simorg.GlobalTokenRevocationPath)

	hostileTargets = append(hostileTargets,
		hostileTarget{"universal_logout", "user_id", nil},
		hostileTarget{"get_user_blocks", "user_id", nil},
		hostileTarget{"get_user_risk", "user_id", nil},
		hostileTarget{"set_user_risk", "user_id", map[string]any{"risk_level": "HIGH"}},
		hostileTarget{"list_user_devices", "user_id", nil},
		hostileTarget{"list_user_grants", "user_id", nil},
		hostileTarget{"revoke_user_grants", "user_id", nil},
		hostileTarget{"list_user_clients", "user_id", nil},
		hostileTarget{"revoke_user_client_tokens", "user_id", map[string]any{"client_id": socPortal}},
		hostileTarget{"revoke_user_client_tokens", "client_id", map[string]any{"user_id": "dana.whitfield@example.com"}},
		hostileTarget{"end_session", "session_id", nil},
		hostileTarget{"contain_user", "user_id", map[string]any{"universal_logout": true, "raise_risk": true}},
	)
	return hostileFamily{targets: hostileTargets, paths: actionPaths}
}

// Seed ids of the simulated org's identity threat response data.
const (
	adminLogin       = "soar.admin@example.com" // the account simorg.Token belongs to
	socPortal        = "0oajR4YfKNQQhQhX4j82"
	danaSession      = "102RxuaCo0oy9Canssz9WD7"
	danaOtherSession = "102ynulUlq1yT6GJREmCcX0" // Dana's other session
)

// sentChanges lists the requests other than GET the org received.
func sentChanges(sim *simorg.Server) []string {
	var out []string
	for _, r := range sim.Requests() {
		if r.Method != http.MethodGet && r.Path != simorg.TokenPath {
			out = append(out, r.Method+" "+r.Path)
		}
	}
	return out
}

// With an API token, Universal Logout of the token's own account is
// refused before it is sent, and the token keeps working; with OAuth 2.0
// no user owns the credentials, nothing is asked, and the logout is sent.
func TestUniversalLogoutOfTheConnectorsOwnAccount(t *testing.T) {
	t.Run("API token", func(t *testing.T) {
		sim, p, cfg := simProgram(t)
		code, env, _ := invoke(t, p, request("universal_logout", cfg, map[string]any{"user_id": adminLogin}))
		assert.Equal(t, connector.ExitFailed, code)
		assert.Contains(t, resultMessage(env), "is the account the connector's API token belongs to")
		assert.Empty(t, sentChanges(sim), "nothing is sent")

		code, env, _ = invoke(t, p, request("get_user", cfg, map[string]any{"user_id": adminLogin}))
		assert.Equal(t, connector.ExitSuccess, code, "the token still works: %s", resultMessage(env))
	})
	t.Run("OAuth", func(t *testing.T) {
		sim, p, cfg := oauthSim(t, connector.DefaultScopes)
		code, env, _ := invoke(t, p, request("universal_logout", cfg, map[string]any{"user_id": adminLogin}))
		require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
		assert.Equal(t, []string{"POST " + simorg.GlobalTokenRevocationPath}, sentChanges(sim))
		for _, r := range sim.Requests() {
			assert.NotEqual(t, "/api/v1/users/me", r.Path, "no look-up of an account OAuth does not have")
		}
	})
}

// The logout names the user by id, in the body Okta documents.
func TestUniversalLogoutBody(t *testing.T) {
	sim, p, cfg := simProgram(t)
	code, env, _ := invoke(t, p, request("universal_logout", cfg, map[string]any{"user_id": "dana.whitfield@example.com"}))
	require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
	var bodies []string
	for _, r := range sim.Requests() {
		if r.Path == simorg.GlobalTokenRevocationPath {
			bodies = append(bodies, r.Body)
		}
	}
	require.Len(t, bodies, 1)
	assert.JSONEq(t, `{"sub_id": {"format": "opaque", "id": "00ufBAepfJBd0Kh8oOOL"}}`, bodies[0])
	assert.Empty(t, sim.SpecErrors())
}

// "me" names the caller's own browser session: refused in any letter case
// before any request.
func TestEndSessionRefusesTheSelfAliasBeforeAnyRequest(t *testing.T) {
	sim, p, cfg := simProgram(t)
	var runs []map[string]any
	for _, v := range []string{"me", "ME", " Me ", "mE"} {
		runs = append(runs, map[string]any{"session_id": v})
	}
	_, env, _ := invoke(t, p, request("end_session", cfg, runs...))
	require.Len(t, env.ActionResults, len(runs))
	for _, r := range env.ActionResults {
		assert.Equal(t, "failed", r["status"])
		assert.Contains(t, r["message"], "Okta reads it as the session of the caller's own browser")
	}
	assert.Empty(t, sim.Requests())
}

// end session ends the one session named: the user's other session lives
// on, and the ended one is then reported as gone.
func TestEndSessionEndsOnlyThatSession(t *testing.T) {
	sim, p, cfg := simProgram(t)
	code, env, _ := invoke(t, p, request("end_session", cfg, map[string]any{"session_id": danaSession}))
	require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
	assert.Equal(t, []string{"DELETE /api/v1/sessions/" + danaSession}, sentChanges(sim))

	code, env, _ = invoke(t, p, request("end_session", cfg, map[string]any{"session_id": danaSession}))
	assert.Equal(t, connector.ExitFailed, code)
	assert.Contains(t, resultMessage(env), "no live Okta session has the id")

	req := request("end_session", cfg, map[string]any{"session_id": danaOtherSession})
	req["dry_run"] = true
	code, env, _ = invoke(t, p, req)
	require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
	assert.Contains(t, resultMessage(env), "would send DELETE /api/v1/sessions/"+danaOtherSession, "the other session is still there")
}

// contain user's optional steps run only when asked for, after the
// others, and leave the user at risk level HIGH.
func TestContainUserOptionalSteps(t *testing.T) {
	id := "00ufBAepfJBd0Kh8oOOL"
	t.Run("off", func(t *testing.T) {
		sim, p, cfg := simProgram(t)
		code, env, _ := invoke(t, p, request("contain_user", cfg, map[string]any{"user_id": id}))
		require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
		assert.Equal(t, []string{"POST /api/v1/users/" + id + "/lifecycle/suspend", "DELETE /api/v1/users/" + id + "/sessions"}, sentChanges(sim))
		assert.Equal(t, []string{"suspend", "clear_sessions", "reset_factors", "expire_password"}, stepNames(t, env))
	})
	t.Run("on", func(t *testing.T) {
		sim, p, cfg := simProgram(t)
		code, env, _ := invoke(t, p, request("contain_user", cfg, map[string]any{"user_id": id, "universal_logout": true, "raise_risk": true}))
		require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
		assert.Equal(t, []string{
			"POST /api/v1/users/" + id + "/lifecycle/suspend",
			"DELETE /api/v1/users/" + id + "/sessions",
			"POST " + simorg.GlobalTokenRevocationPath,
			"PUT /api/v1/users/" + id + "/risk",
		}, sentChanges(sim))
		assert.Equal(t, []string{"suspend", "clear_sessions", "universal_logout", "reset_factors", "expire_password", "raise_risk"}, stepNames(t, env))
		assert.EqualValues(t, 4, env.ActionResults[0]["summary"].(map[string]any)["steps_succeeded"])

		code, env, _ = invoke(t, p, request("get_user_risk", cfg, map[string]any{"user_id": id}))
		require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
		assert.Equal(t, "HIGH", env.ActionResults[0]["summary"].(map[string]any)["risk_level"])
		assert.Empty(t, sim.SpecErrors())
	})
}

func stepNames(t *testing.T, env envelope) []string {
	t.Helper()
	require.Len(t, env.ActionResults, 1)
	var out []string
	for _, d := range env.ActionResults[0]["data"].([]any) {
		out = append(out, d.(map[string]any)["step"].(string))
	}
	return out
}

// The default poll_event_types take Identity Threat Protection's events,
// and their event artifacts carry the risk level, reasons, detection and
// policy action in CEF.
func TestOnPollIngestsRiskEvents(t *testing.T) {
	sim, p, cfg := simProgram(t, simorg.WithRiskEvents())
	res := runPoll(t, p, cfg, nil, map[string]any{"start_time": "2026-01-15T09:55:00Z", "container_count": 100})
	assert.Empty(t, sim.SpecErrors())

	type ingested struct {
		eventType, severity string
		cef                 map[string]any
	}
	got := map[string]ingested{}
	var types []string
	for _, c := range res.ActionResults[0].Data {
		arts := c["artifacts"].([]any)
		cef := arts[0].(map[string]any)["cef"].(map[string]any)
		et, _ := cef["eventType"].(string)
		types = append(types, et)
		got[c["source_data_identifier"].(string)] = ingested{et, c["severity"].(string), cef}
	}
	assert.Equal(t, []string{
		"user.risk.change", "policy.entity_risk.action", "user.authentication.universal_logout",
		"user.risk.detect", "policy.entity_risk.action", "security.threat.detected",
		"user.session.context.change", "user.mfa.okta_verify.deny_push", "user.lifecycle.reactivate",
	}, types, "every risk event is ingested, oldest first")

	riskKeys := []string{"riskLevel", "riskPreviousLevel", "riskReasons", "riskDetection", "riskPolicyAction", "threatDetections"}
	cases := []struct {
		uuid, severity string
		want           map[string]string // the risk keys present; the others must be absent
	}{
		{"7c1e2a40-f1f8-11f0-8a11-6d2f1c9e3b01", "high", map[string]string{ // user.risk.detect
			"riskLevel": "HIGH", "riskPreviousLevel": "LOW", "riskReasons": "Anomalous Device, Anomalous Location",
			"riskDetection": "Session Influenced User Risk",
		}},
		{"8d2f3b51-f1f8-11f0-8a11-6d2f1c9e3b02", "medium", map[string]string{ // user.risk.change
			"riskLevel": "MEDIUM", "riskPreviousLevel": "LOW", "riskDetection": "Suspicious IP",
			"riskReasons": "Sign-in attempts from an IP address that ThreatInsight flagged",
		}},
		{"f496a2c8-f1f8-11f0-8a11-6d2f1c9e3b09", "medium", map[string]string{ // policy.entity_risk.action
			"riskLevel": "MEDIUM", "riskReasons": "Suspicious IP", "riskPolicyAction": "TERMINATE_ALL_SESSIONS",
		}},
		{"9e304c62-f1f8-11f0-8a11-6d2f1c9e3b03", "high", map[string]string{ // policy.entity_risk.action
			"riskLevel": "HIGH", "riskReasons": "Anomalous Device, Anomalous Location", "riskPolicyAction": "RUN_WORKFLOW",
		}},
		{"af415d73-f1f8-11f0-8a11-6d2f1c9e3b04", "medium", map[string]string{ // user.authentication.universal_logout
			"riskLevel": "MEDIUM", "riskReasons": "Suspicious IP",
		}},
		{"b0526e84-f1f8-11f0-8a11-6d2f1c9e3b05", "high", map[string]string{ // security.threat.detected
			"threatDetections": `{"Password Spray":"ATTACK"}`,
		}},
		{"c1637f95-f1f8-11f0-8a11-6d2f1c9e3b06", "medium", map[string]string{ // user.session.context.change
			"riskLevel": "MEDIUM", "riskReasons": "New IP, New ASN",
		}},
		{"d27480a6-f1f8-11f0-8a11-6d2f1c9e3b07", "medium", map[string]string{ // user.mfa.okta_verify.deny_push
			"riskLevel": "LOW",
		}},
		{"e38591b7-f1f8-11f0-8a11-6d2f1c9e3b08", "low", map[string]string{}}, // user.lifecycle.reactivate
	}
	for _, c := range cases {
		ev, ok := got[c.uuid]
		if !assert.True(t, ok, "event %s ingested", c.uuid) {
			continue
		}
		assert.Equal(t, c.severity, ev.severity, "%s %s severity", ev.eventType, c.uuid)
		for _, k := range riskKeys {
			want, present := c.want[k]
			if present {
				assert.Equal(t, want, ev.cef[k], "%s %s cef.%s", ev.eventType, c.uuid, k)
			} else {
				assert.NotContains(t, ev.cef, k, "%s %s", ev.eventType, c.uuid)
			}
		}
	}
	assert.Equal(t, "Password Spray", got["b0526e84-f1f8-11f0-8a11-6d2f1c9e3b05"].cef["outcomeReason"])

	// Every CEF field the artifacts carry is a declared output.
	act, err := mustApp(t).Lookup("", "on_poll")
	require.NoError(t, err)
	raw, err := json.Marshal(map[string]any{"action_results": []any{map[string]any{"data": res.ActionResults[0].Data}}})
	require.NoError(t, err)
	var env map[string]any
	require.NoError(t, json.Unmarshal(raw, &env))
	assertPathsDeclared(t, act, env)
	for _, k := range riskKeys {
		assert.True(t, strings.Contains(string(raw), `"`+k+`"`), "some artifact carries %s", k)
	}
}
