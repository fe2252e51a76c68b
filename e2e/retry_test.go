package e2e

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/fixtures/simorg"
)

// fastRetries is the back-off base the tests use: the schedule is the
// production one, only shorter.
const fastRetries = 5 * time.Millisecond

// faultOn answers the first n requests matching method and path with
// fault, lets the rest through, and counts the matching requests.
func faultOn(sim *simorg.Server, method, path string, n int32, fault func(w http.ResponseWriter, r *http.Request)) *atomic.Int32 {
	var seen atomic.Int32
	sim.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != method || r.URL.Path != path {
			return false
		}
		if seen.Add(1) > n {
			return false
		}
		fault(w, r)
		return true
	})
	return &seen
}

func gatewayError(status int) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(status)
		_, _ = w.Write([]byte("<html><body>" + http.StatusText(status) + "</body></html>"))
	}
}

// resetConnection drops the connection without an answer, after the
// request was read.
func resetConnection(w http.ResponseWriter, _ *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	if tcp, ok := conn.(interface{ SetLinger(int) error }); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}

func TestRetryMatrix(t *testing.T) {
	const dana = "00ufBAepfJBd0Kh8oOOL"
	cases := []struct {
		name         string
		action       string
		params       map[string]any
		method, path string
		faults       int32
		fault        func(http.ResponseWriter, *http.Request)
		wantCode     int
		wantCalls    int32
		want         []string
	}{
		{"GET after two 503s", "get_user", map[string]any{"user_id": dana}, http.MethodGet, "/api/v1/users/" + dana,
			2, gatewayError(503), connector.ExitSuccess, 3, []string{"retried 2 times, last after 503 Service Unavailable"}},
		{"GET after a connection reset", "get_user", map[string]any{"user_id": dana}, http.MethodGet, "/api/v1/users/" + dana,
			1, resetConnection, connector.ExitSuccess, 2, []string{"retried once after connection lost"}},
		{"PUT membership after a 502", "add_group_user", map[string]any{"group_id": "00g9wMxEhh2FDEEtfjgV", "user_id": dana}, http.MethodPut, "/api/v1/groups/00g9wMxEhh2FDEEtfjgV/users/" + dana,
			1, gatewayError(502), connector.ExitSuccess, 2, []string{"retried once after 502 Bad Gateway"}},
		{"DELETE sessions after three 504s", "clear_user_sessions", map[string]any{"id": dana}, http.MethodDelete, "/api/v1/users/" + dana + "/sessions",
			3, gatewayError(504), connector.ExitSuccess, 4, []string{"retried 3 times, last after 504 Gateway Timeout"}},
		{"lifecycle POST after a 503", "disable_user", map[string]any{"id": dana}, http.MethodPost, "/api/v1/users/" + dana + "/lifecycle/suspend",
			1, gatewayError(503), connector.ExitSuccess, 2, []string{"suspended", "retried once after 503"}},
		{"lifecycle POST after a connection reset", "disable_user", map[string]any{"id": dana}, http.MethodPost, "/api/v1/users/" + dana + "/lifecycle/suspend",
			1, resetConnection, connector.ExitSuccess, 2, []string{"retried once after connection lost"}},
		{"GET burst longer than the retries", "get_user", map[string]any{"user_id": dana}, http.MethodGet, "/api/v1/users/" + dana,
			100, gatewayError(503), connector.ExitFailed, 4, []string{"503 Service Unavailable", "retried 3 times"}},
		{"create after a 503 is not repeated", "add_group", map[string]any{"name": "IR-Bridge", "description": "Incident bridge"}, http.MethodPost, "/api/v1/groups",
			1, gatewayError(503), connector.ExitFailed, 1, []string{"outcome of POST /api/v1/groups is unknown", "503 Service Unavailable", "not repeated", "Check in Okta"}},
		{"create after a connection reset is not repeated", "add_group", map[string]any{"name": "IR-Bridge", "description": "Incident bridge"}, http.MethodPost, "/api/v1/groups",
			1, resetConnection, connector.ExitFailed, 1, []string{"outcome of POST /api/v1/groups is unknown", "connection lost", "not repeated"}},
		{"role assignment after a 504 is not repeated", "assign_role", map[string]any{"user_id": dana, "type": "REPORT_ADMIN"}, http.MethodPost, "/api/v1/users/" + dana + "/roles",
			1, gatewayError(504), connector.ExitFailed, 1, []string{"outcome of POST /api/v1/users/" + dana + "/roles is unknown"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, p, cfg := simProgram(t)
			p.RetryBase = fastRetries
			calls := faultOn(sim, c.method, c.path, c.faults, c.fault)
			code, env, _ := invoke(t, p, request(c.action, cfg, c.params))
			assert.Equal(t, c.wantCode, code, resultMessage(env))
			assert.Equal(t, c.wantCalls, calls.Load(), "requests to %s %s", c.method, c.path)
			for _, w := range c.want {
				assert.Contains(t, resultMessage(env), w)
			}
		})
	}
}

