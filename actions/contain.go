package actions

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// Step outcomes of contain user.
const (
	stepSuccess = "success"
	stepFailed  = "failed"
	stepSkipped = "skipped"
	stepPlanned = "planned" // dry run: the request is in the plan
)

// containStep is one step of contain user, as its data reports it.
type containStep struct {
	Step    string `json:"step"`
	Status  string `json:"status"`
	Message string `json:"message"`
}

// containment is one run of contain user on a resolved user.
type containment struct {
	c     *connector.Call
	u     *oktaapi.User
	steps []containStep
}

// run records one step: skipped unless enabled, else the outcome of do,
// whose message describes what was done.
func (k *containment) run(name string, enabled bool, skipped string, do func() (string, error)) containStep {
	st := containStep{Step: name, Status: stepSkipped, Message: skipped}
	if enabled {
		msg, err := do()
		switch {
		case oktaapi.IsDryRun(err):
			st.Status, st.Message = stepPlanned, "would be sent (dry run)"
		case err != nil:
			st.Status, st.Message = stepFailed, connector.Describe(err)
		default:
			st.Status, st.Message = stepSuccess, msg
		}
	}
	k.steps = append(k.steps, st)
	return st
}

// post sends one lifecycle operation to the user; operation is the
// connector's own word, never a value from the request.
func (k *containment) post(ctx context.Context, operation string) error {
	_, err := k.c.Okta.Do(ctx, http.MethodPost, k.u.Path("/lifecycle/"+operation), nil, nil, nil)
	return err
}

// containUser is the one-step response to a compromised account: suspend
// or deactivate the user, then, as asked, clear their sessions (revoking
// OAuth tokens), log them out everywhere (Universal Logout), reset their
// factors, expire their password and raise their risk level to HIGH.
// Every step runs and reports its own outcome; the result fails only when
// the user could not be suspended or deactivated. The two optional steps
// added last, universal_logout and raise_risk, are reported only when
// asked for, so that the report of a containment without them stays as
// it was.
func containUser(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.User(ctx, "user_id")
	if err != nil {
		return connector.Output{}, err
	}
	k := &containment{c: c, u: u}
	mode := c.Params.String("mode")
	revoke := c.Params.Bool("revoke_oauth_tokens", true)
	clear := c.Params.Bool("clear_sessions", true)

	contained := k.run(mode, true, "", func() (string, error) { return k.contain(ctx, mode) })
	sessionsSkipped := "Not requested"
	if revoke {
		sessionsSkipped += ", so OAuth tokens stay valid too (Okta revokes them only together with the sessions)"
	}
	k.run("clear_sessions", clear, sessionsSkipped, func() (string, error) {
		q := url.Values{"oauthTokens": {strconv.FormatBool(revoke)}}
		if _, err := c.Okta.Do(ctx, http.MethodDelete, u.Path("/sessions"), q, nil, nil); err != nil {
			return "", err
		}
		if revoke {
			return "Sessions cleared and OAuth tokens revoked", nil
		}
		return "Sessions cleared; OAuth tokens left valid as revoke_oauth_tokens is false", nil
	})
	if c.Params.Bool("universal_logout", false) {
		k.run("universal_logout", true, "", func() (string, error) { return logOut(ctx, c, u) })
	}
	k.run("reset_factors", c.Params.Bool("reset_factors", false), "Not requested", func() (string, error) {
		msg, _, err := resetAllFactors(ctx, c, u)
		return msg, err
	})
	k.run("expire_password", c.Params.Bool("expire_password", false), "Not requested", func() (string, error) {
		return "Password expired: the user has to change it at the next sign-in", k.post(ctx, "expire_password")
	})
	if c.Params.Bool("raise_risk", false) {
		k.run("raise_risk", true, "", func() (string, error) {
			_, msg, err := setRisk(ctx, c, u, "HIGH")
			return msg, err
		})
	}

	final := k.finalStatus(ctx)
	summary := k.summary()
	summary["user_id"], summary["status"] = u.ID, final
	if contained.Status == stepFailed {
		hint := ""
		if mode == "suspend" {
			hint = " (Okta suspends only ACTIVE users; mode deactivate also works in other statuses)"
		}
		return connector.Output{}, fmt.Errorf("containment failed: user %s could not be %s and is still %s%s. %s", u.Name(), pastTense(mode), final, hint, k.report())
	}
	msg := fmt.Sprintf("User %s is now %s", u.Name(), final)
	if failed := k.named(stepFailed); len(failed) > 0 {
		msg += ", but " + strings.Join(failed, " and ") + " failed"
	}
	data := make([]any, len(k.steps))
	for i, st := range k.steps {
		data[i] = st
	}
	return connector.Output{Message: msg + ". " + k.report(), Data: data, Summary: summary}, nil
}

// contain suspends or deactivates the user, unless their status already
// keeps them from signing in.
func (k *containment) contain(ctx context.Context, mode string) (string, error) {
	switch {
	case k.u.Status == "DEPROVISIONED":
		return "Already DEPROVISIONED (deactivated), nothing to do", nil
	case mode == "suspend" && k.u.Status == "SUSPENDED":
		return "Already SUSPENDED, nothing to do", nil
	}
	// mode is one of app.json's value_list, checked by the schema; the
	// operation in the path is still the connector's own word.
	op := "suspend"
	if mode == "deactivate" {
		op = "deactivate"
	}
	if err := k.post(ctx, op); err != nil {
		return "", err
	}
	return "User " + pastTense(mode), nil
}

func pastTense(mode string) string {
	if mode == "deactivate" {
		return "deactivated"
	}
	return "suspended"
}

// finalStatus re-reads the user to report the state the steps left them
// in.
func (k *containment) finalStatus(ctx context.Context) string {
	u, err := k.c.Okta.Reload(ctx, k.u)
	if err != nil {
		return "of unknown status (re-reading the user failed: " + connector.Describe(err) + ")"
	}
	return u.Status
}

// named lists the steps with this status.
func (k *containment) named(status string) []string {
	var out []string
	for _, st := range k.steps {
		if st.Status == status {
			out = append(out, st.Step)
		}
	}
	return out
}

// stepVerbs say a step's outcome in a report.
var stepVerbs = map[string]string{stepSuccess: "succeeded", stepFailed: "failed", stepSkipped: "skipped", stepPlanned: "planned"}

// report is every step's outcome in one sentence.
func (k *containment) report() string {
	parts := make([]string, len(k.steps))
	for i, st := range k.steps {
		parts[i] = fmt.Sprintf("%s %s: %s", st.Step, stepVerbs[st.Status], strings.TrimSuffix(st.Message, "."))
	}
	return "Steps: " + strings.Join(parts, "; ") + "."
}

// summary counts the steps by outcome.
func (k *containment) summary() map[string]any {
	return map[string]any{
		"steps_succeeded": len(k.named(stepSuccess)),
		"steps_failed":    len(k.named(stepFailed)),
		"steps_skipped":   len(k.named(stepSkipped)),
	}
}
