package actions

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/soar-okta/okta-connector/actions/internal/present"
	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/internal/textcut"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// listUsers: GET /api/v1/users (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/User/#tag/User/operation/listUsers)
var listUsers = listing{
	path:       oktaapi.PathOf("/api/v1/users"),
	query:      map[string]string{"query": "q", "filter": "filter", "search": "search", "sort_by": "sortBy", "sort_order": "sortOrder"},
	summaryKey: "num_users",
	noun:       "users",
	paged:      true,
	check:      checkUserSort,
}.handler()

// sortAttribute is what sort_by may hold: a user property or profile
// attribute name, such as created or profile.lastName.
var sortAttribute = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$`)

// checkUserSort refuses sort_by and sort_order without search, which Okta
// ignores (it sorts only search results), and a sort_by that is no
// attribute name.
func checkUserSort(p connector.Params) error {
	by, order := p.String("sort_by"), p.String("sort_order")
	if (by != "" || order != "") && p.String("search") == "" {
		return errors.New("sort_by and sort_order apply only with search, since Okta sorts only search results: give a search expression such as status eq \"ACTIVE\", or leave them empty")
	}
	if by != "" && (len(by) > 128 || !sortAttribute.MatchString(by)) {
		return fmt.Errorf("sort_by %s is not a user attribute name: give one such as created, lastUpdated or profile.lastName", textcut.QuoteValue(by))
	}
	return nil
}

// getUser: GET /api/v1/users/{id}, by id or login.
func getUser(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.User(ctx, "user_id")
	if err != nil {
		return connector.Output{}, err
	}
	return userResult(u, fmt.Sprintf("User %s is %s", u.Name(), u.Status)), nil
}

// getUserGroups: GET /api/v1/users/{id}/groups, every page.
func getUserGroups(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.User(ctx, "user_id")
	if err != nil {
		return connector.Output{}, err
	}
	groups, err := c.Okta.List(ctx, u.Path("/groups"), nil, 0)
	if err != nil {
		return connector.Output{}, err
	}
	return connector.Output{
		Message: fmt.Sprintf("User %s is in %d groups", u.Name(), len(groups)),
		Data:    present.Objects(groups),
		Summary: map[string]any{"total_groups": len(groups)},
	}, nil
}

// testConnectivity: GET /api/v1/users/me, the account the API token
// belongs to; with OAuth 2.0 (a service app stands for no user) one page of
// one user, which needs okta.users.read.
func testConnectivity(ctx context.Context, c *connector.Call) (connector.Output, error) {
	mode := c.Settings.AuthMode
	if mode == connector.AuthOAuth {
		if _, err := c.Okta.List(ctx, oktaapi.PathOf("/api/v1/users"), nil, 1); err != nil {
			return connector.Output{}, fmt.Errorf("Test connectivity failed using %s: %s", mode, connector.Describe(err))
		}
		return connector.Output{
			Message: fmt.Sprintf("Test connectivity passed: connected to %s using %s as service app %s, with the scopes %s",
				c.Okta.Origin(), mode, c.Settings.ClientID, strings.Join(c.Settings.Scopes, ", ")),
		}, nil
	}
	var raw json.RawMessage
	if err := c.Okta.Get(ctx, oktaapi.PathOf("/api/v1/users/me"), nil, &raw); err != nil {
		return connector.Output{}, fmt.Errorf("Test connectivity failed using %s: %s", mode, connector.Describe(err))
	}
	var me struct {
		ID      string `json:"id"`
		Profile struct {
			Login string `json:"login"`
		} `json:"profile"`
	}
	_ = json.Unmarshal(raw, &me)
	return connector.Output{
		Message: fmt.Sprintf("Test connectivity passed: connected to %s using %s as %s (%s)", c.Okta.Origin(), mode, me.Profile.Login, me.ID),
	}, nil
}
