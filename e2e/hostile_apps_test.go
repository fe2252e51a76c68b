package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Group and app parameters take an id or a name: a value that cannot stand
// in a path is looked up by name (GET /api/v1/groups with a quoted search,
// GET /api/v1/apps with q), so those collections join each action's paths.
func appFamily() hostileFamily {
	actionPaths := map[string][]string{}
	var hostileTargets []hostileTarget
	const (
		dana       = "dana.whitfield@example.com"
		salesforce = "0oa71puIjxIh9UesmQqm"
		payroll    = "0oaanTNrufuMcTaztt5E"
		soc        = "00g9wMxEhh2FDEEtfjgV"
	)
	users := []string{`/api/v1/users`, `/api/v1/users/SEG`}
	groups := []string{`/api/v1/groups`, `/api/v1/groups/SEG`}
	apps := []string{`/api/v1/apps`, `/api/v1/apps/SEG`}
	join := func(lists ...[]string) []string {
		var out []string
		for _, l := range lists {
			out = append(out, l...)
		}
		return out
	}
	for _, id := range []string{"get_group", "add_group_user", "remove_group_user"} {
		actionPaths[id] = append(actionPaths[id], `/api/v1/groups`)
	}
	appUser := join(users, apps, []string{`/api/v1/apps/SEG/users`, `/api/v1/apps/SEG/users/SEG`})
	actionPaths["list_group_members"] = join(groups, []string{`/api/v1/groups/SEG/users`})
	actionPaths["assign_group_to_app"] = join(groups, apps, []string{`/api/v1/apps/SEG/groups/SEG`})
	actionPaths["get_app"] = apps
	actionPaths["activate_app"] = join(apps, []string{`/api/v1/apps/SEG/lifecycle/activate`})
	actionPaths["deactivate_app"] = join(apps, []string{`/api/v1/apps/SEG/lifecycle/deactivate`})
	actionPaths["delete_app"] = apps
	actionPaths["list_app_users"] = join(apps, []string{`/api/v1/apps/SEG/users`})
	for _, id := range []string{"get_app_user", "assign_user_to_app", "update_app_user", "remove_user_from_app"} {
		actionPaths[id] = appUser
	}
	hostileTargets = append(hostileTargets,
		hostileTarget{"list_group_members", "group_id", nil},
		hostileTarget{"assign_group_to_app", "group_id", map[string]any{"app_id": salesforce}},
		hostileTarget{"assign_group_to_app", "app_id", map[string]any{"group_id": soc}},
		hostileTarget{"get_app", "app_id", nil},
		hostileTarget{"activate_app", "app_id", nil},
		hostileTarget{"deactivate_app", "app_id", nil},
		hostileTarget{"delete_app", "app_id", nil},
		hostileTarget{"list_app_users", "app_id", nil},
		hostileTarget{"get_app_user", "app_id", map[string]any{"user_id": dana}},
		hostileTarget{"get_app_user", "user_id", map[string]any{"app_id": salesforce}},
		hostileTarget{"assign_user_to_app", "app_id", map[string]any{"user_id": dana}},
		hostileTarget{"assign_user_to_app", "user_id", map[string]any{"app_id": payroll}},
		hostileTarget{"update_app_user", "app_id", map[string]any{"user_id": dana, "username": "x"}},
		hostileTarget{"update_app_user", "user_id", map[string]any{"app_id": salesforce, "username": "x"}},
		hostileTarget{"remove_user_from_app", "app_id", map[string]any{"user_id": dana}},
		hostileTarget{"remove_user_from_app", "user_id", map[string]any{"app_id": salesforce}},
	)
	return hostileFamily{targets: hostileTargets, paths: actionPaths}
}

// A group or app name that carries an expression stays one quoted literal
// (or one q value): it matches nothing, and Okta accepts every look-up.
func TestNameInjectionMatchesNothing(t *testing.T) {
	sim, p, cfg := simProgram(t)
	for _, c := range []struct{ action, param, want string }{
		{"get_group", "group_id", "no Okta group has the id or name"},
		{"get_app", "app_id", "no Okta app has the id or name"},
	} {
		for _, v := range []string{`SOC Analysts" or profile.name sw "`, `x") or (type eq "OKTA_GROUP`, `Jira\`, `Salesforce" or status eq "ACTIVE`} {
			code, env, _ := invoke(t, p, request(c.action, cfg, map[string]any{c.param: v}))
			assert.Equal(t, 1, code, v)
			assert.Contains(t, resultMessage(env), c.want, v)
		}
	}
	require.NotEmpty(t, sim.Requests())
	for _, r := range sim.Requests() {
		assert.Contains(t, []int{200, 404}, r.Status, "%s %s?%s", r.Method, r.EscapedPath, r.RawQuery)
	}
}
