package oktaapi

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

	ref ID
}

var groupKind = namedKind{
	noun:     "group",
	itemPath: "/api/v1/groups/{}",
	listPath: PathOf("/api/v1/groups"),
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

// ResolveGroup finds the group ref (the value of the parameter param,
// trimmed) names by its id or its exact name (GET /api/v1/groups/{id},
// then a search on profile.name). Several groups of that name are an error
// listing their ids.
func (c *Client) ResolveGroup(ctx context.Context, param, ref string) (*Group, error) {
	return resolveAs[Group](ctx, c, groupKind, param, ref)
}

func (g *Group) oktaID() string                   { return g.ID }
func (g *Group) keep(ref ID, raw json.RawMessage) { g.ref, g.Raw = ref, raw }

// Ref is the group's id, checked for paths.
func (g *Group) Ref() ID { return g.ref }

// Name is how messages name the group: name and id.
func (g *Group) Name() string {
	return fmt.Sprintf("%q (%s)", g.Profile.Name, g.ID)
}

// Path is the path of the group or of a sub-resource of it: suffix is a
// template such as "/users/{}", filled with ids.
func (g *Group) Path(suffix string, ids ...ID) Path {
	return PathOf("/api/v1/groups/{}"+suffix, append([]ID{g.ref}, ids...)...)
}
