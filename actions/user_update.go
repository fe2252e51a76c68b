package actions

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// updatableProfileFields are the profile attributes update user takes as
// parameters.
var updatableProfileFields = []connector.ProfileField{
	{Param: "first_name", Attribute: "firstName"}, {Param: "last_name", Attribute: "lastName"},
	{Param: "email", Attribute: "email"}, {Param: "second_email", Attribute: "secondEmail"},
	{Param: "mobile_phone", Attribute: "mobilePhone"}, {Param: "title", Attribute: "title"},
	{Param: "department", Attribute: "department"}, {Param: "manager", Attribute: "manager"},
	{Param: "manager_id", Attribute: "managerId"},
}

// updateUser: POST /api/v1/users/{id} with the profile attributes that
// change, and the recovery question when one is given; Okta leaves every
// other attribute as it is.
func updateUser(ctx context.Context, c *connector.Call) (connector.Output, error) {
	wanted, err := c.Params.Profile("profile", updatableProfileFields)
	if err != nil {
		return connector.Output{}, err
	}
	question, err := recoveryQuestion(c.Params)
	if err != nil {
		return connector.Output{}, err
	}
	if len(wanted) == 0 && question == nil {
		return connector.Output{}, errors.New("nothing to update: give at least one attribute (first_name, last_name, email, second_email, mobile_phone, title, department, manager, manager_id), a profile object, or recovery_question with recovery_answer")
	}
	u, err := c.User(ctx, "user_id")
	if err != nil {
		return connector.Output{}, err
	}
	current, err := u.Attributes()
	if err != nil {
		return connector.Output{}, err
	}
	changes := map[string]any{}
	var names []string
	for k, v := range wanted {
		if old, ok := current[k]; !ok || !connector.SameJSON(old, v) {
			changes[k] = v
			names = append(names, k)
		}
	}
	sort.Strings(names)
	body := map[string]any{}
	if len(changes) > 0 {
		body["profile"] = changes
	}
	if question != nil {
		// Okta never shows the answer, so it cannot be compared: it is
		// always sent.
		body["credentials"] = map[string]any{"recovery_question": question}
		names = append(names, "recovery question")
	}
	if len(body) == 0 {
		return userResult(u, fmt.Sprintf("User %s already has these profile values: nothing to do", u.Name())), nil
	}
	var raw json.RawMessage
	if _, err := c.Okta.Do(ctx, http.MethodPost, u.Path(""), nil, body, &raw); err != nil {
		return connector.Output{}, err
	}
	updated, err := oktaapi.DecodeUser(raw)
	if err != nil {
		return connector.Output{}, err
	}
	return userResult(updated, fmt.Sprintf("User %s updated: %s", u.Name(), strings.Join(names, ", "))), nil
}
