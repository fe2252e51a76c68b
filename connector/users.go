package connector

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
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
// it never reaches a URL path.
func (o *Okta) ResolveUser(ctx context.Context, param, ref string) (*User, error) {
	ref = strings.TrimSpace(ref)
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
			return nil, fmt.Errorf("no Okta user has the id or login %s", quoteForMessage(ref))
		case 1:
			raw = found[0]
		default:
			return nil, fmt.Errorf("more than one Okta user matches the login %s; give the user id instead", quoteForMessage(ref))
		}
	}
	return decodeUser(raw)
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
