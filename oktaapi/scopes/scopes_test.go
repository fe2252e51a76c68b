package scopes

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRequired(t *testing.T) {
	cases := []struct{ method, path, want string }{
		{http.MethodGet, "/api/v1/users/00u1", "okta.users.read"},
		{http.MethodPost, "/api/v1/users/00u1/lifecycle/suspend", "okta.users.manage"},
		{http.MethodGet, "/api/v1/users/00u1/roles", "okta.roles.read"},
		{http.MethodDelete, "/api/v1/users/00u1/roles/ra1", "okta.roles.manage"},
		{http.MethodPut, "/api/v1/users/00u1/risk", "okta.userRisk.manage"},
		{http.MethodGet, "/api/v1/apps/0oa1/grants", "okta.appGrants.read"},
		{http.MethodGet, "/api/v1/usersx", ""},
		{http.MethodPost, "/oauth2/v1/global-token-revocation", "okta.universalLogout.manage"},
		{http.MethodGet, "/api/v1/meta/schemas", ""},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Required(c.method, c.path), "%s %s", c.method, c.path)
	}
}

func TestDefaultScopesComeFromTheTable(t *testing.T) {
	got := Defaults()
	assert.Contains(t, got, "okta.users.read")
	assert.Contains(t, got, "okta.networkZones.manage")
	assert.NotContains(t, got, "okta.policies.read", "no action reads policies")
	seen := map[string]bool{}
	for _, s := range got {
		assert.False(t, seen[s], "%s twice", s)
		seen[s] = true
	}
	for _, f := range Families {
		if f.Read || f.Manage {
			assert.NotEmpty(t, f.Actions, "%s is a default family: the docs say which actions need it", f.Name)
		}
	}
}
