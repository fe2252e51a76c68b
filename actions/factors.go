package actions

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/soar-okta/okta-connector/connector"
)

// factor is the part of an enrolled factor handlers decide on.
type factor struct {
	ID         string `json:"id"`
	FactorType string `json:"factorType"`
	Status     string `json:"status"`
	raw        json.RawMessage
}

// findFactor: GET /api/v1/users/{id}/factors, then the active factor of the
// wanted type.
func findFactor(ctx context.Context, c *connector.Call, u *connector.User, factorType string) (*factor, error) {
	var all []json.RawMessage
	if err := c.Okta.Get(ctx, u.Path("/factors"), nil, &all); err != nil {
		return nil, err
	}
	var inactive *factor
	for _, raw := range all {
		f := &factor{raw: raw}
		if json.Unmarshal(raw, f) != nil || f.FactorType != factorType {
			continue
		}
		if f.Status == "ACTIVE" {
			return f, nil
		}
		inactive = f
	}
	if inactive != nil {
		return nil, fmt.Errorf("user %s has a %s factor (%s) but it is %s, not ACTIVE", u.Name(), factorType, inactive.ID, inactive.Status)
	}
	return nil, fmt.Errorf("user %s has no %s factor enrolled", u.Name(), factorType)
}

// sendPushNotification sends a push challenge to the user's device
// (POST .../factors/{factorId}/verify) and polls the transaction until the
// user answers, Okta times it out, or the request's timeout passes.
func sendPushNotification(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.Okta.ResolveUser(ctx, "email", c.Params.String("email"))
	if err != nil {
		return connector.Output{}, err
	}
	f, err := findFactor(ctx, c, u, c.Params.String("factortype"))
	if err != nil {
		return connector.Output{}, err
	}
	var tx connector.Transaction
	if _, err := c.Okta.Do(ctx, http.MethodPost, u.Path("/factors/{}/verify", f.ID), nil, nil, &tx); err != nil {
		return connector.Output{}, err
	}
	result, err := c.Okta.PollTransaction(ctx, tx, u.Path("/factors/{}/transactions/", f.ID), c.Settings.PollInterval)
	if err != nil {
		return connector.Output{}, fmt.Errorf("waiting for user %s to answer the push: %w", u.Name(), err)
	}
	return connector.Output{
		Message: pushMessage(u, result.FactorResult),
		Data:    []any{f.raw},
		Summary: map[string]any{"result": result.Raw},
	}, nil
}

func pushMessage(u *connector.User, outcome string) string {
	switch outcome {
	case "SUCCESS":
		return fmt.Sprintf("User %s approved the push notification", u.Name())
	case "REJECTED":
		return fmt.Sprintf("User %s rejected the push notification", u.Name())
	case "TIMEOUT":
		return fmt.Sprintf("User %s did not answer the push notification before Okta timed it out", u.Name())
	}
	return fmt.Sprintf("The push notification to user %s ended with %s", u.Name(), outcome)
}
