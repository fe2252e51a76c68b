package actions

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// Identity providers (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/IdentityProvider/).

var idpKind = listedKind{noun: "identity provider", path: oktaapi.PathOf("/api/v1/idps")}

func idpSummary(p *listedObject) map[string]any {
	return map[string]any{"idp_id": p.ID, "idp_name": p.Name, "idp_type": p.Type, "status": p.Status}
}

// deactivateIdP: POST /api/v1/idps/{idpId}/lifecycle/deactivate, by the
// provider's id or exact name, unless it is already INACTIVE. Users can
// then no longer sign in through it, nor be provisioned by it.
func deactivateIdP(ctx context.Context, c *connector.Call) (connector.Output, error) {
	p, err := idpKind.find(ctx, c, "idp_id")
	if err != nil {
		return connector.Output{}, err
	}
	if p.Status == "INACTIVE" {
		return connector.Output{
			Message: fmt.Sprintf("Identity provider %s of type %s is already INACTIVE: nothing to do", p.Label(), p.Type),
			Data:    []any{p.raw},
			Summary: idpSummary(p),
		}, nil
	}
	var raw json.RawMessage
	if _, err := c.Okta.Do(ctx, http.MethodPost, oktaapi.PathOf("/api/v1/idps/{}/lifecycle/deactivate", p.ref), nil, nil, &raw); err != nil {
		return connector.Output{}, err
	}
	after, err := idpKind.decode(raw)
	if err != nil {
		return connector.Output{}, err
	}
	return connector.Output{
		Message: fmt.Sprintf("Identity provider %s of type %s deactivated: users can no longer sign in through it, and it provisions no one; its status is now %s", after.Label(), after.Type, after.Status),
		Data:    []any{after.raw},
		Summary: idpSummary(after),
	}, nil
}
