package actions

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/internal/textcut"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// listedKind is a kind of org-wide object an action finds by reading its
// whole collection: identity providers, trusted origins and API tokens.
// An org holds few of them, and Okta offers no look-up by exact name (nor,
// for some, by id), so one listing answers both: the value given never
// reaches a path or a filter, and the object's own id, checked, is what
// the action's request is built from.
type listedKind struct {
	noun string       // for messages: "identity provider"
	path oktaapi.Path // the collection
	// all reads the collection; nil pages through it with List.
	all func(ctx context.Context, c *connector.Call) ([]json.RawMessage, error)
}

// listedObject is the part of such an object actions decide on, and the
// whole object as Okta returned it.
type listedObject struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Status string `json:"status"`
	Type   string `json:"type"`
	raw    json.RawMessage
	ref    oktaapi.ID // ID, checked
}

// Label names the object in messages: name and id.
func (o *listedObject) Label() string { return fmt.Sprintf("%q (%s)", o.Name, o.ID) }

// decode reads one object of the kind, checking its id for paths.
func (k listedKind) decode(raw json.RawMessage) (*listedObject, error) {
	o := &listedObject{raw: raw}
	if err := json.Unmarshal(raw, o); err != nil {
		return nil, fmt.Errorf("Okta's %s object could not be read: %w", k.noun, err)
	}
	ref, err := oktaapi.CheckID("id", o.ID)
	if err != nil {
		return nil, fmt.Errorf("Okta returned a %s whose id %s is not a valid Okta id", k.noun, textcut.QuoteValue(o.ID))
	}
	o.ref = ref
	return o, nil
}

// find returns the object the parameter param names: the one whose id it
// is, or else the one whose name it is exactly. No match, and a name
// several objects share, are errors that say what to give instead.
func (k listedKind) find(ctx context.Context, c *connector.Call, param string) (*listedObject, error) {
	ref := c.Params.String(param)
	var items []json.RawMessage
	var err error
	if k.all != nil {
		items, err = k.all(ctx, c)
	} else {
		items, err = c.Okta.List(ctx, k.path, nil, 0)
	}
	if err != nil {
		return nil, err
	}
	objects := make([]*listedObject, 0, len(items))
	names := make([]oktaapi.Named, 0, len(items))
	for _, raw := range items {
		o, err := k.decode(raw)
		if err != nil {
			return nil, err
		}
		if o.ID == ref {
			return o, nil
		}
		objects = append(objects, o)
		names = append(names, oktaapi.Named{ID: o.ID, Name: o.Name})
	}
	i, err := oktaapi.PickExact(k.noun, param, ref, names)
	if err != nil {
		return nil, err
	}
	return objects[i], nil
}