// The lifecycle change retried after a gateway failure is made once.
func TestRetriedLifecycleChangeIsMadeOnce(t *testing.T) {
	sim, p, cfg := simProgram(t)
	p.RetryBase = fastRetries
	const path = "/api/v1/users/00ufBAepfJBd0Kh8oOOL/lifecycle/suspend"
	faultOn(sim, http.MethodPost, path, 2, gatewayError(503))
	code, env, _ := invoke(t, p, request("disable_user", cfg, map[string]any{"id": "00ufBAepfJBd0Kh8oOOL"}))
	require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
	var handled int
	for _, r := range sim.Requests() {
		if r.Path == path && r.Status == http.StatusOK {
			handled++
		}
	}
	assert.Equal(t, 1, handled)
}

// okta429 answers like Okta when the limit resets in reset seconds.
func okta429(reset time.Duration) func(w http.ResponseWriter, r *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) {
		now := time.Now().UTC()
		w.Header().Set("Date", now.Format(http.TimeFormat))
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Rate-Limit-Limit", "600")
		w.Header().Set("X-Rate-Limit-Remaining", "0")
		w.Header().Set("X-Rate-Limit-Reset", strconv.FormatInt(now.Add(reset).Unix(), 10))
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"errorCode":"E0000047","errorSummary":"API call exceeded rate limit due to too many requests.","errorLink":"E0000047","errorId":"oaeSim429","errorCauses":[]}`))
	}
}

func TestRateLimitWaitIsReported(t *testing.T) {
	sim, p, cfg := simProgram(t)
	calls := faultOn(sim, http.MethodGet, "/api/v1/users/00ufBAepfJBd0Kh8oOOL", 1, okta429(0))
	code, env, _ := invoke(t, p, request("get_user", cfg, map[string]any{"user_id": "00ufBAepfJBd0Kh8oOOL"}))
	require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
	assert.EqualValues(t, 2, calls.Load())
	assert.Regexp(t, `\(waited 1s for Okta's rate limit\)$`, resultMessage(env))
}

// A POST that creates something is repeated after a 429: Okta refused it
// before doing anything.
func TestRateLimitedCreateIsRepeated(t *testing.T) {
	sim, p, cfg := simProgram(t)
	calls := faultOn(sim, http.MethodPost, "/api/v1/groups", 1, okta429(0))
	code, env, _ := invoke(t, p, request("add_group", cfg, map[string]any{"name": "IR-Bridge", "description": "Incident bridge"}))
	require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
	assert.EqualValues(t, 2, calls.Load())
}

func TestRateLimitBeyondTheTimeoutFailsAtOnce(t *testing.T) {
	sim, p, cfg := simProgram(t)
	calls := faultOn(sim, http.MethodGet, "/api/v1/users/00ufBAepfJBd0Kh8oOOL", 100, okta429(5*time.Minute))
	req := request("get_user", cfg, map[string]any{"user_id": "00ufBAepfJBd0Kh8oOOL"})
	req["timeout"] = 10
	start := time.Now()
	code, env, _ := invoke(t, p, req)
	assert.Less(t, time.Since(start), 2*time.Second, "no point waiting for a reset after the deadline")
	assert.Equal(t, connector.ExitFailed, code)
	assert.EqualValues(t, 1, calls.Load())
	msg := resultMessage(env)
	assert.Contains(t, msg, "E0000047")
	assert.Contains(t, msg, "resets in 5m")
	assert.Contains(t, msg, "after this action's timeout")
}

