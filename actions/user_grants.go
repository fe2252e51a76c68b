package actions

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"

	"github.com/soar-okta/okta-connector/actions/internal/present"
	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/internal/textcut"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// A user's OAuth 2.0 consents and refresh tokens
// (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/UserOAuth/
// and .../tag/UserGrant/): what a consent-phishing app holds on a user.

// userGrants: GET /api/v1/users/{userId}/grants, every page.
var userGrants = userListing{
	suffix:     "/grants",
	paged:      true,
	summaryKey: "num_grants",
	message: func(u *oktaapi.User, items []json.RawMessage) string {
		return fmt.Sprintf("User %s has %s to OAuth 2.0 apps", u.Name(), present.Plural(len(items), "consent grant"))
	},
}

var listUserGrants = userGrants.handler()

// userClients: GET /api/v1/users/{userId}/clients, the OAuth 2.0 clients
// the user has a grant or a refresh token for (Okta does not page this
// list).
var userClients = userListing{
	suffix:     "/clients",
	summaryKey: "num_clients",
	message: func(u *oktaapi.User, items []json.RawMessage) string {
		return fmt.Sprintf("User %s has grants or refresh tokens for %s", u.Name(), present.Plural(len(items), "OAuth 2.0 client"))
	},
}

var listUserClients = userClients.handler()

// revokeUserGrants: DELETE /api/v1/users/{userId}/grants, after a listing
// that finds how many there are; a user with none is left as they are.
func revokeUserGrants(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.User(ctx, "user_id")
	if err != nil {
		return connector.Output{}, err
	}
	grants, err := userGrants.items(ctx, c, u)
	if err != nil {
		return connector.Output{}, err
	}
	summary := map[string]any{"user_id": u.ID, "num_grants": len(grants)}
	if len(grants) == 0 {
		return connector.Output{Message: fmt.Sprintf("User %s has no consent grants: nothing to revoke", u.Name()), Summary: summary}, nil
	}
	if _, err := c.Okta.Do(ctx, http.MethodDelete, u.Path("/grants"), nil, nil, nil); err != nil {
		return connector.Output{}, err
	}
	return connector.Output{
		Message: fmt.Sprintf("Revoked %s of user %s: those apps must ask the user's consent again", present.Plural(len(grants), "consent grant"), u.Name()),
		Data:    present.Objects(grants),
		Summary: summary,
	}, nil
}

// oauthClient is the part of a client of the user's that handlers decide
// on.
type oauthClient struct {
	ID   string `json:"client_id"`
	Name string `json:"client_name"`
}

// Label names the client in messages: name and id.
func (cl oauthClient) Label() string {
	if cl.Name == "" {
		return cl.ID
	}
	return fmt.Sprintf("%q (%s)", cl.Name, cl.ID)
}

// resolveUserClient finds the OAuth 2.0 client the parameter names among
// the user's clients, by client id or exact client name. An id that is
// not among them (the user holds nothing for it) is taken as it is; Okta
// then says whether such a client exists.
func resolveUserClient(ctx context.Context, c *connector.Call, u *oktaapi.User, param string) (oauthClient, oktaapi.ID, error) {
	ref := c.Params.String(param)
	raws, err := userClients.items(ctx, c, u)
	if err != nil {
		return oauthClient{}, oktaapi.ID{}, err
	}
	clients := make([]oauthClient, len(raws))
	candidates := make([]oktaapi.Named, len(raws))
	for i, raw := range raws {
		if err := json.Unmarshal(raw, &clients[i]); err != nil {
			return oauthClient{}, oktaapi.ID{}, fmt.Errorf("Okta's OAuth 2.0 client object could not be read: %w", err)
		}
		candidates[i] = oktaapi.Named{ID: clients[i].ID, Name: clients[i].Name}
	}
	i := slices.IndexFunc(clients, func(cl oauthClient) bool { return cl.ID == ref })
	if i < 0 && slices.ContainsFunc(clients, func(cl oauthClient) bool { return cl.Name == ref }) {
		if i, err = oktaapi.PickExact("OAuth 2.0 client", param, ref, candidates); err != nil {
			return oauthClient{}, oktaapi.ID{}, err
		}
	}
	if i >= 0 {
		id, err := oktaapi.CheckReturnedID(http.MethodDelete, clients[i].ID)
		return clients[i], id, err
	}
	id, err := oktaapi.CheckID(param, ref)
	if err != nil {
		return oauthClient{}, oktaapi.ID{}, fmt.Errorf("user %s has no OAuth 2.0 client with the id or name %s (parameter %q): list user clients gives the clients the user has grants or tokens for", u.Name(), textcut.QuoteValue(ref), param)
	}
	return oauthClient{ID: ref}, id, nil
}

// revokeUserClientTokens: DELETE
// /api/v1/users/{userId}/clients/{clientId}/tokens, every refresh token
// the client holds for the user, after a listing that finds how many there
// are; none is a success with nothing to do.
func revokeUserClientTokens(ctx context.Context, c *connector.Call) (connector.Output, error) {
	u, err := c.User(ctx, "user_id")
	if err != nil {
		return connector.Output{}, err
	}
	cl, id, err := resolveUserClient(ctx, c, u, "client_id")
	if err != nil {
		return connector.Output{}, err
	}
	path := u.Path("/clients/{}/tokens", id)
	tokens, err := c.Okta.List(ctx, path, nil, 0)
	switch {
	case oktaapi.IsNotFound(err):
		return connector.Output{}, fmt.Errorf("no OAuth 2.0 client has the id or name %s (parameter \"client_id\"): list user clients gives the clients user %s has grants or tokens for", textcut.QuoteValue(cl.ID), u.Name())
	case err != nil:
		return connector.Output{}, err
	}
	summary := map[string]any{"user_id": u.ID, "client_id": cl.ID, "num_tokens": len(tokens)}
	if len(tokens) == 0 {
		return connector.Output{Message: fmt.Sprintf("User %s has no refresh tokens from client %s: nothing to revoke", u.Name(), cl.Label()), Summary: summary}, nil
	}
	if _, err := c.Okta.Do(ctx, http.MethodDelete, path, nil, nil, nil); err != nil {
		return connector.Output{}, err
	}
	return connector.Output{
		Message: fmt.Sprintf("Revoked %s of user %s from client %s: the client can no longer renew the user's access tokens", present.Plural(len(tokens), "refresh token"), u.Name(), cl.Label()),
		Data:    present.Objects(tokens),
		Summary: summary,
	}, nil
}
