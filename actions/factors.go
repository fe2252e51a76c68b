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

// factor is the part of an enrolled factor handlers decide on.
type factor struct {
	ID         string `json:"id"`
	FactorType string `json:"factorType"`
	Status     string `json:"status"`
	Profile    struct {
		PhoneNumber string `json:"phoneNumber"`
	} `json:"profile"`
	raw json.RawMessage
}

// String names the factor in messages: type and id.
func (f *factor) String() string { return fmt.Sprintf("%s factor %s", f.FactorType, f.ID) }

// userFactors: GET /api/v1/users/{id}/factors, every enrolled factor (Okta
// does not page this list).
func userFactors(ctx context.Context, c *connector.Call, u *oktaapi.User) ([]*factor, error) {
	var all []json.RawMessage
	if err := c.Okta.Get(ctx, u.Path("/factors"), nil, &all); err != nil {
		return nil, err
	}
	out := make([]*factor, 0, len(all))
	for _, raw := range all {
		f := &factor{raw: raw}
		if err := json.Unmarshal(raw, f); err != nil {
			return nil, fmt.Errorf("Okta's factor object could not be read: %w", err)
		}
		out = append(out, f)
	}
	return out, nil
}

// describeFactors lists factors for a message: "push opf1 (ACTIVE), sms mbl2 (ACTIVE)".
func describeFactors(fs []*factor) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = fmt.Sprintf("%s %s (%s)", f.FactorType, f.ID, f.Status)
	}
	return strings.Join(parts, ", ")
}

// rawFactors is the factors as data entries, as Okta returned them.
func rawFactors(fs []*factor) []any {
	out := make([]any, len(fs))
	for i, f := range fs {
		out[i] = f.raw
	}
	return out
}

