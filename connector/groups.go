package connector

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
)

// Group is a resolved Okta group: the fields handlers decide on, and the
// whole object as Okta returned it.
type Group struct {
	ID      string `json:"id"`
	Type    string `json:"type"`
	Profile struct {
		Name string `json:"name"`
	} `json:"profile"`
	Raw json.RawMessage `json:"-"`
}

var groupKind = namedKind{
	noun:     "group",
	itemPath: "/api/v1/groups/{}",
	listPath: "/api/v1/groups",
	byName: func(param, ref string) (url.Values, error) {
		lit, err := QuoteLiteral(param, ref)
		if err != nil {
			return nil, err
		}
		return url.Values{"search": {"profile.name eq " + lit}}, nil
	},
	named: func(raw json.RawMessage) Named {
		var g Group
		_ = json.Unmarshal(raw, &g)
		return Named{ID: g.ID, Name: g.Profile.Name}
	},
}

// ResolveGroup finds the group a parameter names by its id or its exact
// name (GET /api/v1/groups/{id}, then a search on profile.name). Several
// groups of that name are an error listing their ids.
func (o *Okta) ResolveGroup(ctx context.Context, param, ref string) (*Group, error) {
	return resolveAs[Group](ctx, o, groupKind, param, ref)
}

func (g *Group) oktaID() string           { return g.ID }
func (g *Group) keep(raw json.RawMessage) { g.Raw = raw }

// Name is how messages name the group: name and id.
func (g *Group) Name() string {
	return fmt.Sprintf("%q (%s)", g.Profile.Name, g.ID)
}

// Path is the path of a sub-resource of the group.
func (g *Group) Path(suffix string, segments ...string) string {
	return Path("/api/v1/groups/{}"+suffix, append([]string{g.ID}, segments...)...)
}
