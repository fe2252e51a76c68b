package actions

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// listGroups: GET /api/v1/groups (the org's groups).
var listGroups = listing{
	path:       oktaapi.PathOf("/api/v1/groups"),
	query:      map[string]string{"query": "q", "filter": "filter"},
	summaryKey: "num_groups",
	noun:       "groups",
	paged:      true,
}.handler()

func getGroup(ctx context.Context, c *connector.Call) (connector.Output, error) {
	g, err := c.Group(ctx, "group_id")
	if err != nil {
		return connector.Output{}, err
	}
	return groupResult(fmt.Sprintf("Group %s is of type %s", g.Name(), g.Type), g.ID, g.Raw), nil
}

// groupResult is the result of an action on one group: the group object
// as data, its id in the summary.
func groupResult(msg, id string, raw json.RawMessage) connector.Output {
	return connector.Output{Message: msg, Data: []any{raw}, Summary: map[string]any{"group_id": id}}
}

// listGroupMembers: GET /api/v1/groups/{groupId}/users, up to limit.
func listGroupMembers(ctx context.Context, c *connector.Call) (connector.Output, error) {
	g, err := c.Group(ctx, "group_id")
	if err != nil {
		return connector.Output{}, err
	}
	return listUsersBelow(ctx, c, g.Path("/users"), "Group "+g.Name(), "members", "group_id", g.ID)
}

// listUsersBelow lists the users of a collection below a resolved object
// (a group's members, an app's assignments), up to limit; owner names the
// object in the message and ownerKey holds its id in the summary.
func listUsersBelow(ctx context.Context, c *connector.Call, path oktaapi.Path, owner, what, ownerKey, ownerID string) (connector.Output, error) {
	n, err := c.Okta.ListPages(ctx, path, nil, c.Params.Int("limit"), c.Emit)
	if err != nil {
		return connector.Output{}, err
	}
	out := countedOutput(n, "num_users", "users")
	out.Message = fmt.Sprintf("%s: %d %s listed", owner, n, what)
	out.Summary[ownerKey] = ownerID
	return out, nil
}

// addGroup: POST /api/v1/groups, unless a group of that name exists, which
// is then returned as a success.
func addGroup(ctx context.Context, c *connector.Call) (connector.Output, error) {
	name := c.Params.String("name")
	existing, err := c.Okta.List(ctx, oktaapi.PathOf("/api/v1/groups"), url.Values{"q": {name}}, 0)
	if err != nil {
		return connector.Output{}, err
	}
	for _, raw := range existing {
		var g oktaapi.Group
		if json.Unmarshal(raw, &g) == nil && strings.EqualFold(g.Profile.Name, name) {
			return groupResult(fmt.Sprintf("Group already exists: %q (%s)", g.Profile.Name, g.ID), g.ID, raw), nil
		}
	}
	body := map[string]any{"profile": map[string]any{"name": name, "description": c.Params.String("description")}}
	var created json.RawMessage
	if _, err := c.Okta.Do(ctx, http.MethodPost, oktaapi.PathOf("/api/v1/groups"), nil, body, &created); err != nil {
		return connector.Output{}, err
	}
	var g oktaapi.Group
	_ = json.Unmarshal(created, &g)
	return groupResult(fmt.Sprintf("Group %q created (%s)", g.Profile.Name, g.ID), g.ID, created), nil
}

// membership changes a user's membership of a group:
// PUT or DELETE /api/v1/groups/{groupId}/users/{userId}.
func membership(method, done string) connector.Handler {
	return func(ctx context.Context, c *connector.Call) (connector.Output, error) {
		g, err := c.Group(ctx, "group_id")
		if err != nil {
			return connector.Output{}, err
		}
		u, err := c.User(ctx, "user_id")
		if err != nil {
			return connector.Output{}, err
		}
		if _, err := c.Okta.Do(ctx, method, g.Path("/users/{}", u.Ref()), nil, nil, nil); err != nil {
			return connector.Output{}, err
		}
		info := map[string]any{"user_id": u.ID, "user_name": u.Profile.Login, "group_id": g.ID, "group_name": g.Profile.Name}
		return connector.Output{
			Message: fmt.Sprintf("User %s %s group %s", u.Name(), done, g.Name()),
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
var listProviders = listing{
	path:       oktaapi.PathOf("/api/v1/idps"),
	query:      map[string]string{"query": "q", "type": "type"},
	summaryKey: "num_idps",
	noun:       "idps",
}.handler()
