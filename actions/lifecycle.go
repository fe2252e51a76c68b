package actions

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/soar-okta/okta-connector/connector"
)

// transition is a lifecycle operation on one user: the Okta operation, the
// status that means it is already done, and the words for the message.
type transition struct {
	param     string // the parameter naming the user
	operation string // the lifecycle operation, e.g. "suspend"
	doneWhen  string // status in which the operation has nothing to do
	done      string // past participle for the message
}

// handler resolves the user and runs POST /api/v1/users/{id}/lifecycle/{op},
// unless the user is already where the operation would take them.
func (t transition) handler() connector.Handler {
	return func(ctx context.Context, c *connector.Call) (connector.Output, error) {
		u, err := c.Okta.ResolveUser(ctx, t.param, c.Params.String(t.param))
		if err != nil {
			return connector.Output{}, err
		}
		if u.Status == t.doneWhen {
			return connector.Output{Message: fmt.Sprintf("User %s is already %s: nothing to do", u.Name(), t.doneWhen)}, nil
		}
		if _, err := c.Okta.Do(ctx, http.MethodPost, u.Path("/lifecycle/"+t.operation), nil, nil, nil); err != nil {
			return connector.Output{}, err
		}
		return connector.Output{Message: fmt.Sprintf("User %s %s", u.Name(), t.done)}, nil
	}
}

var (
	disableUser = transition{param: "id", operation: "suspend", doneWhen: "SUSPENDED", done: "suspended"}.handler()
	enableUser  = transition{param: "id", operation: "unsuspend", doneWhen: "ACTIVE", done: "unsuspended"}.handler()
)

// clearUserSessions: DELETE /api/v1/users/{id}/sessions.
func clearUserSessions(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.Okta.ResolveUser(ctx, "id", c.Params.String("id"))
	if err != nil {
		return connector.Output{}, err
	}
	if _, err := c.Okta.Do(ctx, http.MethodDelete, u.Path("/sessions"), nil, nil, nil); err != nil {
		return connector.Output{}, err
	}
	return connector.Output{Message: fmt.Sprintf("Sessions of user %s cleared", u.Name())}, nil
}

// resetPassword: POST /api/v1/users/{id}/lifecycle/reset_password. Email
// has Okta send the reset email; UI returns the one-time reset URL.
func resetPassword(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.Okta.ResolveUser(ctx, "user_id", c.Params.String("user_id"))
	if err != nil {
		return connector.Output{}, err
	}
	sendEmail := c.Params.String("receive_type") == "Email"
	q := url.Values{"sendEmail": {strconv.FormatBool(sendEmail)}}
	var token map[string]any
	if _, err := c.Okta.Do(ctx, http.MethodPost, u.Path("/lifecycle/reset_password"), q, nil, &token); err != nil {
		return connector.Output{}, err
	}
	msg := fmt.Sprintf("Password reset email sent to user %s", u.Name())
	if !sendEmail {
		msg = fmt.Sprintf("One-time password reset URL created for user %s", u.Name())
	}
	out := connector.Output{Message: msg}
	if len(token) > 0 {
		out.Data = []any{token}
	}
	return out, nil
}

// setPassword: POST /api/v1/users/{id} with a new password credential.
func setPassword(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.Okta.ResolveUser(ctx, "id", c.Params.String("id"))
	if err != nil {
		return connector.Output{}, err
	}
	body := map[string]any{"credentials": map[string]any{"password": map[string]any{"value": c.Params.Raw("new_password")}}}
	updated, err := updateUser(ctx, c, u, body)
	if err != nil {
		return connector.Output{}, err
	}
	return connector.Output{Message: fmt.Sprintf("Password set for user %s", u.Name()), Data: []any{updated}}, nil
}

// updateUser sends a partial update of a user and returns the user as Okta
// returns it.
func updateUser(ctx context.Context, c *connector.Call, u *connector.User, body any) (any, error) {
	var updated map[string]any
	if _, err := c.Okta.Do(ctx, http.MethodPost, u.Path(""), nil, body, &updated); err != nil {
		return nil, err
	}
	return updated, nil
}
