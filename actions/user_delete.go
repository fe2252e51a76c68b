package actions

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// deleteUser: DELETE /api/v1/users/{id}. Okta deletes only a DEPROVISIONED
// user; on any other user the first DELETE deactivates, so a second one
// follows.
func deleteUser(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.User(ctx, "user_id")
	if err != nil {
		return connector.Output{}, err
	}
	q := url.Values{"sendEmail": {strconv.FormatBool(c.Params.Bool("send_email", false))}}
	msg := fmt.Sprintf("User %s, already deactivated, deleted", u.Name())
	if u.Status != "DEPROVISIONED" {
		msg = fmt.Sprintf("User %s deactivated (was %s) and deleted", u.Name(), u.Status)
		err := sendChange(ctx, c, http.MethodDelete, u.Path(""), q, nil, nil)
		var unknown *oktaapi.OutcomeUnknownError
		switch {
		case errors.As(err, &unknown) && unknown.Status == "DEPROVISIONED":
			// The answer was lost, but reading the user again shows
			// the first step made: the second is the one asked for.
			msg = fmt.Sprintf("User %s deactivated (was %s; the answer to the deactivating DELETE was lost, and reading the user again found it DEPROVISIONED) and deleted", u.Name(), u.Status)
		case err != nil:
			return connector.Output{}, fmt.Errorf("deactivating user %s (status %s) before deleting failed: %s", u.Name(), u.Status, connector.Describe(err))
		}
	}
	if err := sendChange(ctx, c, http.MethodDelete, u.Path(""), q, nil, nil); err != nil {
		if u.Status != "DEPROVISIONED" {
			return connector.Output{}, fmt.Errorf("user %s was deactivated, but deleting it failed: %s; run delete user again", u.Name(), connector.Describe(err))
		}
		return connector.Output{}, err
	}
	return connector.Output{
		Message: msg + "; this cannot be undone, and data holds the user as it was",
		Data:    []any{u.Raw},
		Summary: map[string]any{"user_id": u.ID, "login": u.Profile.Login, "deleted": true},
	}, nil
}
