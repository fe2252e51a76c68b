package actions

import (
	"context"
	"fmt"
	"net/http"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// listFactors: GET /api/v1/users/{id}/factors.
func listFactors(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.User(ctx, "user_id")
	if err != nil {
		return connector.Output{}, err
	}
	fs, err := userFactors(ctx, c, u)
	if err != nil {
		return connector.Output{}, err
	}
	msg := fmt.Sprintf("User %s has no enrolled factors", u.Name())
	if len(fs) > 0 {
		msg = fmt.Sprintf("User %s has %d enrolled factors: %s", u.Name(), len(fs), describeFactors(fs))
	}
	return connector.Output{Message: msg, Data: rawFactors(fs), Summary: map[string]any{"num_factors": len(fs)}}, nil
}

// resetFactor: DELETE /api/v1/users/{id}/factors/{factorId}, after checking
// that the factor is one of the user's.
func resetFactor(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.User(ctx, "user_id")
	if err != nil {
		return connector.Output{}, err
	}
	id, err := oktaapi.CheckID("factor_id", c.Params.String("factor_id"))
	if err != nil {
		return connector.Output{}, err
	}
	fs, err := userFactors(ctx, c, u)
	if err != nil {
		return connector.Output{}, err
	}
	var f *factor
	for _, x := range fs {
		if x.ID == id.String() {
			f = x
		}
	}
	switch {
	case f == nil && len(fs) == 0:
		return connector.Output{}, fmt.Errorf("user %s has no enrolled factors, so there is no factor %s to reset", u.Name(), id)
	case f == nil:
		return connector.Output{}, fmt.Errorf("user %s has no factor %s; the user's factors are %s", u.Name(), id, describeFactors(fs))
	}
	_, err = c.Okta.Do(ctx, http.MethodDelete, u.Path("/factors/{}", id), nil, nil, nil)
	switch {
	case oktaapi.IsNotFound(err):
		return connector.Output{Message: fmt.Sprintf("The %s of user %s was already removed: nothing to do", f, u.Name())}, nil
	case err != nil:
		return connector.Output{}, err
	}
	return connector.Output{
		Message: fmt.Sprintf("The %s of user %s was reset: the user has to enroll it again", f, u.Name()),
		Data:    []any{f.raw},
		Summary: map[string]any{"factor_id": f.ID, "factor_type": f.FactorType},
	}, nil
}

// resetFactors: POST /api/v1/users/{id}/lifecycle/reset_factors.
func resetFactors(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.User(ctx, "user_id")
	if err != nil {
		return connector.Output{}, err
	}
	msg, removed, err := resetAllFactors(ctx, c, u)
	if err != nil {
		return connector.Output{}, err
	}
	return connector.Output{Message: msg, Data: rawFactors(removed), Summary: map[string]any{"num_factors": len(removed)}}, nil
}

// resetAllFactors returns every factor of the user to the unenrolled
// state. It lists them first: a user without factors needs no change, and
// the message names what was removed.
func resetAllFactors(ctx context.Context, c *connector.Call, u *oktaapi.User) (string, []*factor, error) {
	fs, err := userFactors(ctx, c, u)
	if err != nil {
		return "", nil, err
	}
	if len(fs) == 0 {
		return fmt.Sprintf("User %s has no enrolled factors: nothing to reset", u.Name()), nil, nil
	}
	if _, err := c.Okta.Do(ctx, http.MethodPost, u.Path("/lifecycle/reset_factors"), nil, nil, nil); err != nil {
		return "", fs, err
	}
	what := fmt.Sprintf("All %d factors", len(fs))
	if len(fs) == 1 {
		what = "The only factor"
	}
	return fmt.Sprintf("%s of user %s reset (%s): the user has to enroll again at the next sign-in", what, u.Name(), describeFactors(fs)), fs, nil
}
