package actions

import (
	"context"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// listAdmins: GET /api/v1/iam/assignees/users
// (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/RoleAssignmentAUser/#tag/RoleAssignmentAUser/operation/listUsersWithRoleAssignments),
// every user who holds an admin role, assigned to them or to a group they
// belong to. Its pages are objects with the users in value (ListWrapped).
func listAdmins(ctx context.Context, c *connector.Call) (connector.Output, error) {
	admins, next, err := c.Okta.ListWrapped(ctx, oktaapi.PathOf("/api/v1/iam/assignees/users"), nil, c.Params.Int("limit"))
	if err != nil {
		return connector.Output{}, err
	}
	out := counted(admins, "num_admins", "admins")
	if next != "" {
		out.Message += "; the limit was reached, so more may exist"
	}
	return out, nil
}
