package connector

import (
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
}

// ResolveUser finds the user a parameter names by id or login. A value that
// is safe as a path segment is looked up directly (Okta resolves ids, logins
// and login short names on GET /api/v1/users/{id}); any other value is
// looked up by an exact login filter, quoted as an Okta string literal, so
// it never reaches a URL path. Either way the user found must be the one
// the value names: its id, its login or its login's short name, letter case
// aside. Okta also resolves aliases such as "me" (the account that owns the
// connector's credentials); an alias from alert data must never turn an
// action on the connector's own admin, so "me" is refused before any
// request and any other answer that is not the named user is refused.
func (o *Okta) ResolveUser(ctx context.Context, param, ref string) (*User, error) {
	ref = strings.TrimSpace(ref)
	if isSelfAlias(ref) {
		return nil, fmt.Errorf("%s %s is not a user: Okta reads it as the account that owns the connector's own credentials; give the user's id or login", param, textcut.QuoteValue(ref))
	}
	var raw json.RawMessage
	if IsPathSafe(ref) {
		if err := o.Get(ctx, Path("/api/v1/users/{}", ref), nil, &raw); err != nil {
			return nil, err
		}
	} else {
		lit, err := QuoteLiteral(param, ref)
		if err != nil {
			return nil, err
		}
		found, err := o.List(ctx, "/api/v1/users", url.Values{"filter": {"profile.login eq " + lit}}, 2)
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

func (u *User) oktaID() string           { return u.ID }
func (u *User) keep(raw json.RawMessage) { u.Raw = raw }

// Name is how messages name the user: login and id.
func (u *User) Name() string {
	if u.Profile.Login == "" {
		return u.ID
	}
	return fmt.Sprintf("%s (%s)", u.Profile.Login, u.ID)
}

// UserPath is the path of a sub-resource of a resolved user.
func (u *User) Path(suffix string, segments ...string) string {
	return Path("/api/v1/users/{}"+suffix, append([]string{u.ID}, segments...)...)
}

// Objects turns raw JSON items into data entries.
func Objects(items []json.RawMessage) []any {
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = it
	}
	return out
}
