package actions

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// transition is a lifecycle operation on one user: POST
// /api/v1/users/{id}/lifecycle/{operation}.
type transition struct {
	operation string              // Okta's operation, e.g. "suspend"
	verb      string              // what it does, for a refusal: "suspend"
	past      string              // what was done, for the message: "suspended"
	idle      func(s string) bool // statuses in which there is nothing to do
	sendEmail bool                // the operation takes sendEmail
	emailDef  bool                // sendEmail when send_email is not given
	allowed   string              // which users Okta accepts it for, and what to do instead
}

// statusIn reports a status as one of the given ones.
func statusIn(statuses ...string) func(string) bool {
	return func(s string) bool { return slices.Contains(statuses, s) }
}

var (
	suspendOp = transition{
		operation: "suspend", verb: "suspend", past: "suspended", idle: statusIn("SUSPENDED"),
		allowed: "only an ACTIVE user can be suspended; deactivate user stops a user in any other status",
	}
	unsuspendOp = transition{
		operation: "unsuspend", verb: "unsuspend", past: "unsuspended", idle: statusIn("ACTIVE"),
		allowed: "only a SUSPENDED user can be unsuspended; a STAGED, PROVISIONED or DEPROVISIONED user needs activate user, a LOCKED_OUT user unlock user",
	}
	activateOp = transition{
		operation: "activate", verb: "activate", past: "activated", idle: statusIn("ACTIVE"), sendEmail: true, emailDef: true,
		allowed: "only a STAGED, PROVISIONED or DEPROVISIONED user can be activated; a SUSPENDED user needs unsuspend user, a LOCKED_OUT user unlock user",
	}
	reactivateOp = transition{
		operation: "reactivate", verb: "reactivate", past: "reactivated (activation restarted)", idle: statusIn("ACTIVE"), sendEmail: true, emailDef: true,
		allowed: "only a PROVISIONED user (activated but not yet signed in) can be reactivated; use activate user for a STAGED or DEPROVISIONED user",
	}
	deactivateOp = transition{
		operation: "deactivate", verb: "deactivate", past: "deactivated", idle: statusIn("DEPROVISIONED"), sendEmail: true,
		allowed: "check that the user still exists and that the token's admin role may deactivate users",
	}
	unlockOp = transition{
		operation: "unlock", verb: "unlock", past: "unlocked", idle: func(s string) bool { return s != "LOCKED_OUT" },
		allowed: "only a LOCKED_OUT user can be unlocked",
	}
)

// activationOp is how a user is activated: a PROVISIONED user, whose
// activation was started, has it restarted.
func activationOp(status string) transition {
	if status == "PROVISIONED" {
		return reactivateOp
	}
	return activateOp
}

// lifecycleHandler resolves the user named by param and runs the
// transition pick chooses for the parameters and the user's status.
func lifecycleHandler(param string, pick func(p connector.Params, status string) transition) connector.Handler {
	return func(ctx context.Context, c *connector.Call) (connector.Output, error) {
		u, err := c.User(ctx, param)
		if err != nil {
			return connector.Output{}, err
		}
		return pick(c.Params, u.Status).run(ctx, c, u)
	}
}

// alwaysOp picks the same transition whatever the parameters.
func alwaysOp(t transition) func(connector.Params, string) transition {
	return func(connector.Params, string) transition { return t }
}

// run applies the transition to u unless there is nothing to do, and
// returns the user as Okta shows them afterwards.
func (t transition) run(ctx context.Context, c *connector.Call, u *oktaapi.User) (connector.Output, error) {
	if t.idle(u.Status) {
		return userResult(u, alreadyDoneMessage(t, u)), nil
	}
	var q url.Values
	if t.sendEmail {
		q = url.Values{"sendEmail": {strconv.FormatBool(c.Params.Bool("send_email", t.emailDef))}}
	}
	var answer json.RawMessage
	if _, err := c.Okta.Do(ctx, http.MethodPost, u.Path("/lifecycle/"+t.operation), q, nil, &answer); err != nil {
		return connector.Output{}, t.refused(u, err)
	}
	after := reloadUser(ctx, c, u)
	out := userResult(after, fmt.Sprintf("User %s %s; status is now %s", u.Name(), t.past, after.Status))
	var token struct {
		URL   string `json:"activationUrl"`
		Token string `json:"activationToken"`
	}
	if len(answer) > 0 && json.Unmarshal(answer, &token) == nil && token.URL != "" {
		out.Summary["activation_url"] = token.URL
		out.Summary["activation_token"] = token.Token
		out.Message += "; no email was sent: give the user the activation URL from the summary"
	}
	return out, nil
}

func alreadyDoneMessage(t transition, u *oktaapi.User) string {
	if t.operation == "unlock" {
		return fmt.Sprintf("User %s is not locked out (status %s): nothing to unlock", u.Name(), u.Status)
	}
	return fmt.Sprintf("User %s is already %s: nothing to do", u.Name(), u.Status)
}

// wrongStatusErrors lists the errors Okta gives for an operation the user's
// status does not allow.
var wrongStatusErrors = []struct {
	status int
	code   string
}{
	{http.StatusBadRequest, "E0000001"}, {http.StatusForbidden, "E0000038"},
	{http.StatusForbidden, "E0000016"}, {http.StatusForbidden, "E0000032"},
}

// refused explains Okta's refusal of the transition by the user's status.
func (t transition) refused(u *oktaapi.User, err error) error {
	for _, w := range wrongStatusErrors {
		if oktaapi.IsAPIError(err, w.status, w.code) {
			return fmt.Errorf("Okta refused to %s user %s, whose status is %s: %s. %s", t.verb, u.Name(), u.Status, t.allowed, connector.Refusal(err))
		}
	}
	return err
}

