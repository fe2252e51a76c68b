package e2e

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostileValues are ids and logins an attacker could place in alert data
// to make the connector call another endpoint.
var hostileValues = []string{
	".", "..", "/", "../groups", "00u1/../../groups", "00ufBAepfJBd0Kh8oOOL/lifecycle/deactivate",
	"00u1?limit=1", "00u1#fragment", "%2e%2e%2fgroups", "00u1%2F..%2Fgroups", "00u1%00",
	"a b", "a\tb", "a\r\nX-Injected: 1", "a\x00b", "\u202e00u1", "🙂@example.com",
	`x" or profile.login sw "`, `dana.whitfield@example.com" or status eq "ACTIVE`, `\" pr`,
	"//evil.example.com/api/v1/users", "https://evil.example.com/api/v1/users", `00u1\..\groups`,
	strings.Repeat("A", 5000),
	// One string names one object: commas and JSON text never widen the reach.
	"dana.whitfield@example.com,marcus.oyelaran@example.com", `["dana.whitfield@example.com", "00gzVZomHFwUbbYrEqmS"]`,
	"00gzVZomHFwUbbYrEqmS, 00g9wMxEhh2FDEEtfjgV",
}

// seg is what a checked path segment may look like.
const seg = `[A-Za-z0-9._@+~-]+`

// actionPaths are the only request paths each action may send, whatever its
// input.
// hostileFamily is one action family's targets under attack and the only
// paths its actions may call; each family's test file returns its own.
type hostileFamily struct {
	targets []hostileTarget
	paths   map[string][]string
}

// actionPaths and hostileTargets are every family's, merged: a path list
// for an action named by several families is their concatenation.
var actionPaths, hostileTargets = mergeFamilies(baseFamily(), userFamily(), factorFamily(), appFamily(), zoneFamily(), logFamily(), userThreatFamily(), orgResponseFamily())

func mergeFamilies(families ...hostileFamily) (map[string][]string, []hostileTarget) {
	paths := map[string][]string{}
	var targets []hostileTarget
	for _, f := range families {
		for action, p := range f.paths {
			paths[action] = append(paths[action], p...)
		}
		targets = append(targets, f.targets...)
	}
	return paths, targets
}

// baseFamily is the actions of seed 000 that name users and groups.
func baseFamily() hostileFamily {
	return hostileFamily{paths: basePaths, targets: baseTargets}
}

var basePaths = map[string][]string{
	"get_user":               {`/api/v1/users`, `/api/v1/users/SEG`},
	"get_user_groups":        {`/api/v1/users`, `/api/v1/users/SEG`, `/api/v1/users/SEG/groups`},
	"list_roles":             {`/api/v1/users`, `/api/v1/users/SEG`, `/api/v1/users/SEG/roles`},
	"assign_role":            {`/api/v1/users`, `/api/v1/users/SEG`, `/api/v1/users/SEG/roles`},
	"unassign_role":          {`/api/v1/users`, `/api/v1/users/SEG`, `/api/v1/users/SEG/roles/SEG`},
	"disable_user":           {`/api/v1/users`, `/api/v1/users/SEG`, `/api/v1/users/SEG/lifecycle/suspend`},
	"enable_user":            {`/api/v1/users`, `/api/v1/users/SEG`, `/api/v1/users/SEG/lifecycle/unsuspend`},
	"clear_user_sessions":    {`/api/v1/users`, `/api/v1/users/SEG`, `/api/v1/users/SEG/sessions`},
	"reset_password":         {`/api/v1/users`, `/api/v1/users/SEG`, `/api/v1/users/SEG/lifecycle/reset_password`},
	"set_password":           {`/api/v1/users`, `/api/v1/users/SEG`},
	"send_push_notification": {`/api/v1/users`, `/api/v1/users/SEG`, `/api/v1/users/SEG/factors`, `/api/v1/users/SEG/factors/SEG/verify`, `/api/v1/users/SEG/factors/SEG/transactions/SEG`},
	"get_group":              {`/api/v1/groups/SEG`},
	"add_group_user":         {`/api/v1/users`, `/api/v1/users/SEG`, `/api/v1/groups/SEG`, `/api/v1/groups/SEG/users/SEG`},
	"remove_group_user":      {`/api/v1/users`, `/api/v1/users/SEG`, `/api/v1/groups/SEG`, `/api/v1/groups/SEG/users/SEG`},
}

// hostileTarget is an action, the parameter under attack, and valid values
// for its other parameters. Each action family's test file returns its own
// targets and paths as a hostileFamily.
type hostileTarget struct {
	action, param string
	others        map[string]any
}

