package oktaapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/soar-okta/okta-connector/internal/textcut"
)

// namedKind says how objects of one kind are found from a parameter that
// holds either an Okta id or the object's exact name.
type namedKind struct {
	noun     string // for messages: "group", "app"
	itemPath string // the object by id, one "{}" placeholder
	listPath Path   // the collection searched by name
	// byName returns the collection query that finds the candidates
	// named ref (checked and quoted as needed).
	byName func(param, ref string) (url.Values, error)
	// named reads a candidate's id and name.
	named func(raw json.RawMessage) Named
}

// resolveNamed returns the one object ref names. A ref that CheckID
// accepts is first fetched as an id; when Okta answers 404, or when ref
// could not stand in a path, the collection is searched by name and
// exactly one candidate must carry that exact name. Any other ref never
// reaches a path.
func (c *Client) resolveNamed(ctx context.Context, k namedKind, param, ref string) (json.RawMessage, error) {
	if ref == "" {
		return nil, fmt.Errorf("%s is empty", param)
	}
	if id, err := CheckID(param, ref); err == nil {
		var raw json.RawMessage
		err := c.Get(ctx, PathOf(k.itemPath, id), nil, &raw)
		if err == nil {
			return raw, nil
		}
		if !IsNotFound(err) {
			return nil, err
		}
	}
	query, err := k.byName(param, ref)
	if err != nil {
		return nil, err
	}
	items, err := c.List(ctx, k.listPath, query, 0)
	if err != nil {
		return nil, err
	}
	candidates := make([]Named, len(items))
	for i, it := range items {
		candidates[i] = k.named(it)
	}
	i, err := PickExact(k.noun, param, ref, candidates)
	if err != nil {
		return nil, err
	}
	return items[i], nil
}

// resolvable is a pointer to an object type ResolveUser, ResolveGroup or
// ResolveApp returns: it exposes the id Okta gave it, takes the checked
// one, and keeps Okta's JSON.
type resolvable[T any] interface {
	*T
	oktaID() string
	keep(ref ID, raw json.RawMessage)
}

// resolveAs resolves ref like resolveNamed and decodes the object.
func resolveAs[T any, P resolvable[T]](ctx context.Context, c *Client, k namedKind, param, ref string) (P, error) {
	raw, err := c.resolveNamed(ctx, k, param, ref)
	if err != nil {
		return nil, err
	}
	return decodeAs[T, P](k.noun, raw)
}

// decodeAs decodes an object Okta returned, whose id is checked here, once,
// for the paths it goes into; noun names its kind in the messages.
func decodeAs[T any, P resolvable[T]](noun string, raw json.RawMessage) (P, error) {
	v := P(new(T))
	if err := json.Unmarshal(raw, v); err != nil {
		return nil, fmt.Errorf("Okta's %s object could not be read: %w", noun, err)
	}
	ref, err := CheckID("id", v.oktaID())
	if err != nil {
		return nil, fmt.Errorf("Okta returned a %s whose id %s is not a valid Okta id", noun, textcut.QuoteValue(v.oktaID()))
	}
	v.keep(ref, raw)
	return v, nil
}
