package connector

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
)

// App is a resolved Okta application: the fields handlers decide on, and
// the whole object as Okta returned it.
type App struct {
	ID         string          `json:"id"`
	Name       string          `json:"name"`
	Label      string          `json:"label"`
	Status     string          `json:"status"`
	SignOnMode string          `json:"signOnMode"`
	Raw        json.RawMessage `json:"-"`
}

var appKind = namedKind{
	noun:     "app",
	itemPath: "/api/v1/apps/{}",
	listPath: "/api/v1/apps",
	byName: func(param, ref string) (url.Values, error) {
		// q is a plain prefix, not an expression; the check still refuses
		// control characters and oversized values.
		if _, err := QuoteLiteral(param, ref); err != nil {
			return nil, err
		}
		return url.Values{"q": {ref}}, nil
	},
	named: func(raw json.RawMessage) Named {
		var a App
		_ = json.Unmarshal(raw, &a)
		return Named{ID: a.ID, Name: a.Label}
	},
}

// ResolveApp finds the application a parameter names by its id or its exact
// label (GET /api/v1/apps/{id}, then a q search on the label). Several apps
// with that label are an error listing their ids.
func (o *Okta) ResolveApp(ctx context.Context, param, ref string) (*App, error) {
	return resolveAs[App](ctx, o, appKind, param, ref)
}

func (a *App) oktaID() string           { return a.ID }
func (a *App) keep(raw json.RawMessage) { a.Raw = raw }

// Describe is how messages name the app: label and id.
func (a *App) Describe() string {
	return fmt.Sprintf("%q (%s)", a.Label, a.ID)
}

// Path is the path of a sub-resource of the app.
func (a *App) Path(suffix string, segments ...string) string {
	return Path("/api/v1/apps/{}"+suffix, append([]string{a.ID}, segments...)...)
}