// reloadUser reads the user again after a change; if that fails, the change
// still happened, so the user as resolved before stands in.
func reloadUser(ctx context.Context, c *connector.Call, u *oktaapi.User) *oktaapi.User {
	after, err := c.Okta.Reload(ctx, u)
	if err != nil {
		c.Log.Warn().Str("user_id", u.ID).Str("error", connector.Describe(err)).Msg("could not read the user again after the change")
		return u
	}
	return after
}

// userResult is the result of an action on one user: the user object as
// data, id and status in the summary.
func userResult(u *oktaapi.User, msg string) connector.Output {
	return connector.Output{
		Message: msg,
		Data:    []any{u.Raw},
		Summary: map[string]any{"user_id": u.ID, "status": u.Status},
	}
}

var (
	disableUser = lifecycleHandler("id", func(p connector.Params, _ string) transition {
		if p.Bool("deactivate", false) {
			return deactivateOp
		}
		return suspendOp
	})
	enableUser = lifecycleHandler("id", func(p connector.Params, status string) transition {
		if p.Bool("activate", false) {
			return activationOp(status)
		}
		return unsuspendOp
	})
)

// clearUserSessions: DELETE /api/v1/users/{id}/sessions.
func clearUserSessions(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.User(ctx, "id")
	if err != nil {
		return connector.Output{}, err
	}
	var q url.Values
	if c.Params.Bool("revoke_oauth_tokens", false) {
		q = url.Values{"oauthTokens": {"true"}}
	}
	if _, err := c.Okta.Do(ctx, http.MethodDelete, u.Path("/sessions"), q, nil, nil); err != nil {
		return connector.Output{}, err
	}
	msg := fmt.Sprintf("Sessions of user %s cleared", u.Name())
	if q != nil {
		msg += ", and the OAuth tokens issued to them revoked"
	}
	return connector.Output{Message: msg}, nil
}

// resetPassword: POST /api/v1/users/{id}/lifecycle/reset_password. Email
// has Okta send the reset email; UI returns the one-time reset URL.
func resetPassword(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.User(ctx, "user_id")
	if err != nil {
		return connector.Output{}, err
	}
	sendEmail := c.Params.String("receive_type") == "Email"
	q := url.Values{"sendEmail": {strconv.FormatBool(sendEmail)}}
	revoke := c.Params.Bool("revoke_sessions", false)
	if revoke {
		q.Set("revokeSessions", "true")
	}
	var token map[string]any
	if _, err := c.Okta.Do(ctx, http.MethodPost, u.Path("/lifecycle/reset_password"), q, nil, &token); err != nil {
		return connector.Output{}, err
	}
	msg := fmt.Sprintf("Password reset email sent to user %s", u.Name())
	if !sendEmail {
		msg = fmt.Sprintf("One-time password reset URL created for user %s", u.Name())
	}
	if revoke {
		msg += "; the user's sessions were ended, so they must sign in again"
	}
	out := connector.Output{Message: msg}
	if len(token) > 0 {
		out.Data = []any{token}
	}
	return out, nil
}

// setPassword: POST /api/v1/users/{id} with a new password credential;
// with temporary, then POST .../lifecycle/expire_password so that the user
// must change it at the next sign-in.
func setPassword(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.User(ctx, "id")
	if err != nil {
		return connector.Output{}, err
	}
	password := c.Params.Raw("new_password")
	random := c.Params.Bool("add_random_chars", false)
	var maskNote string
	if random {
		suffix, err := randomSuffix(randomSuffixLen)
		if err != nil {
			return connector.Output{}, err
		}
		password += suffix
		maskNote = keepPassword(c, password)
	}
	body := map[string]any{"credentials": map[string]any{"password": map[string]any{"value": password}}}
	var updated map[string]any
	if err := sendChange(ctx, c, http.MethodPost, u.Path(""), nil, body, &updated); err != nil {
		return connector.Output{}, err
	}
	msg := fmt.Sprintf("Password set for user %s", u.Name())
	if c.Params.Bool("temporary", false) {
		updated = nil
		if err := sendChange(ctx, c, http.MethodPost, u.Path("/lifecycle/expire_password"), nil, nil, &updated); err != nil {
			return connector.Output{}, fmt.Errorf("the password of user %s was set, but expiring it failed, so the user is not asked to change it: %s", u.Name(), connector.Describe(err))
		}
		msg += "; it is temporary: the user must change it at the next sign-in"
	}
	if random {
		msg += fmt.Sprintf("; %d random characters were appended, and the final password is in data.*.credentials.password.value", randomSuffixLen) + maskNote
		withPasswordValue(updated, password)
	}
	return connector.Output{Message: msg, Data: []any{updated}}, nil
}

// keepPassword marks a password the action made as a secret, masked
// everywhere; with show_password, the data item that holds it whole is
// shown (Call.Reveal). It returns what the message adds when the password
// stays masked.
func keepPassword(c *connector.Call, password string) (maskNote string) {
	if c.Params.Bool("show_password", false) {
		c.Reveal(password)
		return ""
	}
	c.Secret(password)
	return " (masked: set show_password to true to see it)"
}

// withPasswordValue puts the password into a user object at
// credentials.password.value, where Okta takes it in a request.
func withPasswordValue(user map[string]any, password string) {
	if user == nil {
		return
	}
	creds, _ := user["credentials"].(map[string]any)
	if creds == nil {
		creds = map[string]any{}
		user["credentials"] = creds
	}
	pw, _ := creds["password"].(map[string]any)
	if pw == nil {
		pw = map[string]any{}
		creds["password"] = pw
	}
	pw["value"] = password
}
