package actions

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/internal/textcut"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// newUserFields are the profile attributes create user takes as
// parameters.
var newUserFields = []connector.ProfileField{
	{Param: "login", Attribute: "login"}, {Param: "email", Attribute: "email"},
	{Param: "first_name", Attribute: "firstName"}, {Param: "last_name", Attribute: "lastName"},
}

// createUser: POST /api/v1/users?activate=..., with the profile, the
// optional password and recovery question, and the groups to join.
func createUser(ctx context.Context, c *connector.Call) (connector.Output, error) {
	profile, err := c.Params.Profile("profile", newUserFields)
	if err != nil {
		return connector.Output{}, err
	}
	groups, err := c.Params.CheckedIDs("group_ids")
	if err != nil {
		return connector.Output{}, err
	}
	creds, err := newUserCredentials(c.Params)
	if err == nil {
		err = checkNextLogin(c.Params)
	}
	if err != nil {
		return connector.Output{}, err
	}
	body := map[string]any{"profile": profile}
	if len(creds) > 0 {
		body["credentials"] = creds
	}
	if len(groups) > 0 {
		body["groupIds"] = groups
	}
	q := url.Values{"activate": {strconv.FormatBool(c.Params.Bool("activate", true))}}
	if _, ok := creds["provider"]; ok {
		q.Set("provider", "true")
	}
	if next := c.Params.String("next_login"); next != "" {
		q.Set("nextLogin", next)
	}
	var raw json.RawMessage
	if _, err := c.Okta.Do(ctx, http.MethodPost, oktaapi.PathOf("/api/v1/users"), q, body, &raw); err != nil {
		if oktaapi.IsAPIError(err, http.StatusBadRequest, "E0000001") && oktaapi.CausesContain(err, "login: An object with this field already exists") {
			return connector.Output{}, fmt.Errorf("a user with the login %s already exists in the org: look it up with get user, or change it with update user. %s", textcut.QuoteValue(c.Params.String("login")), connector.Describe(err))
		}
		return connector.Output{}, err
	}
	u, err := oktaapi.DecodeUser(raw)
	if err != nil {
		return connector.Output{}, err
	}
	msg := fmt.Sprintf("User %s created with status %s", u.Name(), u.Status)
	switch len(groups) {
	case 0:
	case 1:
		msg += " and added to group " + groups[0]
	default:
		msg += fmt.Sprintf(" and added to %d groups", len(groups))
	}
	switch u.Status {
	case "STAGED":
		msg += "; run activate user when the account should be used"
	case "PROVISIONED":
		msg += "; Okta sent the activation email, and the user sets a password to complete it"
	case "PASSWORD_EXPIRED":
		msg += "; the user must change the password at the first sign-in"
	}
	if p := c.Params.String("provider_type"); p != "" && p != "OKTA" {
		msg += fmt.Sprintf("; the user signs in through the %s provider", providerLabel(c.Params))
	}
	out := userResult(u, msg)
	out.Summary["login"] = u.Profile.Login
	return out, nil
}

// newUserCredentials builds the credentials of a new user: a password, a
// recovery question with its answer (both or neither), and an
// authentication provider. A user of another provider than Okta signs in
// there, so takes no Okta password or recovery question.
func newUserCredentials(p connector.Params) (map[string]any, error) {
	creds := map[string]any{}
	if pw := p.Raw("password"); pw != "" {
		creds["password"] = map[string]any{"value": pw}
	}
	question, err := recoveryQuestion(p)
	if err != nil {
		return nil, err
	}
	if question != nil {
		creds["recovery_question"] = question
	}
	kind, name := p.String("provider_type"), p.String("provider_name")
	switch {
	case kind == "" && name != "":
		return nil, errors.New("provider_name needs provider_type: give the provider's type too (for example ACTIVE_DIRECTORY with the directory's name), or leave provider_name empty")
	case kind == "":
		return creds, nil
	case kind != "OKTA" && len(creds) > 0:
		return nil, fmt.Errorf("a user whose credentials come from the %s provider signs in there and has no Okta password or recovery question: leave password, recovery_question and recovery_answer empty, or set provider_type to OKTA", providerLabel(p))
	}
	provider := map[string]any{"type": kind}
	if name != "" {
		provider["name"] = name
	}
	creds["provider"] = provider
	return creds, nil
}

// providerLabel names the provider_type and provider_name given, for
// messages.
func providerLabel(p connector.Params) string {
	if name := p.String("provider_name"); name != "" {
		return fmt.Sprintf("%s %s", p.String("provider_type"), textcut.QuoteValue(name))
	}
	return p.String("provider_type")
}

// recoveryQuestion reads recovery_question and recovery_answer, which go
// together: nil when neither is given.
func recoveryQuestion(p connector.Params) (map[string]any, error) {
	question, answer := p.String("recovery_question"), p.Raw("recovery_answer")
	switch {
	case question != "" && answer != "":
		return map[string]any{"question": question, "answer": answer}, nil
	case question != "" || answer != "":
		return nil, errors.New("recovery_question and recovery_answer go together: give both or neither")
	}
	return nil, nil
}

// checkNextLogin refuses next_login where Okta would: expiring the
// password at the first sign-in needs a password to expire and an active
// user.
func checkNextLogin(p connector.Params) error {
	if p.String("next_login") == "" {
		return nil
	}
	switch {
	case p.Raw("password") == "":
		return errors.New("next_login changePassword expires the initial password, so it needs one: give password, or leave next_login empty (without a password, activation already has the user choose one)")
	case !p.Bool("activate", true):
		return errors.New("next_login changePassword needs activate true: Okta expires the password of an active user only; a STAGED user chooses a password at activation anyway")
	}
	return nil
}
