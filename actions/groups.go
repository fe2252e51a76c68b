package actions

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/soar-okta/okta-connector/connector"
)

// listGroups: GET /api/v1/groups (the org's groups).
var listGroups = connector.Listing{
	Path:       "/api/v1/groups",
	Query:      map[string]string{"query": "q", "filter": "filter"},
	SummaryKey: "num_groups",
	Noun:       "groups",
}.Handler()

// group is the part of an Okta group handlers decide on.
type group struct {
	ID      string `json:"id"`
	Type    string `json:"type"`
	Profile struct {
		Name string `json:"name"`
	} `json:"profile"`
	raw json.RawMessage
}

// fetchGroup: GET /api/v1/groups/{groupId}.
func fetchGroup(ctx context.Context, c *connector.Call, param string) (*group, error) {
	id, err := connector.PathSegment(param, c.Params.String(param))
	if err != nil {
		return nil, err
	}
	var raw json.RawMessage
	if err := c.Okta.Get(ctx, connector.Path("/api/v1/groups/{}", id), nil, &raw); err != nil {
		return nil, err
	}
	g := &group{raw: raw}
	if err := json.Unmarshal(raw, g); err != nil {
		return nil, fmt.Errorf("Okta's group object could not be read: %w", err)
	}
	return g, nil
}

func getGroup(ctx context.Context, c *connector.Call) (connector.Output, error) {
	g, err := fetchGroup(ctx, c, "group_id")
	if err != nil {
		return connector.Output{}, err
	}
	return connector.Output{
		Message: fmt.Sprintf("Group %q (%s) is of type %s", g.Profile.Name, g.ID, g.Type),
		Data:    []any{g.raw},
		Summary: map[string]any{"group_id": g.ID},
	}, nil
}

// addGroup: POST /api/v1/groups, unless a group of that name exists, which
// is then returned as a success.
func addGroup(ctx context.Context, c *connector.Call) (connector.Output, error) {
	name := c.Params.String("name")
	existing, err := c.Okta.List(ctx, "/api/v1/groups", url.Values{"q": {name}}, 0)
	if err != nil {
		return connector.Output{}, err
	}
	for _, raw := range existing {
		var g group
		if json.Unmarshal(raw, &g) == nil && strings.EqualFold(g.Profile.Name, name) {
			return connector.Output{
				Message: fmt.Sprintf("Group already exists: %q (%s)", g.Profile.Name, g.ID),
				Data:    []any{raw},
				Summary: map[string]any{"group_id": g.ID},
			}, nil
		}
	}
	body := map[string]any{"profile": map[string]any{"name": name, "description": c.Params.String("description")}}
	var created json.RawMessage
	if _, err := c.Okta.Do(ctx, http.MethodPost, "/api/v1/groups", nil, body, &created); err != nil {
		return connector.Output{}, err
	}
	var g group
	_ = json.Unmarshal(created, &g)
	return connector.Output{
		Message: fmt.Sprintf("Group %q created (%s)", g.Profile.Name, g.ID),
		Data:    []any{created},
		Summary: map[string]any{"group_id": g.ID},
	}, nil
}

// membership changes a user's membership of a group:
// PUT or DELETE /api/v1/groups/{groupId}/users/{userId}.
func membership(method, done string) connector.Handler {
	return func(ctx context.Context, c *connector.Call) (connector.Output, error) {
		g, err := fetchGroup(ctx, c, "group_id")
		if err != nil {
			return connector.Output{}, err
		}
		u, err := c.Okta.ResolveUser(ctx, "user_id", c.Params.String("user_id"))
		if err != nil {
			return connector.Output{}, err
		}
		if _, err := c.Okta.Do(ctx, method, connector.Path("/api/v1/groups/{}/users/{}", g.ID, u.ID), nil, nil, nil); err != nil {
			return connector.Output{}, err
		}
		info := map[string]any{"user_id": u.ID, "user_name": u.Profile.Login, "group_id": g.ID, "group_name": g.Profile.Name}
		return connector.Output{
			Message: fmt.Sprintf("User %s %s group %q (%s)", u.Name(), done, g.Profile.Name, g.ID),
			Data:    []any{info},
			Summary: info,
		}, nil
	}
}

var (
	addGroupUser    = membership(http.MethodPut, "added to")
	removeGroupUser = membership(http.MethodDelete, "removed from")
)

// listProviders: GET /api/v1/idps.
var listProviders = connector.Listing{
	Path:       "/api/v1/idps",
	Query:      map[string]string{"query": "q", "type": "type"},
	SummaryKey: "num_idps",
	Noun:       "idps",
}.Handler()