// findFactor returns the user's active factor of the wanted type, or,
// when factorID is given, that factor, which must be of the wanted type
// and active.
func findFactor(ctx context.Context, c *connector.Call, u *oktaapi.User, factorType, factorID string) (*factor, error) {
	all, err := userFactors(ctx, c, u)
	if err != nil {
		return nil, err
	}
	if factorID != "" {
		return givenFactor(u, all, factorType, factorID)
	}
	var inactive *factor
	for _, f := range all {
		if f.FactorType != factorType {
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

// givenFactor is the factor of all whose id is factorID, checked against
// the type the action verifies.
func givenFactor(u *oktaapi.User, all []*factor, factorType, factorID string) (*factor, error) {
	for _, f := range all {
		switch {
		case f.ID != factorID:
			continue
		case f.FactorType != factorType:
			return nil, fmt.Errorf("factor %s of user %s is a %s factor, not %s: set factortype to %s to verify it", f.ID, u.Name(), f.FactorType, factorType, f.FactorType)
		case f.Status != "ACTIVE":
			return nil, fmt.Errorf("the %s of user %s is %s, not ACTIVE, so it cannot be verified", f, u.Name(), f.Status)
		}
		return f, nil
	}
	enrolled := "none"
	if len(all) > 0 {
		enrolled = describeFactors(all)
	}
	return nil, fmt.Errorf("user %s has no factor with the id %s (enrolled: %s); give one of theirs in factor_id, or leave it empty to use their active %s factor", u.Name(), textcut.QuoteValue(factorID), enrolled, factorType)
}

// sendPushNotification verifies the user with one of their factors
// (POST .../factors/{factorId}/verify). A push is sent to the user's device
// and the transaction polled until the user answers, Okta times it out, or
// the request's timeout passes. An SMS factor without pass_code gets a code
// sent to the phone; with pass_code, like a TOTP factor, the code is checked.
func sendPushNotification(ctx context.Context, c *connector.Call) (connector.Output, error) {
	factorType, passCode := c.Params.String("factortype"), c.Params.Raw("pass_code")
	if err := checkPassCodeUse(factorType, passCode); err != nil {
		return connector.Output{}, err
	}
	factorID := c.Params.String("factor_id")
	if factorID != "" {
		if _, err := oktaapi.CheckID("factor_id", factorID); err != nil {
			return connector.Output{}, err
		}
	}
	u, err := c.User(ctx, "email")
	if err != nil {
		return connector.Output{}, err
	}
	f, err := findFactor(ctx, c, u, factorType, factorID)
	if err != nil {
		return connector.Output{}, err
	}
	fid, err := oktaapi.CheckReturnedID(http.MethodPost, f.ID)
	if err != nil {
		return connector.Output{}, err
	}
	if factorType != "push" {
		return verifyPassCode(ctx, c, u, f, fid, passCode)
	}
	var tx oktaapi.Transaction
	if _, err := c.Okta.Do(ctx, http.MethodPost, u.Path("/factors/{}/verify", fid), nil, nil, &tx); err != nil {
		return connector.Output{}, err
	}
	result, err := c.Okta.PollTransaction(ctx, tx, u.Path("/factors/{}/transactions/", fid), c.Settings.PollInterval)
	if err != nil {
		return connector.Output{}, fmt.Errorf("waiting for user %s to answer the push: %w", u.Name(), err)
	}
	return connector.Output{
		Message: pushMessage(u, result.FactorResult),
		Data:    []any{f.raw},
		Summary: map[string]any{"result": result.Raw},
	}, nil
}

// checkPassCodeUse refuses a pass code where it means nothing and its
// absence where Okta needs one, before any request is sent.
func checkPassCodeUse(factorType, passCode string) error {
	switch {
	case factorType == "push" && passCode != "":
		return fmt.Errorf("pass_code is not used with the push factor type, which the user answers on their device: leave pass_code empty, or set factortype to sms or token:software:totp")
	case factorType == "token:software:totp" && passCode == "":
		return fmt.Errorf("pass_code is required with the token:software:totp factor type: ask the user for the current code of their authenticator app and give it in pass_code")
	}
	return nil
}

// verifyPassCode sends a code factor's verification: without a pass code
// Okta sends the user a code (factorResult CHALLENGE), with one it checks
// it. A wrong code is a verification outcome, reported as FAILED. fid is
// f's id, checked.
func verifyPassCode(ctx context.Context, c *connector.Call, u *oktaapi.User, f *factor, fid oktaapi.ID, passCode string) (connector.Output, error) {
	var body any
	if passCode != "" {
		body = map[string]string{"passCode": passCode}
	}
	var tx oktaapi.Transaction
	_, err := c.Okta.Do(ctx, http.MethodPost, u.Path("/factors/{}/verify", fid), nil, body, &tx)
	out := connector.Output{Data: []any{f.raw}}
	switch {
	case oktaapi.IsAPIError(err, http.StatusForbidden, "E0000068"):
		out.Message = fmt.Sprintf("User %s was not verified: Okta rejected the pass code given for the %s (E0000068 Invalid Passcode/Answer); ask the user for a fresh code and run the action again", u.Name(), f)
		out.Summary = map[string]any{"result": map[string]any{"factorResult": "FAILED"}}
		return out, nil
	case err != nil:
		return connector.Output{}, err
	}
	out.Summary = map[string]any{"result": tx.Raw}
	switch tx.FactorResult {
	case "CHALLENGE":
		out.Message = fmt.Sprintf("Okta sent a verification code by SMS to %s for user %s; run the action again with the same factortype and the code the user reports in pass_code to verify it", f.Profile.PhoneNumber, u.Name())
	case "SUCCESS":
		out.Message = fmt.Sprintf("User %s verified: the pass code matches the %s", u.Name(), f)
	default:
		out.Message = fmt.Sprintf("Verification of user %s with the %s ended with %s", u.Name(), f, tx.FactorResult)
	}
	return out, nil
}

func pushMessage(u *oktaapi.User, outcome string) string {
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
