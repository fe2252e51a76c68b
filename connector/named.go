package connector

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/soar-okta/okta-connector/internal/textcut"
)

// namedKind says how objects of one kind are found from a parameter that
// holds either an Okta id or the object's exact name.
type namedKind struct {
	noun     string // for messages: "group", "app"
	itemPath string // the object by id, one "{}" placeholder
	listPath string // the collection searched by name
	// byName returns the collection query that finds the candidates
	// named ref (checked and quoted as needed).
	byName func(param, ref string) (url.Values, error)
	// named reads a candidate's id and name.
	named func(raw json.RawMessage) Named
}

// resolveNamed returns the one object ref names. A path-safe ref is first
// fetched as an id; when Okta answers 404, or when ref could not stand in a
// path, the collection is searched by name and exactly one candidate must
// carry that exact name. An unsafe ref never reaches a path.
func (o *Okta) resolveNamed(ctx context.Context, k namedKind, param, ref string) (json.RawMessage, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return nil, fmt.Errorf("%s is empty", param)
	}
	if IsPathSafe(ref) {
		var raw json.RawMessage
		err := o.Get(ctx, Path(k.itemPath, ref), nil, &raw)
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
	items, err := o.List(ctx, k.listPath, query, 0)
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

// resolvable is a pointer to an object type ResolveGroup or ResolveApp
// returns: it exposes its id and keeps Okta's JSON.
type resolvable[T any] interface {
	*T
	oktaID() string
	keep(raw json.RawMessage)
}

// resolveAs resolves ref like resolveNamed and decodes the object, whose id
// must be usable in a path.
func resolveAs[T any, P resolvable[T]](ctx context.Context, o *Okta, k namedKind, param, ref string) (P, error) {
	raw, err := o.resolveNamed(ctx, k, param, ref)
	if err != nil {
		return nil, err
	}
	return decodeAs[T, P](k.noun, raw)
}

// decodeAs decodes an object Okta returned, whose id must be usable in a
// path; noun names its kind in the messages.
func decodeAs[T any, P resolvable[T]](noun string, raw json.RawMessage) (P, error) {
	v := P(new(T))
	if err := json.Unmarshal(raw, v); err != nil {
		return nil, fmt.Errorf("Okta's %s object could not be read: %w", noun, err)
	}
	if !IsPathSafe(v.oktaID()) {
		return nil, fmt.Errorf("Okta returned a %s whose id %s is not a valid Okta id", noun, textcut.QuoteValue(v.oktaID()))
	}
	v.keep(raw)
	return v, nil
}
