package schema

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLookup(t *testing.T) {
	app := loadApp(t)
	tests := []struct {
		name, action, identifier string
		want                     string // identifier of the action found
		err                      string
	}{
		{"by name", "get user", "", "get_user", ""},
		{"by identifier", "", "list_users", "list_users", ""},
		{"both agree", "list roles", "list_roles", "list_roles", ""},
		{"neither", "", "", "", `request names no action: give "action" or "identifier"`},
		{"unknown name", "x", "", "", `unknown action "x"; run --list-actions to see the actions`},
		{"name is exact", "Get User", "", "", `unknown action "Get User"; run --list-actions to see the actions`},
		{"unknown identifier", "", "x", "", `unknown action identifier "x"; run --list-actions to see the actions`},
		{"unknown identifier with known name", "get user", "x", "", `unknown action identifier "x"; run --list-actions to see the actions`},
		{"disagree", "get user", "list_users", "", `action "get user" and identifier "list_users" name different actions`},
		{"identifier in action, as Splunk SOAR sends it", "get_user", "get_user", "get_user", ""},
		{"identifier in action alone", "list_users", "", "list_users", ""},
		{"name in identifier", "", "get user", "get_user", ""},
		{"identifier form disagrees", "get_user", "list_users", "", `action "get_user" and identifier "list_users" name different actions`},
		{"identifier form is exact", "GET_USER", "", "", `unknown action "GET_USER"; run --list-actions to see the actions`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			act, err := app.Lookup(tt.action, tt.identifier)
			if tt.err != "" {
				assert.EqualError(t, err, tt.err)
				assert.Nil(t, act)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, act.Identifier)
		})
	}
}

func TestParamNames(t *testing.T) {
	app := loadApp(t)
	tests := []struct {
		action string
		want   []string
	}{
		{"test connectivity", []string{}},
		{"list users", []string{"query", "filter", "search", "limit", "sort_by", "sort_order", "after"}},
		{"set password", []string{"new_password", "id", "temporary", "add_random_chars", "show_password"}},
		{"reset password", []string{"user_id", "receive_type", "revoke_sessions"}},
	}
	for _, tt := range tests {
		act, err := app.Lookup(tt.action, "")
		require.NoError(t, err)
		assert.Equal(t, tt.want, act.ParamNames(), tt.action)
	}
}

// A display name never equals another action's identifier, so either
// member can hold either form without ambiguity.
func TestNamesAndIdentifiersDoNotCollide(t *testing.T) {
	app := loadApp(t)
	ids := map[string]string{}
	for _, a := range app.Actions {
		ids[a.Identifier] = a.Name
	}
	for _, a := range app.Actions {
		if other, ok := ids[a.Name]; ok {
			assert.Equal(t, a.Name, other, "display name %q is the identifier of action %q", a.Name, other)
		}
	}
}
