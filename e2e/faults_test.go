package e2e

import (
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/connector"
)

// rateLimited answers 429 the way Okta does, on the real clock with a reset
// due now, so the SDK's back-off waits one second.
func rateLimited(w http.ResponseWriter) {
	now := time.Now().UTC()
	w.Header().Set("Date", now.Format(http.TimeFormat))
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Rate-Limit-Limit", "600")
	w.Header().Set("X-Rate-Limit-Remaining", "0")
	w.Header().Set("X-Rate-Limit-Reset", strconv.FormatInt(now.Unix(), 10))
	w.WriteHeader(http.StatusTooManyRequests)
	_, _ = w.Write([]byte(`{"errorCode":"E0000047","errorSummary":"API call exceeded rate limit due to too many requests.","errorLink":"E0000047","errorId":"oaeSim429","errorCauses":[]}`))
}

func TestRateLimitIsRetriedThenSucceeds(t *testing.T) {
	sim, p, cfg := simProgram(t)
	var calls atomic.Int32
	sim.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if calls.Add(1) == 1 {
			rateLimited(w)
			return true
		}
		return false
	})
	code, env, _ := invoke(t, p, request("get_user", cfg, map[string]any{"user_id": "00ufBAepfJBd0Kh8oOOL"}))
	assert.Equal(t, connector.ExitSuccess, code, resultMessage(env))
	assert.EqualValues(t, 2, calls.Load(), "one 429, then the retry")
}

func TestRateLimitStormFailsClearly(t *testing.T) {
	sim, p, cfg := simProgram(t)
	var calls atomic.Int32
	sim.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		calls.Add(1)
		rateLimited(w)
		return true
	})
	code, env, _ := invoke(t, p, request("get_user", cfg, map[string]any{"user_id": "00ufBAepfJBd0Kh8oOOL"}))
	assert.Equal(t, connector.ExitFailed, code)
	assert.Contains(t, resultMessage(env), "E0000047")
	assert.Contains(t, resultMessage(env), "rate limit")
	assert.EqualValues(t, 3, calls.Load(), "the first try and two retries")
}

func TestForbiddenNamesThePermissionProblem(t *testing.T) {
	sim, p, cfg := simProgram(t)
	sim.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		sim.WriteError(w, http.StatusForbidden, "E0000006", "You do not have permission to perform the requested action")
		return true
	})
	code, env, _ := invoke(t, p, request("disable_user", cfg, map[string]any{"id": "00ufBAepfJBd0Kh8oOOL"}))
	assert.Equal(t, connector.ExitFailed, code)
	msg := resultMessage(env)
	assert.Contains(t, msg, "Okta error E0000006 (403 Forbidden)")
	assert.Contains(t, msg, "lacks the permission")
}

func TestUnresolvableHost(t *testing.T) {
	code, env, _ := invoke(t, program(), request("test_connectivity", map[string]any{"base_url": "https://acme.invalid", "api_key": "k-1234"}))
	assert.Equal(t, connector.ExitFailed, code)
	assert.Contains(t, resultMessage(env), "acme.invalid")
}

// SOAR platforms add keys of their own to an asset's configuration.
func TestPlatformConfigurationKeysAreIgnored(t *testing.T) {
	_, p, cfg := simProgram(t)
	cfg["directory"] = "okta_connector"
	cfg["appname"] = "Okta"
	cfg["main_module"] = "okta-connector"
	code, env, _ := invoke(t, p, request("test_connectivity", cfg))
	require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
}
