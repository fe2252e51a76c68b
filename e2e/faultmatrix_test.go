package e2e

import (
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/soar-okta/okta-connector/fixtures/simorg"
)

// familyRuns are one or two actions of each action family, with valid
// parameters against the seed org.
var familyRuns = []struct {
	family, action string
	params         map[string]any
}{
	{"users", "get_user", map[string]any{"user_id": "dana.whitfield@example.com"}},
	{"users", "suspend_user", map[string]any{"user_id": "dana.whitfield@example.com"}},
	{"groups", "list_group_members", map[string]any{"group_id": "SOC Analysts"}},
	{"groups", "add_group_user", map[string]any{"group_id": "Quarantine", "user_id": "dana.whitfield@example.com"}},
	{"roles", "list_roles", map[string]any{"user_id": "soar.admin@example.com"}},
	{"factors", "list_factors", map[string]any{"user_id": "dana.whitfield@example.com"}},
	{"apps", "get_app", map[string]any{"app_id": "Salesforce"}},
	{"apps", "deactivate_app", map[string]any{"app_id": "0oa71puIjxIh9UesmQqm"}},
	{"zones", "list_zones", map[string]any{}},
	{"zones", "block_ip", map[string]any{"ip": "203.0.113.7"}},
	{"identity providers", "list_providers", map[string]any{}},
	{"system log", "get_logs", map[string]any{"since": "2026-01-01T00:00:00Z", "until": "2026-01-15T10:00:00Z"}},
	{"custom", "custom_api_request", map[string]any{"method": "GET", "path": "/api/v1/users/00ufBAepfJBd0Kh8oOOL"}},
}

// serverFault is a fault the simulated org plays on every request (or on
// the first few), and what the result must say.
type serverFault struct {
	name    string
	timeout float64
	fault   func(sim *simorg.Server) func(http.ResponseWriter, *http.Request) bool
	success bool   // the connector rides it out
	want    string // in the result message
}

var serverFaults = []serverFault{
	{name: "429 storm", timeout: 20, want: "rate limit", fault: func(*simorg.Server) func(http.ResponseWriter, *http.Request) bool {
		return func(w http.ResponseWriter, r *http.Request) bool { okta429(0)(w, r); return true }
	}},
	{name: "5xx burst", timeout: 20, success: true, want: "retried", fault: func(*simorg.Server) func(http.ResponseWriter, *http.Request) bool {
		var n atomic.Int32
		return func(w http.ResponseWriter, r *http.Request) bool {
			if n.Add(1) > 2 {
				return false
			}
			gatewayError(http.StatusServiceUnavailable)(w, r)
			return true
		}
	}},
	{name: "5xx that never ends", timeout: 20, want: "503", fault: func(*simorg.Server) func(http.ResponseWriter, *http.Request) bool {
		return func(w http.ResponseWriter, r *http.Request) bool {
			gatewayError(http.StatusServiceUnavailable)(w, r)
			return true
		}
	}},
	{name: "slow answers", timeout: 1, want: "timed out", fault: func(*simorg.Server) func(http.ResponseWriter, *http.Request) bool {
		return func(w http.ResponseWriter, r *http.Request) bool {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return true
		}
	}},
	{name: "connection closed mid-body", timeout: 20, want: "closed before Okta finished answering", fault: func(*simorg.Server) func(http.ResponseWriter, *http.Request) bool {
		return func(w http.ResponseWriter, r *http.Request) bool {
			conn, buf, err := w.(http.Hijacker).Hijack()
			if err != nil {
				panic(err)
			}
			fmt.Fprint(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"id\":\"00u")
			_ = buf.Flush()
			_ = conn.Close()
			return true
		}
	}},
	{name: "invalid JSON", timeout: 20, want: "JSON", fault: func(*simorg.Server) func(http.ResponseWriter, *http.Request) bool {
		return func(w http.ResponseWriter, r *http.Request) bool {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"id": "00u1", "status": [}`)
			return true
		}
	}},
	{name: "HTML error page", timeout: 20, want: "not an Okta API answer", fault: func(*simorg.Server) func(http.ResponseWriter, *http.Request) bool {
		return func(w http.ResponseWriter, r *http.Request) bool {
			gatewayError(http.StatusForbidden)(w, r)
			return true
		}
	}},
	{name: "Link header to another host", timeout: 20, want: "paging link", fault: func(sim *simorg.Server) func(http.ResponseWriter, *http.Request) bool {
		return func(w http.ResponseWriter, r *http.Request) bool {
			w.Header().Add("Link", `<https://evil.example/api/v1/users?after=x>; rel="next"`)
			return false
		}
	}},
}

// Every action family meets every server fault: the result is an honest
// success or a failure that names the fault, and the envelope comes
// within the request's timeout plus a small grace.
func TestFaultMatrix(t *testing.T) {
	for _, f := range serverFaults {
		for _, run := range familyRuns {
			t.Run(f.name+"/"+run.action, func(t *testing.T) {
				t.Parallel()
				sim, p, cfg := simProgram(t)
				sim.SetFault(f.fault(sim))
				req := request(run.action, cfg, run.params)
				req["timeout"] = f.timeout
				start := time.Now()
				_, env, _ := invoke(t, p, req)
				elapsed := time.Since(start)
				assert.Less(t, elapsed, time.Duration(f.timeout*float64(time.Second))+2*time.Second, "the envelope must come within the timeout")
				msg := resultMessage(env)
				if f.success {
					assert.Equal(t, "success", env.Status, msg)
				} else {
					assert.Equal(t, "failed", env.Status, msg)
				}
				assert.Contains(t, msg, f.want)
			})
		}
	}
}
