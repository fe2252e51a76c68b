package actions

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// listRoles: GET /api/v1/users/{id}/roles.
func listRoles(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.User(ctx, "user_id")
	if err != nil {
		return connector.Output{}, err
	}
	var roles []json.RawMessage
	if err := c.Okta.Get(ctx, u.Path("/roles"), nil, &roles); err != nil {
		return connector.Output{}, err
	}
	return counted(roles, "num_roles", "roles"), nil
}

// assignRole: POST /api/v1/users/{id}/roles. A role the user already has is
// reported as a success.
func assignRole(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.User(ctx, "user_id")
	if err != nil {
		return connector.Output{}, err
	}
	roleType := c.Params.String("type")
	var role json.RawMessage
	_, err = c.Okta.Do(ctx, http.MethodPost, u.Path("/roles"), nil, map[string]any{"type": roleType}, &role)
	switch {
	case oktaapi.IsAPIError(err, http.StatusConflict, ""):
		return connector.Output{Message: fmt.Sprintf("User %s already has the role %s: nothing to do", u.Name(), roleType)}, nil
	case err != nil:
		return connector.Output{}, err
	}
	return connector.Output{Message: fmt.Sprintf("Role %s assigned to user %s", roleType, u.Name()), Data: []any{role}}, nil
}

// assignedRole is the part of a role assignment unassign role decides on.
type assignedRole struct {
	ID    string `json:"id"`
	Type  string `json:"type"`
	Label string `json:"label"`
	raw   json.RawMessage
}

// findAssignedRole finds the user's role assignment that ref names, by
// assignment id or by role type (GET /api/v1/users/{id}/roles). nil means
// the user has no such role; a type several assignments share is an error
// that lists them.
func findAssignedRole(ctx context.Context, c *connector.Call, u *oktaapi.User, ref string) (*assignedRole, error) {
	var raws []json.RawMessage
	if err := c.Okta.Get(ctx, u.Path("/roles"), nil, &raws); err != nil {
		return nil, err
	}
	var byType []*assignedRole
	for _, raw := range raws {
		r := &assignedRole{raw: raw}
		if err := json.Unmarshal(raw, r); err != nil {
			return nil, fmt.Errorf("Okta's role object could not be read: %w", err)
		}
		if r.ID == ref {
			return r, nil
		}
		if strings.EqualFold(r.Type, ref) {
			byType = append(byType, r)
		}
	}
	switch len(byType) {
	case 0:
		return nil, nil
	case 1:
		return byType[0], nil
	}
	names := make([]string, len(byType))
	for i, r := range byType {
		names[i] = fmt.Sprintf("%s (%s)", r.ID, r.Label)
	}
	return nil, fmt.Errorf("user %s has %d roles of type %s: %s; give the role assignment id in role_id instead", u.Name(), len(byType), strings.ToUpper(ref), strings.Join(names, ", "))
}

// unassignRole: DELETE /api/v1/users/{id}/roles/{roleId}. role_id is a role
// assignment id or a role type such as READ_ONLY_ADMIN. A role that is not
// assigned is reported as a success.
func unassignRole(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.User(ctx, "user_id")
	if err != nil {
		return connector.Output{}, err
	}
	ref := c.Params.String("role_id")
	_, err = oktaapi.CheckID("role_id", ref)
	if err != nil {
		return connector.Output{}, err
	}
	r, err := findAssignedRole(ctx, c, u, ref)
	if err != nil {
		return connector.Output{}, err
	}
	notAssigned := connector.Output{Message: fmt.Sprintf("Role %s is not assigned to user %s: nothing to do", ref, u.Name())}
	if r == nil {
		return notAssigned, nil
	}
	rid, err := oktaapi.CheckReturnedID(http.MethodDelete, r.ID)
	if err != nil {
		return connector.Output{}, err
	}
	_, err = c.Okta.Do(ctx, http.MethodDelete, u.Path("/roles/{}", rid), nil, nil, nil)
	switch {
	case oktaapi.IsNotFound(err):
		return notAssigned, nil
	case err != nil:
		return connector.Output{}, err
	}
	return connector.Output{
		Message: fmt.Sprintf("Role %s (%s, assignment %s) unassigned from user %s", r.Type, r.Label, r.ID, u.Name()),
		Data:    []any{r.raw},
	}, nil
}
