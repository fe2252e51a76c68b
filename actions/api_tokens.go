package actions

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// API tokens (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApiToken/).

// apiTokensPath is the org's API tokens. Okta answers with all of them at
// once: the description gives the listing no paging parameters.
var apiTokensPath = oktaapi.PathOf("/api/v1/api-tokens")

var apiTokenKind = listedKind{noun: "API token", path: apiTokensPath, all: allAPITokens}

// allAPITokens: GET /api/v1/api-tokens.
func allAPITokens(ctx context.Context, c *connector.Call) ([]json.RawMessage, error) {
	var tokens []json.RawMessage
	if err := c.Okta.Get(ctx, apiTokensPath, nil, &tokens); err != nil {
		return nil, err
	}
	return tokens, nil
}

// listAPITokens lists the org's API tokens: their names, owners, network
// restrictions and expiry, never their values.
func listAPITokens(ctx context.Context, c *connector.Call) (connector.Output, error) {
	tokens, err := allAPITokens(ctx, c)
	if err != nil {
		return connector.Output{}, err
	}
	return counted(tokens, "num_tokens", "API tokens"), nil
}

// apiToken is the part of a token revoke api token decides on.
type apiToken struct {
	UserID string `json:"userId"`
}

// revokeAPIToken: DELETE /api/v1/api-tokens/{apiTokenId}, by the token's id
// or exact name. A token the connector's own account owns is refused
// (ownToken).
func revokeAPIToken(ctx context.Context, c *connector.Call) (connector.Output, error) {
	t, err := apiTokenKind.find(ctx, c, "token_id")
	if err != nil {
		return connector.Output{}, err
	}
	var owner apiToken
	if err := json.Unmarshal(t.raw, &owner); err != nil {
		return connector.Output{}, fmt.Errorf("Okta's API token object could not be read: %w", err)
	}
	if err := refuseOwnToken(ctx, c, t, owner.UserID); err != nil {
		return connector.Output{}, err
	}
	summary := map[string]any{"token_id": t.ID, "token_name": t.Name, "user_id": owner.UserID}
	out := connector.Output{Data: []any{t.raw}, Summary: summary}
	_, err = c.Okta.Do(ctx, http.MethodDelete, oktaapi.PathOf("/api/v1/api-tokens/{}", t.ref), nil, nil, nil)
	switch {
	case oktaapi.IsNotFound(err):
		out.Message = fmt.Sprintf("API token %s of user %s was already revoked: nothing to do", t.Label(), owner.UserID)
		return out, nil
	case err != nil:
		return connector.Output{}, err
	}
	out.Message = fmt.Sprintf("API token %s of user %s revoked: requests that carry it are now refused", t.Label(), owner.UserID)
	return out, nil
}

// refuseOwnToken refuses to revoke a token that may be the one the
// connector authenticates with. Okta says which account a token belongs to
// (userId) but offers no way to read the id of the token a request
// carries, so with an API token every token of the connector's own
// account (GET /api/v1/users/me) is refused: revoking the connector's
// token would cut it off in the middle of a response, and a token of that
// account can be revoked deliberately in the Admin Console. With OAuth 2.0
// the connector holds no API token, and nothing is refused.
func refuseOwnToken(ctx context.Context, c *connector.Call, t *listedObject, ownerID string) error {
	if c.Settings.AuthMode != connector.AuthAPIToken {
		return nil
	}
	var me struct {
		ID      string `json:"id"`
		Profile struct {
			Login string `json:"login"`
		} `json:"profile"`
	}
	if err := c.Okta.Get(ctx, oktaapi.PathOf("/api/v1/users/me"), nil, &me); err != nil {
		return fmt.Errorf("could not read the account the connector's API token belongs to, which revoke api token checks so as never to revoke the connector's own token: %w", err)
	}
	if me.ID == "" || ownerID != me.ID {
		return nil
	}
	return fmt.Errorf("refused to revoke API token %s: it belongs to %s (%s), the account the connector's own API token belongs to, so it may be the token this connector uses (Okta cannot tell which token a request carries), and revoking it would cut the connector off; if revoking it is intended, do it in the Okta Admin Console (Security > API > Tokens)", t.Label(), me.Profile.Login, me.ID)
}
