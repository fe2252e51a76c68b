package actions

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// listAppUsers: GET /api/v1/apps/{appId}/users, up to limit.
func listAppUsers(ctx context.Context, c *connector.Call) (connector.Output, error) {
	a, err := c.App(ctx, "app_id")
	if err != nil {
		return connector.Output{}, err
	}
	return listUsersBelow(ctx, c, a.Path("/users"), "App "+a.Describe(), "assigned users", "app_id", a.ID)
}

// appUser is the part of an app assignment handlers decide on.
type appUser struct {
	Scope       string `json:"scope"`
	Status      string `json:"status"`
	Credentials struct {
		UserName string `json:"userName"`
	} `json:"credentials"`
	Profile map[string]any `json:"profile"`
	raw     json.RawMessage
}

// appAssignment is an app, a user, and the user's assignment to the app
// (nil when the user is not assigned).
type appAssignment struct {
	app      *oktaapi.App
	user     *oktaapi.User
	assigned *appUser
}

// resolveAssignment resolves app_id and user_id and fetches the
// assignment: GET /api/v1/apps/{appId}/users/{userId}, where 404 means
// not assigned.
func resolveAssignment(ctx context.Context, c *connector.Call) (*appAssignment, error) {
	a, err := c.App(ctx, "app_id")
	if err != nil {
		return nil, err
	}
	u, err := c.User(ctx, "user_id")
	if err != nil {
		return nil, err
	}
	t := &appAssignment{app: a, user: u}
	var raw json.RawMessage
	err = c.Okta.Get(ctx, t.path(), nil, &raw)
	switch {
	case oktaapi.IsNotFound(err):
		return t, nil
	case err != nil:
		return nil, err
	}
	au := &appUser{raw: raw}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // profile numbers go back to Okta unchanged
	if err := dec.Decode(au); err != nil {
		return nil, fmt.Errorf("Okta's app user object could not be read: %w", err)
	}
	t.assigned = au
	return t, nil
}

func (t *appAssignment) path() oktaapi.Path { return t.app.Path("/users/{}", t.user.Ref()) }

func (t *appAssignment) summary() map[string]any {
	s := map[string]any{"app_id": t.app.ID, "app_label": t.app.Label, "user_id": t.user.ID, "user_name": t.user.Profile.Login}
	if t.assigned != nil {
		s["scope"], s["status"] = t.assigned.Scope, t.assigned.Status
	}
	return s
}

// output is a success whose data is the app user Okta returned.
func (t *appAssignment) output(msg string, raw json.RawMessage) connector.Output {
	var au appUser
	if json.Unmarshal(raw, &au) == nil && au.Scope != "" {
		t.assigned = &au
	}
	return connector.Output{Message: msg, Data: []any{raw}, Summary: t.summary()}
}

// getAppUser: the user's assignment to the app.
func getAppUser(ctx context.Context, c *connector.Call) (connector.Output, error) {
	t, err := resolveAssignment(ctx, c)
	if err != nil {
		return connector.Output{}, err
	}
	if t.assigned == nil {
		return connector.Output{}, fmt.Errorf("user %s is not assigned to app %s", t.user.Name(), t.app.Describe())
	}
	return t.output(fmt.Sprintf("User %s is assigned to app %s with scope %s, status %s", t.user.Name(), t.app.Describe(), t.assigned.Scope, t.assigned.Status), t.assigned.raw), nil
}

// appChanges reads the optional username, password and profile
// parameters: the credentials object (nil when neither credential is
// given) and the profile (nil when not given).
func appChanges(c *connector.Call) (credentials, profile map[string]any, err error) {
	profile, err = c.Params.Object("profile")
	if err != nil {
		return nil, nil, err
	}
	if name := c.Params.String("username"); name != "" {
		credentials = map[string]any{"userName": name}
	}
	if pw := c.Params.Raw("password"); pw != "" {
		if credentials == nil {
			credentials = map[string]any{}
		}
		credentials["password"] = map[string]any{"value": pw}
	}
	return credentials, profile, nil
}

