package actions

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// listApps: GET /api/v1/apps (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Application/#tag/Application/operation/listApplications)
var listApps = listing{
	path:       oktaapi.PathOf("/api/v1/apps"),
	query:      map[string]string{"query": "q", "filter": "filter"},
	summaryKey: "num_apps",
	noun:       "apps",
	paged:      true,
}.handler()

// appSummary is the summary of an action on one app.
func appSummary(a *oktaapi.App) map[string]any {
	return map[string]any{"app_id": a.ID, "app_label": a.Label, "status": a.Status, "sign_on_mode": a.SignOnMode}
}

// getApp: GET /api/v1/apps/{appId}, by id or exact label.
func getApp(ctx context.Context, c *connector.Call) (connector.Output, error) {
	a, err := c.App(ctx, "app_id")
	if err != nil {
		return connector.Output{}, err
	}
	return connector.Output{
		Message: fmt.Sprintf("App %s is %s (sign-on mode %s)", a.Describe(), a.Status, a.SignOnMode),
		Data:    []any{a.Raw},
		Summary: appSummary(a),
	}, nil
}

// appTransition is a lifecycle operation on an app:
// POST /api/v1/apps/{appId}/lifecycle/{operation}, unless the app is
// already in the status it leads to.
type appTransition struct {
	operation string // "activate" or "deactivate"
	doneWhen  string // the status in which there is nothing to do
	done      string // past participle for the message
}

func (t appTransition) handler() connector.Handler {
	return func(ctx context.Context, c *connector.Call) (connector.Output, error) {
		a, err := c.App(ctx, "app_id")
		if err != nil {
			return connector.Output{}, err
		}
		summary := appSummary(a)
		if a.Status == t.doneWhen {
			return connector.Output{Message: fmt.Sprintf("App %s is already %s: nothing to do", a.Describe(), t.doneWhen), Summary: summary}, nil
		}
		if _, err := c.Okta.Do(ctx, http.MethodPost, a.Path("/lifecycle/"+t.operation), nil, nil, nil); err != nil {
			return connector.Output{}, err
		}
		summary["status"] = t.doneWhen
		return connector.Output{Message: fmt.Sprintf("App %s %s", a.Describe(), t.done), Summary: summary}, nil
	}
}

var (
	activateApp   = appTransition{operation: "activate", doneWhen: "ACTIVE", done: "activated"}.handler()
	deactivateApp = appTransition{operation: "deactivate", doneWhen: "INACTIVE", done: "deactivated: its users can no longer sign in to it"}.handler()
)

// deleteApp: DELETE /api/v1/apps/{appId}. Okta deletes only inactive apps.
func deleteApp(ctx context.Context, c *connector.Call) (connector.Output, error) {
	a, err := c.App(ctx, "app_id")
	if err != nil {
		return connector.Output{}, err
	}
	activeErr := fmt.Errorf("app %s is %s and Okta deletes only inactive apps: run deactivate app on it first, then delete app", a.Describe(), a.Status)
	if a.Status == "ACTIVE" {
		return connector.Output{}, activeErr
	}
	_, err = c.Okta.Do(ctx, http.MethodDelete, a.Path(""), nil, nil, nil)
	switch {
	case oktaapi.IsAPIError(err, http.StatusForbidden, "E0000056"):
		return connector.Output{}, fmt.Errorf("%w (Okta error E0000056)", activeErr)
	case err != nil:
		return connector.Output{}, err
	}
	return connector.Output{
		Message: fmt.Sprintf("App %s deleted, with its user and group assignments", a.Describe()),
		Summary: map[string]any{"app_id": a.ID, "app_label": a.Label},
	}, nil
}

// assignGroupToApp: PUT /api/v1/apps/{appId}/groups/{groupId}, unless the
// group is already assigned (GET of the assignment answers 200).
func assignGroupToApp(ctx context.Context, c *connector.Call) (connector.Output, error) {
	g, err := c.Group(ctx, "group_id")
	if err != nil {
		return connector.Output{}, err
	}
	a, err := c.App(ctx, "app_id")
	if err != nil {
		return connector.Output{}, err
	}
	summary := map[string]any{"app_id": a.ID, "app_label": a.Label, "group_id": g.ID, "group_name": g.Profile.Name}
	path := a.Path("/groups/{}", g.Ref())
	var assignment json.RawMessage
	err = c.Okta.Get(ctx, path, nil, &assignment)
	switch {
	case err == nil:
		return connector.Output{
			Message: fmt.Sprintf("Group %s is already assigned to app %s: nothing to do", g.Name(), a.Describe()),
			Data:    []any{assignment},
			Summary: summary,
		}, nil
	case !oktaapi.IsNotFound(err):
		return connector.Output{}, err
	}
	if _, err := c.Okta.Do(ctx, http.MethodPut, path, nil, map[string]any{}, &assignment); err != nil {
		return connector.Output{}, err
	}
	return connector.Output{
		Message: fmt.Sprintf("Group %s assigned to app %s: its members can now use the app", g.Name(), a.Describe()),
		Data:    []any{assignment},
		Summary: summary,
	}, nil
}
