package actions

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// Trusted origins (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/TrustedOrigin/):
// the websites Okta lets call its APIs from a browser (CORS), redirect to
// it after sign-in and sign-out, and embed its sign-in page.

var trustedOriginsPath = oktaapi.PathOf("/api/v1/trustedOrigins")

// listTrustedOrigins: GET /api/v1/trustedOrigins.
var listTrustedOrigins = listing{
	path:       trustedOriginsPath,
	query:      map[string]string{"query": "q", "filter": "filter"},
	summaryKey: "num_origins",
	noun:       "trusted origins",
}.handler()

var trustedOriginKind = listedKind{noun: "trusted origin", path: trustedOriginsPath}

// trustedOrigin is the part of a trusted origin messages name.
type trustedOrigin struct {
	Origin string `json:"origin"`
	Scopes []struct {
		Type string `json:"type"`
	} `json:"scopes"`
}

// grants says what an origin's scopes let it do, for messages.
func (t trustedOrigin) grants() string {
	what := map[string]string{
		"CORS":         "call Okta's APIs from a browser",
		"REDIRECT":     "receive redirects after sign-in and sign-out",
		"IFRAME_EMBED": "embed Okta's sign-in page",
	}
	var out []string
	for _, s := range t.Scopes {
		if w, ok := what[s.Type]; ok {
			out = append(out, w)
		} else {
			out = append(out, s.Type)
		}
	}
	switch len(out) {
	case 0:
		return "do anything"
	case 1:
		return out[0]
	}
	return strings.Join(out[:len(out)-1], ", ") + " or " + out[len(out)-1]
}

// deleteTrustedOrigin: DELETE /api/v1/trustedOrigins/{trustedOriginId}, by
// the origin's id or exact name. The origin as it was is the result's
// data, for the record.
func deleteTrustedOrigin(ctx context.Context, c *connector.Call) (connector.Output, error) {
	o, err := trustedOriginKind.find(ctx, c, "origin_id")
	if err != nil {
		return connector.Output{}, err
	}
	var t trustedOrigin
	if err := json.Unmarshal(o.raw, &t); err != nil {
		return connector.Output{}, fmt.Errorf("Okta's trusted origin object could not be read: %w", err)
	}
	out := connector.Output{
		Data:    []any{o.raw},
		Summary: map[string]any{"origin_id": o.ID, "origin_name": o.Name, "origin": t.Origin},
	}
	_, err = c.Okta.Do(ctx, http.MethodDelete, oktaapi.PathOf("/api/v1/trustedOrigins/{}", o.ref), nil, nil, nil)
	switch {
	case oktaapi.IsNotFound(err):
		out.Message = fmt.Sprintf("Trusted origin %s for %s was already deleted: nothing to do", o.Label(), t.Origin)
		return out, nil
	case err != nil:
		return connector.Output{}, err
	}
	out.Message = fmt.Sprintf("Trusted origin %s deleted: %s may no longer %s", o.Label(), t.Origin, t.grants())
	return out, nil
}
