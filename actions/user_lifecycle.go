package actions

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// The lifecycle operations on one user (transition, lifecycle.go).
var (
	activateUser   = lifecycleHandler("user_id", func(_ connector.Params, status string) transition { return activationOp(status) })
	reactivateUser = lifecycleHandler("user_id", alwaysOp(reactivateOp))
	deactivateUser = lifecycleHandler("user_id", alwaysOp(deactivateOp))
	suspendUser    = lifecycleHandler("user_id", alwaysOp(suspendOp))
	unsuspendUser  = lifecycleHandler("user_id", alwaysOp(unsuspendOp))
	unlockUser     = lifecycleHandler("user_id", alwaysOp(unlockOp))
)

// expiryOp is the refusal wording of the expire operations.
var expiryOp = transition{
	verb:    "expire the password of",
	allowed: "only a user who can sign in (ACTIVE, RECOVERY, PASSWORD_EXPIRED or LOCKED_OUT) has a password to expire; activate or unsuspend the user first",
}

// expirePassword: POST /api/v1/users/{id}/lifecycle/expire_password, or
// .../expire_password_with_temp_password, which also sets a temporary
// password and returns it; with revoke_sessions, then DELETE
// /api/v1/users/{id}/sessions.
func expirePassword(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.User(ctx, "user_id")
	if err != nil {
		return connector.Output{}, err
	}
	temporary := c.Params.Bool("temporary_password", false)
	var out connector.Output
	switch {
	case !temporary && u.Status == "PASSWORD_EXPIRED":
		out = userResult(u, fmt.Sprintf("The password of user %s has already expired: nothing to do", u.Name()))
	case !temporary:
		var raw json.RawMessage
		if err := sendChange(ctx, c, http.MethodPost, u.Path("/lifecycle/expire_password"), nil, nil, &raw); err != nil {
			return connector.Output{}, expiryOp.refused(u, err)
		}
		// Okta answers with the user; a dry run has no answer to read.
		after, err := oktaapi.DecodeUser(raw)
		if err != nil {
			after = reloadUser(ctx, c, u)
		}
		out = userResult(after, fmt.Sprintf("Password of user %s expired: they must choose a new one at the next sign-in", u.Name()))
	default:
		var answer struct {
			TempPassword string `json:"tempPassword"`
		}
		if err := sendChange(ctx, c, http.MethodPost, u.Path("/lifecycle/expire_password_with_temp_password"), nil, nil, &answer); err != nil {
			return connector.Output{}, expiryOp.refused(u, err)
		}
		maskNote := keepPassword(c, answer.TempPassword)
		msg := fmt.Sprintf("Password of user %s expired and replaced by a temporary password, which the user must change at the next sign-in; it is in data.*.tempPassword", u.Name()) + maskNote
		out = connector.Output{
			Message: msg,
			Data:    []any{map[string]any{"tempPassword": answer.TempPassword}},
			Summary: map[string]any{"user_id": u.ID, "status": "PASSWORD_EXPIRED"},
		}
	}
	if c.Params.Bool("revoke_sessions", false) {
		if err := sendChange(ctx, c, http.MethodDelete, u.Path("/sessions"), nil, nil, nil); err != nil {
			return connector.Output{}, fmt.Errorf("%s, but clearing the user's sessions failed: %s", out.Message, connector.Describe(err))
		}
		out.Message += "; the user's sessions were cleared"
	}
	return out, nil
}
