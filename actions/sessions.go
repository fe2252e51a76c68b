package actions

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/internal/textcut"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// Sessions, Universal Logout and sign-in blocks: how a stolen session is
// ended, in Okta and in the apps downstream.

// endSession: GET /api/v1/sessions/{sessionId}, which says whose session
// it is, then DELETE of it: that one session, not the user's others.
// "me", Okta's alias for the session of the caller's browser, is refused
// before any request, as it is for users.
func endSession(ctx context.Context, c *connector.Call) (connector.Output, error) {
	ref := c.Params.String("session_id")
	if strings.EqualFold(ref, "me") {
		return connector.Output{}, fmt.Errorf("session_id %s is not a session id: Okta reads it as the session of the caller's own browser; give the id of the session to end, such as authenticationContext.externalSessionId of a System Log event", textcut.QuoteValue(ref))
	}
	id, err := oktaapi.CheckID("session_id", ref)
	if err != nil {
		return connector.Output{}, err
	}
	path := oktaapi.PathOf("/api/v1/sessions/{}", id)
	var raw json.RawMessage
	err = c.Okta.Get(ctx, path, nil, &raw)
	switch {
	case oktaapi.IsNotFound(err):
		return connector.Output{}, fmt.Errorf("no live Okta session has the id %s: it has already ended (signed out, expired or ended by an admin) or the id is wrong; the user's other sessions, if any, were left alone", textcut.QuoteValue(ref))
	case err != nil:
		return connector.Output{}, err
	}
	var ss struct {
		ID     string `json:"id"`
		UserID string `json:"userId"`
		Login  string `json:"login"`
		Status string `json:"status"`
	}
	if err := json.Unmarshal(raw, &ss); err != nil {
		return connector.Output{}, fmt.Errorf("Okta's session object could not be read: %w", err)
	}
	if _, err := c.Okta.Do(ctx, http.MethodDelete, path, nil, nil, nil); err != nil {
		return connector.Output{}, err
	}
	owner := ss.UserID
	if ss.Login != "" {
		owner = fmt.Sprintf("%s (%s)", ss.Login, ss.UserID)
	}
	return connector.Output{
		Message: fmt.Sprintf("Session %s of user %s ended; the user's other sessions were left alone (clear user sessions ends them all)", ref, owner),
		Data:    []any{raw},
		Summary: map[string]any{"session_id": ss.ID, "user_id": ss.UserID},
	}, nil
}

// getUserBlocks: GET /api/v1/users/{id}/blocks (Okta does not page this
// list).
var getUserBlocks = userListing{
	suffix:     "/blocks",
	summaryKey: "num_blocks",
	message: func(u *oktaapi.User, items []json.RawMessage) string {
		if len(items) == 0 {
			return fmt.Sprintf("User %s is not blocked from signing in on any device", u.Name())
		}
		var where []string
		for _, raw := range items {
			var b struct {
				Type      string `json:"type"`
				AppliesTo string `json:"appliesTo"`
			}
			_ = json.Unmarshal(raw, &b)
			switch b.AppliesTo {
			case "ANY_DEVICES":
				where = append(where, "on any device")
			case "UNKNOWN_DEVICES":
				where = append(where, "on devices Okta does not know")
			default:
				where = append(where, fmt.Sprintf("(%s, %s)", b.Type, b.AppliesTo))
			}
		}
		msg := fmt.Sprintf("User %s, whose status is %s, is blocked from signing in %s", u.Name(), u.Status, strings.Join(where, " and "))
		if u.Status == "LOCKED_OUT" {
			msg += "; unlock user unblocks the user"
		}
		return msg
	},
}.handler()

// universalLogout: POST /oauth2/v1/global-token-revocation for the user.
func universalLogout(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.User(ctx, "user_id")
	if err != nil {
		return connector.Output{}, err
	}
	msg, err := logOut(ctx, c, u)
	if err != nil {
		return connector.Output{}, err
	}
	return connector.Output{Message: msg, Summary: map[string]any{"user_id": u.ID}}, nil
}

// globalTokenRevocation is Universal Logout's endpoint.
var globalTokenRevocation = oktaapi.PathOf("/oauth2/v1/global-token-revocation")

// logOut sends Universal Logout for u: Okta ends the user's Okta
// sessions, revokes their refresh tokens and API tokens, and signs them
// out of the apps that support Universal Logout. The account the connector's API token belongs to is refused
// first: its logout would revoke that token. It returns what was done.
func logOut(ctx context.Context, c *connector.Call, u *oktaapi.User) (string, error) {
	if err := refuseOwnAccount(ctx, c, u); err != nil {
		return "", err
	}
	body := map[string]any{"sub_id": map[string]any{"format": "opaque", "id": u.ID}}
	_, err := c.Okta.Do(ctx, http.MethodPost, globalTokenRevocation, nil, body, nil)
	switch {
	case oktaapi.IsAPIError(err, http.StatusBadRequest, ""):
		return "", fmt.Errorf("Okta refused Universal Logout of user %s (400 Bad Request, which Okta gives without a reason): check that the org has Universal Logout (Identity Threat Protection) and that the user still exists", u.Name())
	case err != nil:
		return "", err
	}
	return fmt.Sprintf("Universal Logout of user %s done: Okta ended their Okta sessions, revoked their refresh tokens and API tokens, and signed them out of the apps that support Universal Logout", u.Name()), nil
}

// refuseOwnAccount fails when u is the account the connector's API token
// belongs to (GET /api/v1/users/me). With OAuth 2.0 the service app
// stands for no user, and nothing is asked.
func refuseOwnAccount(ctx context.Context, c *connector.Call, u *oktaapi.User) error {
	if c.Settings.AuthMode == connector.AuthOAuth {
		return nil
	}
	var me struct {
		ID string `json:"id"`
	}
	err := c.Okta.Get(ctx, oktaapi.PathOf("/api/v1/users/me"), nil, &me)
	switch {
	case oktaapi.IsNotFound(err):
		return nil // no user owns the credentials
	case err != nil:
		return fmt.Errorf("could not check which account the connector's API token belongs to, so nothing was sent for user %s: %s", u.Name(), connector.Describe(err))
	case me.ID == u.ID:
		return fmt.Errorf("refused: user %s is the account the connector's API token belongs to, and Universal Logout of it would revoke that token, so every later action would fail; end its sessions with clear user sessions, which keeps API tokens, or log it out from the Okta Admin Console", u.Name())
	}
	return nil
}
