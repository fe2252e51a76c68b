package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func zoneFamily() hostileFamily {
	actionPaths := map[string][]string{}
	var hostileTargets []hostileTarget
	hostileTargets = append(hostileTargets,
		hostileTarget{"get_zone", "zone_id", nil},
		hostileTarget{"update_zone", "zone_id", map[string]any{"name": "Renamed"}},
		hostileTarget{"block_ip", "ip", map[string]any{"zone_name": "BlockedIpZone"}},
		hostileTarget{"unblock_ip", "ip", map[string]any{"zone_name": "BlockedIpZone"}},
		hostileTarget{"custom_api_request", "path", map[string]any{"method": "GET"}},
	)
	zonePaths := []string{`/api/v1/zones`, `/api/v1/zones/SEG`}
	actionPaths["get_zone"] = zonePaths
	actionPaths["update_zone"] = zonePaths
	actionPaths["block_ip"] = zonePaths
	actionPaths["unblock_ip"] = zonePaths
	actionPaths["custom_api_request"] = []string{`/api/v1/SEG(/SEG)*`}
	return hostileFamily{targets: hostileTargets, paths: actionPaths}
}

// A custom request reaches base_url with its path exactly as given, and a
// path that could leave /api/v1/ or change host reaches nothing.
func TestCustomRequestStaysOnTheAPI(t *testing.T) {
	sim, p, cfg := simProgram(t)
	refused := []string{
		"//evil.example.com/api/v1/users", "/api/v1//evil.example.com", "/api/v1/..", "/api/v1/%2e%2e/%2e%2e/admin",
		"/api/v1/users%2F..%2F..%2Fadmin", "/api/v1/users%5C..", "/api/v1/users?x=1", "/api/v1/users#x",
		"/api/v1/users%0d%0aHost:%20evil.example.com", "/api/v1/users\u2215..", "/api/v10/users", "/api/v1",
		"/api/v1/@evil.example.com", "/api/v1/users/%ef%bc%8f..%ef%bc%8f",
	}
	var runs []map[string]any
	for _, path := range refused {
		runs = append(runs, map[string]any{"method": "GET", "path": path})
	}
	code, env, _ := invoke(t, p, request("custom_api_request", cfg, runs...))
	assert.Equal(t, 1, code)
	require.Len(t, env.ActionResults, len(refused))
	for i, r := range env.ActionResults {
		if refused[i] == "/api/v1/@evil.example.com" {
			continue // a segment, not a host: it reaches the org as a path
		}
		assert.Equal(t, "failed", r["status"], refused[i])
		assert.Contains(t, r["message"], "path ", refused[i])
	}
	for _, req := range sim.Requests() {
		assert.Equal(t, "/api/v1/@evil.example.com", req.EscapedPath, "only the harmless path may be sent")
	}

	sim, p, cfg = simProgram(t)
	code, env, _ = invoke(t, p, request("custom_api_request", cfg, map[string]any{
		"method": "GET", "path": "/api/v1/users/o'neil+soc@example.com", "query": `{"expand": ["a", "b"], "limit": 5}`,
	}))
	assert.Equal(t, 0, code, "%v", env.ActionResults)
	reqs := sim.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, "/api/v1/users/o'neil+soc@example.com", reqs[0].EscapedPath)
	assert.Equal(t, "expand=a&expand=b&limit=5", reqs[0].RawQuery)
}
