package oktaapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/soar-okta/okta-connector/internal/textcut"
)

// User is a resolved Okta user: the fields handlers decide on, and the
// whole object as Okta returned it.
type User struct {
	ID      string `json:"id"`
	Status  string `json:"status"`
	Profile struct {
		Login     string `json:"login"`
		Email     string `json:"email"`
		FirstName string `json:"firstName"`
		LastName  string `json:"lastName"`
	} `json:"profile"`
	Raw json.RawMessage `json:"-"`

	ref ID
}

// ResolveUser finds the user ref (the value of the parameter param,
// trimmed) names by id or login. A value CheckID accepts is looked up
// directly (Okta resolves ids, logins
// and login short names on GET /api/v1/users/{id}); any other value is
// looked up by an exact login filter, quoted as an Okta string literal, so
// it never reaches a URL path. Either way the user found must be the one
// the value names: its id, its login or its login's short name, letter case
// aside. Okta also resolves aliases such as "me" (the account that owns the
// connector's credentials); an alias from alert data must never turn an
// action on the connector's own admin, so "me" is refused before any
// request and any other answer that is not the named user is refused.
func (c *Client) ResolveUser(ctx context.Context, param, ref string) (*User, error) {
	if isSelfAlias(ref) {
		return nil, fmt.Errorf("%s %s is not a user: Okta reads it as the account that owns the connector's own credentials; give the user's id or login", param, textcut.QuoteValue(ref))
	}
	var raw json.RawMessage
	if id, err := CheckID(param, ref); err == nil {
		if err := c.Get(ctx, PathOf("/api/v1/users/{}", id), nil, &raw); err != nil {
			return nil, err
		}
	} else {
		lit, err := QuoteLiteral(param, ref)
		if err != nil {
			return nil, err
		}
		found, err := c.List(ctx, PathOf("/api/v1/users"), url.Values{"filter": {"profile.login eq " + lit}}, 2)
		if err != nil {
			return nil, err
		}
		switch len(found) {
		case 0:
			return nil, fmt.Errorf("no Okta user has the id or login %s", textcut.QuoteValue(ref))
		case 1:
			raw = found[0]
		default:
			return nil, fmt.Errorf("more than one Okta user matches the login %s; give the user id instead", textcut.QuoteValue(ref))
		}
	}
	u, err := decodeUser(raw)
	if err != nil {
		return nil, err
	}
	if !u.isNamedBy(ref) {
		return nil, fmt.Errorf("Okta answered %s %s with the user %s, whose id, login and login short name all differ from it; nothing was done to that user", param, textcut.QuoteValue(ref), u.Name())
	}
	return u, nil
}

// isSelfAlias reports whether ref is Okta's alias for the account that owns
// the credentials, in any letter case.
func isSelfAlias(ref string) bool { return strings.EqualFold(ref, "me") }

// isNamedBy reports whether ref names u: its id exactly, or its login or the
// login's short name (before "@") ignoring letter case, as Okta matches them.
func (u *User) isNamedBy(ref string) bool {
	if ref == u.ID || strings.EqualFold(ref, u.Profile.Login) {
		return true
	}
	short, _, found := strings.Cut(u.Profile.Login, "@")
	return found && strings.EqualFold(ref, short)
}

func decodeUser(raw json.RawMessage) (*User, error) { return decodeAs[User]("user", raw) }

func (u *User) oktaID() string                   { return u.ID }
func (u *User) keep(ref ID, raw json.RawMessage) { u.ref, u.Raw = ref, raw }

// Ref is the user's id, checked for paths.
func (u *User) Ref() ID { return u.ref }

// Reload reads u again (after a change), as ResolveUser finds it by its id.
func (c *Client) Reload(ctx context.Context, u *User) (*User, error) {
	return c.ResolveUser(ctx, "user_id", u.ID)
}

// Name is how messages name the user: login and id.
func (u *User) Name() string {
	if u.Profile.Login == "" {
		return u.ID
	}
	return fmt.Sprintf("%s (%s)", u.Profile.Login, u.ID)
}

// Path is the path of the user or of a sub-resource of it: suffix is a
// template such as "/roles/{}", filled with ids.
func (u *User) Path(suffix string, ids ...ID) Path {
	return PathOf("/api/v1/users/{}"+suffix, append([]ID{u.ref}, ids...)...)
}

// DecodeUser reads a user object Okta returned (a created or updated
// user).
func DecodeUser(raw json.RawMessage) (*User, error) { return decodeUser(raw) }

// Attributes decodes the user's profile; numbers keep their exact text.
func (u *User) Attributes() (map[string]any, error) {
	var whole struct {
		Profile map[string]any `json:"profile"`
	}
	dec := json.NewDecoder(bytes.NewReader(u.Raw))
	dec.UseNumber()
	if err := dec.Decode(&whole); err != nil {
		return nil, fmt.Errorf("Okta's user object could not be read: %w", err)
	}
	if whole.Profile == nil {
		whole.Profile = map[string]any{}
	}
	return whole.Profile, nil
}