// Whatever the org does, the envelope comes within the timeout plus a
// small grace.
func TestEnvelopeAlwaysComesOnTime(t *testing.T) {
	slow := func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(20 * time.Second):
		}
	}
	cases := []struct {
		name  string
		fault func(w http.ResponseWriter, r *http.Request)
		oauth bool
	}{
		{"slow answers", slow, false},
		{"503 storm", gatewayError(503), false},
		{"connection reset storm", resetConnection, false},
		{"429 storm resetting just inside the timeout", okta429(1500 * time.Millisecond), false},
		{"429 storm with a long reset", okta429(time.Hour), false},
		{"token endpoint hangs", slow, true},
		{"token endpoint 503 storm", gatewayError(503), true},
	}
	const timeout = 2 * time.Second
	const grace = 1500 * time.Millisecond
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var sim *simorg.Server
			var p connector.Program
			var cfg map[string]any
			if c.oauth {
				sim, p, cfg = oauthSim(t, connector.DefaultScopes)
			} else {
				sim, p, cfg = simProgram(t)
			}
			p.RetryBase = 300 * time.Millisecond // the production pace, about
			sim.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
				c.fault(w, r)
				return true
			})
			req := request("get_user", cfg, map[string]any{"user_id": "00ufBAepfJBd0Kh8oOOL"}, map[string]any{"user_id": "dana.whitfield@example.com"})
			req["timeout"] = timeout.Seconds()
			start := time.Now()
			code, env, _ := invoke(t, p, req)
			elapsed := time.Since(start)
			assert.Equal(t, connector.ExitFailed, code)
			assert.Len(t, env.ActionResults, 2, "every run has a result")
			assert.Less(t, elapsed, timeout+grace, "the envelope must come within the timeout plus a small grace")
			assert.NotEmpty(t, resultMessage(env))
			t.Log(resultMessage(env))
		})
	}
}

// madeThen lets the first request matching method and path reach the org,
// which makes the change, then loses the org's answer the way a gateway
// does: fault answers instead. Later requests reach the org as usual.
// It counts the matching requests on the wire.
func madeThen(sim *simorg.Server, method, path string, fault func(w http.ResponseWriter, r *http.Request)) *atomic.Int32 {
	var seen atomic.Int32
	var inner atomic.Bool
	sim.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if inner.Load() || r.Method != method || r.URL.Path != path {
			return false
		}
		if seen.Add(1) > 1 {
			return false
		}
		inner.Store(true)
		sim.Handler().ServeHTTP(httptest.NewRecorder(), r)
		inner.Store(false)
		fault(w, r)
		return true
	})
	return &seen
}

