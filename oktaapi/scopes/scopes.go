// Package scopes is the one table of Okta's OAuth 2.0 scopes the connector
// uses: which API paths each scope family guards and which the actions need.
// It imports nothing of the project, so that the connector, its docs
// generator and the simulated org can all read it.
package scopes

import (
	"fmt"
	"net/http"
	"strings"
)

// Family is one family of Okta's OAuth 2.0 scopes: the management API
// paths it guards, which actions need it, and whether they read through it
// (okta.X.read), change through it (okta.X.manage) or both. A GET needs the
// family's read scope, any other method its manage scope.
type Family struct {
	Name     string   // "okta.users"
	Prefixes []string // API path prefixes it guards; "*" stands for one segment
	Actions  string   // which actions need it, as the docs say it
	Read     bool     // the actions read through it: okta.X.read is a default scope
	Manage   bool     // the actions change through it: okta.X.manage is a default scope
}

// Families is the one table of scopes. The default scopes, the
// `scopes` setting's description in app.json, the scope table of
// docs/configuration.md and the simulated org's scope checks all come from
// it; tests check each against it, and the simulated org's test checks it
// against Okta's API descriptions. Entries whose prefixes are more specific
// come first (a user's roles before users).
var Families = []Family{
	{Name: "okta.roles", Prefixes: []string{"/api/v1/users/*/roles", "/api/v1/groups/*/roles", "/api/v1/iam", "/api/v1/roles"},
		Actions: "admin roles of users", Read: true, Manage: true},
	{Name: "okta.userRisk", Prefixes: []string{"/api/v1/users/*/risk"}, Actions: "user risk: get and set user risk, contain user's raise_risk step", Read: true, Manage: true},
	{Name: "okta.users", Prefixes: []string{"/api/v1/users"},
		Actions: "users: get, list, create, update, lifecycle, passwords, sessions, factors, push verification", Read: true, Manage: true},
	{Name: "okta.groups", Prefixes: []string{"/api/v1/groups"}, Actions: "groups and membership", Read: true, Manage: true},
	{Name: "okta.appGrants", Prefixes: []string{"/api/v1/apps/*/grants"}},
	{Name: "okta.apps", Prefixes: []string{"/api/v1/apps"}, Actions: "applications and their users and groups", Read: true, Manage: true},
	{Name: "okta.idps", Prefixes: []string{"/api/v1/idps"}, Actions: "identity providers: list providers, deactivate idp", Read: true, Manage: true},
	{Name: "okta.networkZones", Prefixes: []string{"/api/v1/zones"}, Actions: "network zones, block ip, unblock ip", Read: true, Manage: true},
	{Name: "okta.logs", Prefixes: []string{"/api/v1/logs"}, Actions: "System Log searches, on poll", Read: true},
	{Name: "okta.sessions", Prefixes: []string{"/api/v1/sessions"}, Actions: "one session: end session", Read: true, Manage: true},
	{Name: "okta.policies", Prefixes: []string{"/api/v1/policies"}},
	{Name: "okta.authenticators", Prefixes: []string{"/api/v1/authenticators"}},
	{Name: "okta.devices", Prefixes: []string{"/api/v1/devices"}, Actions: "devices: suspend, unsuspend and deactivate device", Read: true, Manage: true},
	{Name: "okta.apiTokens", Prefixes: []string{"/api/v1/api-tokens"}, Actions: "API tokens: list and revoke api token", Read: true, Manage: true},
	{Name: "okta.threatInsights", Prefixes: []string{"/api/v1/threats"}, Actions: "ThreatInsight: get and set threatinsight", Read: true, Manage: true},
	{Name: "okta.trustedOrigins", Prefixes: []string{"/api/v1/trustedOrigins"}, Actions: "trusted origins: list and delete trusted origin", Read: true, Manage: true},
	{Name: "okta.universalLogout", Prefixes: []string{"/oauth2/v1/global-token-revocation"}, Actions: "universal logout, contain user's universal_logout step", Manage: true},
}

// Defaults are the scopes requested when the asset names none: the
// read and manage scopes of every family the actions use, in table order.
func Defaults() []string {
	var out []string
	for _, f := range Families {
		if f.Read {
			out = append(out, f.Name+".read")
		}
		if f.Manage {
			out = append(out, f.Name+".manage")
		}
	}
	return out
}

// Required is the scope a request with method to the escaped path
// needs, "" for a path outside the table.
func Required(method, escapedPath string) string {
	segs := strings.Split(strings.Trim(escapedPath, "/"), "/")
	for _, f := range Families {
		for _, prefix := range f.Prefixes {
			if hasPrefixSegments(segs, strings.Split(strings.Trim(prefix, "/"), "/")) {
				if method == http.MethodGet || method == http.MethodHead {
					return f.Name + ".read"
				}
				return f.Name + ".manage"
			}
		}
	}
	return ""
}

func hasPrefixSegments(segs, prefix []string) bool {
	if len(segs) < len(prefix) {
		return false
	}
	for i, p := range prefix {
		if p != "*" && p != segs[i] {
			return false
		}
	}
	return true
}

// Table is the Markdown table of the default scopes by the actions
// that need them, for docs/configuration.md.
func Table() string {
	var b strings.Builder
	b.WriteString("| actions | read | change |\n|---|---|---|\n")
	for _, f := range Families {
		if !f.Read && !f.Manage {
			continue
		}
		cell := func(on bool, suffix string) string {
			if !on {
				return ""
			}
			return fmt.Sprintf("`%s.%s`", f.Name, suffix)
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", f.Actions, cell(f.Read, "read"), cell(f.Manage, "manage"))
	}
	return b.String()
}
