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
	}
	out := userResult(u, msg)
	out.Summary["login"] = u.Profile.Login
	return out, nil
}

// newUserCredentials builds the credentials of a new user: a password, and
// a recovery question with its answer, both or neither.
func newUserCredentials(p connector.Params) (map[string]any, error) {
	creds := map[string]any{}
	if pw := p.Raw("password"); pw != "" {
		creds["password"] = map[string]any{"value": pw}
	}
	question, answer := p.String("recovery_question"), p.Raw("recovery_answer")
	switch {
	case question != "" && answer != "":
		creds["recovery_question"] = map[string]any{"question": question, "answer": answer}
	case question != "" || answer != "":
		return nil, errors.New("recovery_question and recovery_answer go together: give both or neither")
	}
	return creds, nil
}
