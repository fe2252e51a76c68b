package actions

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/soar-okta/okta-connector/connector"
)

// listRoles: GET /api/v1/users/{id}/roles.
func listRoles(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.Okta.ResolveUser(ctx, "user_id", c.Params.String("user_id"))
	if err != nil {
		return connector.Output{}, err
	}
	var roles []json.RawMessage
	if err := c.Okta.Get(ctx, u.Path("/roles"), nil, &roles); err != nil {
		return connector.Output{}, err
	}
	return connector.Counted(roles, "num_roles", "roles"), nil
}

// assignRole: POST /api/v1/users/{id}/roles. A role the user already has is
// reported as a success.
func assignRole(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.Okta.ResolveUser(ctx, "user_id", c.Params.String("user_id"))
	if err != nil {
		return connector.Output{}, err
	}
	roleType := c.Params.String("type")
	var role json.RawMessage
	_, err = c.Okta.Do(ctx, http.MethodPost, u.Path("/roles"), nil, map[string]any{"type": roleType}, &role)
	switch {
	case connector.IsAPIError(err, http.StatusConflict, ""):
		return connector.Output{Message: fmt.Sprintf("User %s already has the role %s: nothing to do", u.Name(), roleType)}, nil
	case err != nil:
		return connector.Output{}, err
	}
	return connector.Output{Message: fmt.Sprintf("Role %s assigned to user %s", roleType, u.Name()), Data: []any{role}}, nil
}

// unassignRole: DELETE /api/v1/users/{id}/roles/{roleId}. A role that is not
// assigned is reported as a success.
func unassignRole(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.Okta.ResolveUser(ctx, "user_id", c.Params.String("user_id"))
	if err != nil {
		return connector.Output{}, err
	}
	roleID, err := connector.PathSegment("role_id", c.Params.String("role_id"))
	if err != nil {
		return connector.Output{}, err
	}
	_, err = c.Okta.Do(ctx, http.MethodDelete, u.Path("/roles/{}", roleID), nil, nil, nil)
	switch {
	case connector.IsNotFound(err):
		return connector.Output{Message: fmt.Sprintf("Role %s is not assigned to user %s: nothing to do", roleID, u.Name())}, nil
	case err != nil:
		return connector.Output{}, err
	}
	return connector.Output{Message: fmt.Sprintf("Role %s unassigned from user %s", roleID, u.Name())}, nil
}