// A DELETE is not repeated after an unknown outcome: Okta deletes a user
// in two steps, so a repeat can do more than the first DELETE did. The
// object is read again instead: gone settles it, anything else is
// reported with what the read found, and delete user goes on when the
// read shows its first step made.
func TestDeleteWithAnUnknownOutcomeIsNotRepeated(t *testing.T) {
	const (
		dana     = "00ufBAepfJBd0Kh8oOOL" // ACTIVE
		former   = "00uQedUStPKR0CsTy4Qw" // DEPROVISIONED
		push     = "opf1CiAhzCueQpBenQtY" // dana's push factor
		payroll  = "0oaanTNrufuMcTaztt5E" // an INACTIVE app
		soc      = "00g9wMxEhh2FDEEtfjgV"
		notFound = "E0000007"
	)
	cases := []struct {
		name         string
		action       string
		params       map[string]any
		method, path string
		made         bool // the org makes the change before the answer is lost
		fault        func(http.ResponseWriter, *http.Request)
		wantCode     int
		wantSent     int32 // matching requests on the wire
		want         []string
		after        string // a user id whose status to read afterwards
		afterStatus  string // its status then; notFound for gone
	}{
		{"delete user: the deactivating DELETE made, its answer a 503", "delete_user", map[string]any{"user_id": dana}, http.MethodDelete, "/api/v1/users/" + dana,
			true, gatewayError(503), connector.ExitSuccess, 2, []string{"answer to the deactivating DELETE was lost", "found it DEPROVISIONED) and deleted"}, dana, notFound},
		{"delete user: a 503 before Okta", "delete_user", map[string]any{"user_id": dana}, http.MethodDelete, "/api/v1/users/" + dana,
			false, gatewayError(503), connector.ExitFailed, 1, []string{"outcome of DELETE /api/v1/users/" + dana + " is unknown", "503 Service Unavailable", "not repeated", "still there, with status ACTIVE", "Check in Okta"}, dana, "ACTIVE"},
		{"delete user: the deleting DELETE made, its connection reset", "delete_user", map[string]any{"user_id": former}, http.MethodDelete, "/api/v1/users/" + former,
			true, resetConnection, connector.ExitSuccess, 1, []string{"already deactivated, deleted", "reading it again found it gone, so the DELETE was made"}, former, notFound},
		{"custom DELETE of an active user made, its answer a 504", "custom_api_request", map[string]any{"method": "DELETE", "path": "/api/v1/users/" + dana}, http.MethodDelete, "/api/v1/users/" + dana,
			true, gatewayError(504), connector.ExitFailed, 1, []string{"outcome of DELETE /api/v1/users/" + dana + " is unknown", "two steps", "still there, with status DEPROVISIONED"}, dana, "DEPROVISIONED"},
		{"factor removal made, its answer a 502", "reset_factor", map[string]any{"user_id": dana, "factor_id": push}, http.MethodDelete, "/api/v1/users/" + dana + "/factors/" + push,
			true, gatewayError(502), connector.ExitSuccess, 1, []string{"found it gone"}, "", ""},
		{"app deletion made, its connection reset", "delete_app", map[string]any{"app_id": payroll}, http.MethodDelete, "/api/v1/apps/" + payroll,
			true, resetConnection, connector.ExitSuccess, 1, []string{"deleted", "found it gone"}, "", ""},
		{"group membership removal made, its answer a 503, is repeated", "remove_group_user", map[string]any{"group_id": soc, "user_id": dana}, http.MethodDelete, "/api/v1/groups/" + soc + "/users/" + dana,
			true, gatewayError(503), connector.ExitSuccess, 2, []string{"retried once after 503"}, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, p, cfg := simProgram(t)
			var sent *atomic.Int32
			if c.made {
				sent = madeThen(sim, c.method, c.path, c.fault)
			} else {
				sent = faultOn(sim, c.method, c.path, 1, c.fault)
			}
			code, env, _ := invoke(t, p, request(c.action, cfg, c.params))
			msg := resultMessage(env)
			assert.Equal(t, c.wantCode, code, msg)
			assert.Equal(t, c.wantSent, sent.Load(), "%s %s on the wire", c.method, c.path)
			for _, w := range c.want {
				assert.Contains(t, msg, w)
			}
			if c.after == "" {
				return
			}
			sim.SetFault(nil)
			_, env, _ = invoke(t, p, request("get_user", cfg, map[string]any{"user_id": c.after}))
			if c.afterStatus == notFound {
				assert.Contains(t, resultMessage(env), notFound, "the user is gone")
			} else {
				assert.Equal(t, c.afterStatus, env.ActionResults[0]["summary"].(map[string]any)["status"], resultMessage(env))
			}
		})
	}
}

// A change that gets no answer before the timeout has an unknown outcome,
// and the message says so and what to check, as for a reset; a read
// that times out just timed out.
func TestChangeWithoutAnAnswerHasAnUnknownOutcome(t *testing.T) {
	hang := func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}
	cases := []struct {
		name         string
		action       string
		params       map[string]any
		method, path string
		want         []string
		wantNot      string
	}{
		{"create group", "add_group", map[string]any{"name": "IR-Bridge", "description": "Incident bridge"}, http.MethodPost, "/api/v1/groups",
			[]string{"timed out after 1s", "outcome of POST /api/v1/groups is unknown", "no answer came before the action's timeout", "not repeated", "Check in Okta"}, "the org did not answer"},
		{"assign role", "assign_role", map[string]any{"user_id": "00ufBAepfJBd0Kh8oOOL", "type": "REPORT_ADMIN"}, http.MethodPost, "/api/v1/users/00ufBAepfJBd0Kh8oOOL/roles",
			[]string{"outcome of POST /api/v1/users/00ufBAepfJBd0Kh8oOOL/roles is unknown", "no answer came before the action's timeout"}, "the org did not answer"},
		{"read", "get_user", map[string]any{"user_id": "00ufBAepfJBd0Kh8oOOL"}, http.MethodGet, "/api/v1/users/00ufBAepfJBd0Kh8oOOL",
			[]string{"timed out after 1s", "the org did not answer"}, "unknown"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, p, cfg := simProgram(t)
			faultOn(sim, c.method, c.path, 1, hang)
			req := request(c.action, cfg, c.params)
			req["timeout"] = 1
			start := time.Now()
			code, env, _ := invoke(t, p, req)
			assert.Less(t, time.Since(start), 3*time.Second)
			assert.Equal(t, connector.ExitFailed, code)
			msg := resultMessage(env)
			for _, w := range c.want {
				assert.Contains(t, msg, w)
			}
			assert.NotContains(t, msg, c.wantNot)
		})
	}
}
