package actions

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// User risk (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/UserRisk/):
// the level Identity Threat Protection, or an admin, gave a user.

// userRisk is a user's risk object, and the whole object as Okta returned
// it.
type userRisk struct {
	Level  string `json:"riskLevel"`
	Reason string `json:"reason"`
	raw    json.RawMessage
}

// readRisk: GET /api/v1/users/{userId}/risk. A user Okta has no risk for
// has the level NONE.
func readRisk(ctx context.Context, c *connector.Call, u *oktaapi.User) (*userRisk, error) {
	r := &userRisk{}
	if err := c.Okta.Get(ctx, u.Path("/risk"), nil, &r.raw); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(r.raw, r); err != nil {
		return nil, fmt.Errorf("Okta's user risk object could not be read: %w", err)
	}
	return r, nil
}

// describe says the level and, when Okta gives one, its reason.
func (r *userRisk) describe() string {
	if r.Reason == "" {
		return r.Level
	}
	return fmt.Sprintf("%s (reason: %s)", r.Level, r.Reason)
}

// output is a result about the user's risk: the risk object as data, the
// user and level in the summary.
func (r *userRisk) output(u *oktaapi.User, msg string) connector.Output {
	return connector.Output{
		Message: msg,
		Data:    []any{r.raw},
		Summary: map[string]any{"user_id": u.ID, "risk_level": r.Level},
	}
}

func getUserRisk(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.User(ctx, "user_id")
	if err != nil {
		return connector.Output{}, err
	}
	r, err := readRisk(ctx, c, u)
	if err != nil {
		return connector.Output{}, err
	}
	msg := fmt.Sprintf("Risk level of user %s is %s", u.Name(), r.describe())
	if r.Level == "NONE" {
		msg = fmt.Sprintf("User %s has no risk level (NONE): neither Okta nor an admin has rated the user", u.Name())
	}
	return r.output(u, msg), nil
}

// setUserRisk sets the user's risk level, unless it already is that level.
func setUserRisk(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.User(ctx, "user_id")
	if err != nil {
		return connector.Output{}, err
	}
	r, msg, err := setRisk(ctx, c, u, c.Params.String("risk_level"))
	if err != nil {
		return connector.Output{}, err
	}
	return r.output(u, msg), nil
}

// setRisk gives u the risk level (HIGH, MEDIUM or LOW: app.json's
// value_list, or the connector's own word): PUT
// /api/v1/users/{userId}/risk, after a read that finds whether the user
// already has it. The message says what was done, to whom.
func setRisk(ctx context.Context, c *connector.Call, u *oktaapi.User, level string) (*userRisk, string, error) {
	before, err := readRisk(ctx, c, u)
	if err != nil {
		return nil, "", err
	}
	if before.Level == level {
		return before, fmt.Sprintf("Risk level of user %s is already %s: nothing to do", u.Name(), before.describe()), nil
	}
	after := &userRisk{}
	if _, err := c.Okta.Do(ctx, http.MethodPut, u.Path("/risk"), nil, map[string]any{"riskLevel": level}, &after.raw); err != nil {
		return nil, "", err
	}
	if err := json.Unmarshal(after.raw, after); err != nil {
		return nil, "", fmt.Errorf("the risk level of user %s was set to %s, but Okta's answer could not be read: %w", u.Name(), level, err)
	}
	return after, fmt.Sprintf("Risk level of user %s set to %s (it was %s)", u.Name(), after.Level, before.Level), nil
}