// assignUserToApp: POST /api/v1/apps/{appId}/users with a direct (USER
// scope) assignment. A user already assigned is reported as a success
// with the assignment unchanged.
func assignUserToApp(ctx context.Context, c *connector.Call) (connector.Output, error) {
	credentials, profile, err := appChanges(c)
	if err != nil {
		return connector.Output{}, err
	}
	t, err := resolveAssignment(ctx, c)
	if err != nil {
		return connector.Output{}, err
	}
	if t.assigned != nil {
		msg := fmt.Sprintf("User %s is already assigned to app %s with scope %s, status %s: nothing changed", t.user.Name(), t.app.Describe(), t.assigned.Scope, t.assigned.Status)
		if credentials != nil || profile != nil {
			msg += "; run update app user to change the app username, password or profile"
		}
		return t.output(msg, t.assigned.raw), nil
	}
	body := map[string]any{"id": t.user.ID, "scope": "USER"}
	if credentials != nil {
		body["credentials"] = credentials
	}
	if profile != nil {
		body["profile"] = profile
	}
	var created json.RawMessage
	if _, err := c.Okta.Do(ctx, http.MethodPost, t.app.Path("/users"), nil, body, &created); err != nil {
		return connector.Output{}, err
	}
	return t.output(fmt.Sprintf("User %s assigned to app %s", t.user.Name(), t.app.Describe()), created), nil
}

// updateAppUser: POST /api/v1/apps/{appId}/users/{userId}. Okta replaces
// the app profile with the one sent, so the given attributes are merged
// into the current profile first.
func updateAppUser(ctx context.Context, c *connector.Call) (connector.Output, error) {
	credentials, profile, err := appChanges(c)
	if err != nil {
		return connector.Output{}, err
	}
	if credentials == nil && profile == nil {
		return connector.Output{}, fmt.Errorf("nothing to update: give username, password or profile")
	}
	t, err := resolveAssignment(ctx, c)
	if err != nil {
		return connector.Output{}, err
	}
	if t.assigned == nil {
		return connector.Output{}, fmt.Errorf("user %s is not assigned to app %s: run assign user to app instead", t.user.Name(), t.app.Describe())
	}
	body := map[string]any{}
	var changed []string
	if credentials != nil {
		body["credentials"] = credentials
		for k := range credentials {
			changed = append(changed, "credentials."+k)
		}
	}
	if profile != nil {
		merged := map[string]any{}
		for k, v := range t.assigned.Profile {
			merged[k] = v
		}
		for k, v := range profile {
			merged[k] = v
			changed = append(changed, "profile."+k)
		}
		body["profile"] = merged
	}
	sort.Strings(changed)
	var updated json.RawMessage
	if _, err := c.Okta.Do(ctx, http.MethodPost, t.path(), nil, body, &updated); err != nil {
		return connector.Output{}, err
	}
	return t.output(fmt.Sprintf("App user %s of app %s updated: %s", t.user.Name(), t.app.Describe(), strings.Join(changed, ", ")), updated), nil
}

// removeUserFromApp: DELETE /api/v1/apps/{appId}/users/{userId}. A user
// who is not assigned is reported as a success; an assignment that comes
// from a group is refused, since Okta keeps it while the membership lasts.
func removeUserFromApp(ctx context.Context, c *connector.Call) (connector.Output, error) {
	t, err := resolveAssignment(ctx, c)
	if err != nil {
		return connector.Output{}, err
	}
	if t.assigned == nil {
		return connector.Output{Message: fmt.Sprintf("User %s is not assigned to app %s: nothing to do", t.user.Name(), t.app.Describe()), Summary: t.summary()}, nil
	}
	viaGroup := fmt.Errorf("user %s has app %s through a group assigned to the app, and Okta keeps that assignment while the membership lasts: remove the user from the group (remove group user), or unassign the group from the app", t.user.Name(), t.app.Describe())
	if t.assigned.Scope == "GROUP" {
		return connector.Output{}, viaGroup
	}
	q := url.Values{"sendEmail": {strconv.FormatBool(c.Params.Bool("send_email", false))}}
	_, err = c.Okta.Do(ctx, http.MethodDelete, t.path(), q, nil, nil)
	switch {
	case oktaapi.IsAPIError(err, http.StatusForbidden, "E0000046"):
		return connector.Output{}, fmt.Errorf("%w (Okta error E0000046)", viaGroup)
	case err != nil:
		return connector.Output{}, err
	}
	return connector.Output{Message: fmt.Sprintf("User %s removed from app %s", t.user.Name(), t.app.Describe()), Summary: t.summary()}, nil
}