// hostileTargets lists every parameter that names an Okta object.
var baseTargets = []hostileTarget{
	{"get_user", "user_id", nil},
	{"get_user_groups", "user_id", nil},
	{"list_roles", "user_id", nil},
	{"assign_role", "user_id", map[string]any{"type": "REPORT_ADMIN"}},
	{"unassign_role", "user_id", map[string]any{"role_id": "ra16yYTWmE4lBYOvfZ8U"}},
	{"unassign_role", "role_id", map[string]any{"user_id": "dana.whitfield@example.com"}},
	{"disable_user", "id", nil},
	{"enable_user", "id", nil},
	{"clear_user_sessions", "id", nil},
	{"reset_password", "user_id", map[string]any{"receive_type": "UI"}},
	{"set_password", "id", map[string]any{"new_password": "Val1d-Passw0rd"}},
	{"send_push_notification", "email", map[string]any{"factortype": "push"}},
	{"get_group", "group_id", nil},
	{"add_group_user", "group_id", map[string]any{"user_id": "dana.whitfield@example.com"}},
	{"add_group_user", "user_id", map[string]any{"group_id": "00gzVZomHFwUbbYrEqmS"}},
	{"remove_group_user", "group_id", map[string]any{"user_id": "dana.whitfield@example.com"}},
	{"remove_group_user", "user_id", map[string]any{"group_id": "00g9wMxEhh2FDEEtfjgV"}},
}

func compilePaths(t *testing.T, templates []string) []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, tpl := range templates {
		out = append(out, regexp.MustCompile("^"+strings.ReplaceAll(tpl, "SEG", seg)+"$"))
	}
	return out
}

// No hostile id or login reaches another endpoint: every request the org
// sees is one of the action's own paths, and every run ends in an envelope.
func TestHostileIdsNeverChangeTheEndpoint(t *testing.T) {
	for _, target := range hostileTargets {
		allowed := compilePaths(t, actionPaths[target.action])
		require.NotEmpty(t, allowed, target.action)
		t.Run(target.action+"/"+target.param, func(t *testing.T) {
			sim, p, cfg := simProgram(t)
			var runs []map[string]any
			for _, v := range hostileValues {
				params := map[string]any{target.param: v}
				for k, x := range target.others {
					params[k] = x
				}
				runs = append(runs, params)
			}
			// A poll takes one parameter set: each value gets its own request.
			batches := [][]map[string]any{runs}
			if target.action == "on_poll" {
				batches = nil
				for _, r := range runs {
					batches = append(batches, []map[string]any{r})
				}
			}
			var results []map[string]any
			for _, batch := range batches {
				code, env, _ := invoke(t, p, request(target.action, cfg, batch...))
				assert.Contains(t, []int{0, 1}, code)
				results = append(results, env.ActionResults...)
			}
			require.Len(t, results, len(hostileValues))
			for i, r := range results {
				if strings.HasSuffix(target.param, "_ids") && strings.Contains(hostileValues[i], ",") && !strings.ContainsAny(hostileValues[i], `["`) {
					continue // a list parameter by name: a comma list of ids is what it takes
				}
				assert.Equal(t, "failed", r["status"], "hostile value %q must not succeed: %v", hostileValues[i], r["message"])
				assert.NotEmpty(t, r["message"])
			}
			for _, req := range sim.Requests() {
				ok := false
				for _, re := range allowed {
					if re.MatchString(req.EscapedPath) {
						ok = true
					}
				}
				assert.True(t, ok, "%s sent %s %s, outside its endpoints", target.action, req.Method, req.EscapedPath)
				assert.NotContains(t, req.RawQuery, "Injected", "header injection reached the query")
			}
		})
	}
}

// A login that carries an expression breaks neither the filter nor the
// match: it is one quoted literal, and matches no user.
func TestFilterInjectionMatchesNobody(t *testing.T) {
	sim, p, cfg := simProgram(t)
	for _, v := range []string{
		`x" or profile.login sw "`,
		`dana.whitfield@example.com" or status eq "ACTIVE`,
		`x") or (status eq "ACTIVE`,
	} {
		code, env, _ := invoke(t, p, request("get_user", cfg, map[string]any{"user_id": v}))
		assert.Equal(t, 1, code)
		assert.Contains(t, resultMessage(env), "no Okta user has the id or login")
	}
	for _, r := range sim.Requests() {
		assert.Equal(t, 200, r.Status, "the escaped filter must be valid Okta syntax: %s?%s", r.EscapedPath, r.RawQuery)
	}
	require.NotEmpty(t, sim.Requests())
}
