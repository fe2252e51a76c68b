package oktaapi

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

	ref ID
}

var appKind = namedKind{
	noun:     "app",
	itemPath: "/api/v1/apps/{}",
	listPath: PathOf("/api/v1/apps"),
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

// ResolveApp finds the application ref (the value of the parameter
// param, trimmed) names by its id or its exact label (GET
// /api/v1/apps/{id}, then a q search on the label). Several apps with that
// label are an error listing their ids.
func (c *Client) ResolveApp(ctx context.Context, param, ref string) (*App, error) {
	return resolveAs[App](ctx, c, appKind, param, ref)
}

func (a *App) oktaID() string                   { return a.ID }
func (a *App) keep(ref ID, raw json.RawMessage) { a.ref, a.Raw = ref, raw }

// Ref is the app's id, checked for paths.
func (a *App) Ref() ID { return a.ref }

// Describe is how messages name the app: label and id.
func (a *App) Describe() string {
	return fmt.Sprintf("%q (%s)", a.Label, a.ID)
}

// Path is the path of the app or of a sub-resource of it: suffix is a
// template such as "/users/{}", filled with ids.
func (a *App) Path(suffix string, ids ...ID) Path {
	return PathOf("/api/v1/apps/{}"+suffix, append([]ID{a.ref}, ids...)...)
}
