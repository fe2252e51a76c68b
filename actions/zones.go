package actions

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/soar-okta/okta-connector/actions/internal/ipblock"
	"github.com/soar-okta/okta-connector/actions/internal/present"
	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/internal/textcut"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// Network zones (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/NetworkZone/).

// listZones: GET /api/v1/zones.
var listZones = listing{
	path:       oktaapi.PathOf("/api/v1/zones"),
	summaryKey: "num_zones",
	noun:       "zones",
}.handler()

// zone is the part of a network zone handlers decide on, and the whole
// object as Okta returned it.
type zone struct {
	ID       string              `json:"id"`
	Name     string              `json:"name"`
	Type     string              `json:"type"`
	Status   string              `json:"status"`
	Usage    string              `json:"usage"`
	Gateways []ipblock.ZoneEntry `json:"gateways"`
	Proxies  []ipblock.ZoneEntry `json:"proxies"`
	raw      json.RawMessage
	ref      oktaapi.ID // ID, checked
}

func decodeZone(raw json.RawMessage) (*zone, error) {
	z := &zone{raw: raw}
	if err := json.Unmarshal(raw, z); err != nil {
		return nil, fmt.Errorf("Okta's network zone object could not be read: %w", err)
	}
	ref, err := oktaapi.CheckID("id", z.ID)
	if err != nil {
		return nil, fmt.Errorf("Okta returned a network zone whose id %s is not a valid Okta id", textcut.QuoteValue(z.ID))
	}
	z.ref = ref
	return z, nil
}

// zonePath is a zone's path.
func zonePath(id oktaapi.ID) oktaapi.Path { return oktaapi.PathOf("/api/v1/zones/{}", id) }

// Label names the zone in messages: name and id.
func (z *zone) Label() string { return fmt.Sprintf("%q (%s)", z.Name, z.ID) }

// kind describes the zone's type and usage, for messages.
func (z *zone) kind() string {
	article := "a"
	if z.Type == "IP" {
		article = "an"
	}
	return fmt.Sprintf("%s %s zone used for %s", article, z.Type, z.Usage)
}

func (z *zone) summary() map[string]any {
	return map[string]any{"zone_id": z.ID, "zone_name": z.Name}
}

// output is a result about the zone: the message, the zone as data, its id
// and name as summary.
func (z *zone) output(msg string) connector.Output {
	return connector.Output{Message: msg, Data: []any{z.raw}, Summary: z.summary()}
}

// counts describes the zone's address lists, for messages.
func (z *zone) counts() string {
	return fmt.Sprintf("%s and %s", present.Plural(len(z.Gateways), "gateway"), present.Plural(len(z.Proxies), "proxy"))
}

// zoneNamed looks a zone up by its exact name among all the org's zones
// (Okta filters zones by id and usage only). found is false when no zone
// has the name; more than one is an error.
func zoneNamed(ctx context.Context, c *connector.Call, param, name string) (z *zone, found bool, err error) {
	zones, err := allZones(ctx, c)
	if err != nil {
		return nil, false, err
	}
	return pickZone(zones, param, name, false)
}

// allZones reads every zone of the org: GET /api/v1/zones.
func allZones(ctx context.Context, c *connector.Call) ([]*zone, error) {
	items, err := c.Okta.List(ctx, oktaapi.PathOf("/api/v1/zones"), nil, 0)
	if err != nil {
		return nil, err
	}
	zones := make([]*zone, 0, len(items))
	for _, raw := range items {
		z, err := decodeZone(raw)
		if err != nil {
			return nil, err
		}
		zones = append(zones, z)
	}
	return zones, nil
}

// pickZone finds the zone ref names among zones: by its exact name, or,
// with byID, first by its id. found is false when none matches; a name
// several zones share is an error.
func pickZone(zones []*zone, param, ref string, byID bool) (z *zone, found bool, err error) {
	candidates := make([]oktaapi.Named, 0, len(zones))
	for _, z := range zones {
		if byID && z.ID == ref {
			return z, true, nil
		}
		candidates = append(candidates, oktaapi.Named{ID: z.ID, Name: z.Name})
	}
	if !slices.ContainsFunc(candidates, func(n oktaapi.Named) bool { return n.Name == ref }) {
		return nil, false, nil
	}
	i, err := oktaapi.PickExact("network zone", param, ref, candidates)
	if err != nil {
		return nil, false, err
	}
	return zones[i], true, nil
}

// resolveZone finds the zone a parameter names by id (GET
// /api/v1/zones/{zoneId}) or, failing that, by exact name.
func resolveZone(ctx context.Context, c *connector.Call, param string) (*zone, error) {
	ref := c.Params.String(param)
	if id, err := oktaapi.CheckID(param, ref); err == nil {
		var raw json.RawMessage
		err := c.Okta.Get(ctx, zonePath(id), nil, &raw)
		if err == nil {
			return decodeZone(raw)
		}
		if !oktaapi.IsNotFound(err) {
			return nil, err
		}
	}
	z, found, err := zoneNamed(ctx, c, param, ref)
	if err == nil && !found {
		_, err = oktaapi.PickExact("network zone", param, ref, nil)
	}
	return z, err
}

// replaceZone sends the zone back with its name and address lists changed
// (PUT /api/v1/zones/{zoneId} replaces the whole zone). Every attribute
// Okta returned is kept, except the read-only ones, which a replacement
// must not carry.
func replaceZone(ctx context.Context, c *connector.Call, z *zone, name string, gateways, proxies []ipblock.ZoneEntry) (*zone, error) {
	body := map[string]any{}
	dec := json.NewDecoder(bytes.NewReader(z.raw))
	dec.UseNumber()
	if err := dec.Decode(&body); err != nil {
		return nil, fmt.Errorf("Okta's network zone object could not be read: %w", err)
	}
	for _, readOnly := range []string{"id", "created", "lastUpdated", "system", "_links"} {
		delete(body, readOnly)
	}
	body["name"] = name
	if z.Type == "IP" {
		setEntries(body, gateways, proxies)
	}
	dropNulls(body)
	var raw json.RawMessage
	if _, err := c.Okta.Do(ctx, http.MethodPut, zonePath(z.ref), nil, body, &raw); err != nil {
		return nil, err
	}
	return decodeZone(raw)
}

// dropNulls removes null members from the objects in v: Okta reads a null
// as an absent attribute, and the API description refuses nulls where it
// declares a type.
func dropNulls(v any) {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			if x == nil {
				delete(t, k)
				continue
			}
			dropNulls(x)
		}
	case []any:
		for _, x := range t {
			dropNulls(x)
		}
	}
}

// setEntries puts an IP zone's address lists in a request body, leaving
// out an empty one.
func setEntries(body map[string]any, gateways, proxies []ipblock.ZoneEntry) {
	delete(body, "gateways")
	delete(body, "proxies")
	if len(gateways) > 0 {
		body["gateways"] = gateways
	}
	if len(proxies) > 0 {
		body["proxies"] = proxies
	}
}

// postZone creates an IP zone: POST /api/v1/zones.
func postZone(ctx context.Context, c *connector.Call, name, usage string, gateways, proxies []ipblock.ZoneEntry) (*zone, error) {
	body := map[string]any{"type": "IP", "name": name, "usage": usage}
	setEntries(body, gateways, proxies)
	var raw json.RawMessage
	if _, err := c.Okta.Do(ctx, http.MethodPost, oktaapi.PathOf("/api/v1/zones"), nil, body, &raw); err != nil {
		return nil, err
	}
	return decodeZone(raw)
}

// zoneName checks a zone name from a request: at most 128 characters (the
// API's limit), no control characters.
func zoneName(param, name string) (string, error) {
	if !utf8.ValidString(name) || utf8.RuneCountInString(name) > 128 {
		return "", fmt.Errorf("%s must be valid text of at most 128 characters", param)
	}
	for i, r := range name {
		if unicode.IsControl(r) {
			return "", fmt.Errorf("%s %s contains a control character (U+%04X) at position %d", param, textcut.QuoteValue(name), r, i+1)
		}
	}
	return name, nil
}

// entries parses a comma-separated list of addresses, blocks and ranges
// into zone entries.
func entries(c *connector.Call, param string) ([]ipblock.ZoneEntry, error) {
	blocks, err := ipblock.ParseAll(param, c.Params.List(param))
	if err != nil {
		return nil, err
	}
	out := make([]ipblock.ZoneEntry, 0, len(blocks))
	for _, b := range blocks {
		out = append(out, b.Entry())
	}
	return out, nil
}

// addressLists reads the gateway_ips and proxy_ips parameters.
func addressLists(c *connector.Call) (gateways, proxies []ipblock.ZoneEntry, err error) {
	if gateways, err = entries(c, "gateway_ips"); err == nil {
		proxies, err = entries(c, "proxy_ips")
	}
	return gateways, proxies, err
}

func getZone(ctx context.Context, c *connector.Call) (connector.Output, error) {
	z, err := resolveZone(ctx, c, "zone_id")
	if err != nil {
		return connector.Output{}, err
	}
	msg := fmt.Sprintf("Zone %s is %s: %s", z.Label(), z.Status, z.kind())
	if z.Type == "IP" {
		msg += " with " + z.counts()
	}
	return z.output(msg), nil
}

// createZone creates an IP zone, unless a zone of that name exists, which
// is then returned as a success.
func createZone(ctx context.Context, c *connector.Call) (connector.Output, error) {
	name, err := zoneName("name", c.Params.String("name"))
	if err != nil {
		return connector.Output{}, err
	}
	gateways, proxies, err := addressLists(c)
	if err != nil {
		return connector.Output{}, err
	}
	if len(gateways) == 0 && len(proxies) == 0 {
		return connector.Output{}, fmt.Errorf("give gateway_ips or proxy_ips: Okta needs at least one address in an IP zone")
	}
	existing, found, err := zoneNamed(ctx, c, "name", name)
	if err != nil {
		return connector.Output{}, err
	}
	if found {
		return existing.output(fmt.Sprintf("Zone already exists: %s, %s; its addresses were not changed (use update zone to change them)", existing.Label(), existing.kind())), nil
	}
	z, err := postZone(ctx, c, name, c.Params.String("usage"), gateways, proxies)
	if err != nil {
		return connector.Output{}, err
	}
	return z.output(fmt.Sprintf("Zone %s created for %s with %s", z.Label(), z.Usage, z.counts())), nil
}

// updateZone renames a zone and appends to or replaces its gateway and
// proxy lists; a zone that already has the requested values is left as
// it is.
func updateZone(ctx context.Context, c *connector.Call) (connector.Output, error) {
	name := c.Params.String("name")
	if name != "" {
		var err error
		if name, err = zoneName("name", name); err != nil {
			return connector.Output{}, err
		}
	}
	gateways, proxies, err := addressLists(c)
	if err != nil {
		return connector.Output{}, err
	}
	if name == "" && len(gateways) == 0 && len(proxies) == 0 {
		return connector.Output{}, fmt.Errorf("nothing to update: give name, gateway_ips or proxy_ips")
	}
	z, err := resolveZone(ctx, c, "zone_id")
	if err != nil {
		return connector.Output{}, err
	}
	if z.Type != "IP" && (len(gateways) > 0 || len(proxies) > 0) {
		return connector.Output{}, fmt.Errorf("zone %s is a %s zone, which has no gateways or proxies; only IP zones hold addresses (give only name to rename it)", z.Label(), z.Type)
	}
	mode := c.Params.String("update_type")
	newName := z.Name
	if name != "" {
		newName = name
	}
	newGateways, newProxies := mergeEntries(z.Gateways, gateways, mode), mergeEntries(z.Proxies, proxies, mode)
	if newName == z.Name && slices.Equal(newGateways, z.Gateways) && slices.Equal(newProxies, z.Proxies) {
		return z.output(fmt.Sprintf("Zone %s already has the requested name and addresses: nothing to do", z.Label())), nil
	}
	updated, err := replaceZone(ctx, c, z, newName, newGateways, newProxies)
	if err != nil {
		return connector.Output{}, err
	}
	msg := fmt.Sprintf("Zone %s updated", updated.Label())
	if len(gateways) > 0 || len(proxies) > 0 {
		msg += fmt.Sprintf(" (%s): it now has %s", mode, updated.counts())
	}
	return updated.output(msg), nil
}

// mergeEntries applies given to a zone's list: APPEND adds the entries
// not already there (an entry matches when it covers the same addresses,
// whatever its form), OVERRIDE replaces the list. An empty given leaves
// the list as it is.
func mergeEntries(current, given []ipblock.ZoneEntry, mode string) []ipblock.ZoneEntry {
	if len(given) == 0 {
		return current
	}
	if mode != "APPEND" {
		return given
	}
	out := slices.Clone(current)
	for _, g := range given {
		b, _ := g.Block()
		if !slices.ContainsFunc(out, func(e ipblock.ZoneEntry) bool { x, ok := e.Block(); return ok && x == b }) {
			out = append(out, g)
		}
	}
	return out
}

// zoneTransition is a lifecycle operation on a network zone: POST
// /api/v1/zones/{zoneId}/lifecycle/{operation}, unless the zone already
// has the status it leads to.
type zoneTransition struct {
	operation string // "activate" or "deactivate"
	status    string // the status it leads to
	past      string // for the message: "activated"
	// effect says what the new status changes for a zone of this usage.
	effect func(usage string) string
}

func (t zoneTransition) handler() connector.Handler {
	return func(ctx context.Context, c *connector.Call) (connector.Output, error) {
		z, err := resolveZone(ctx, c, "zone_id")
		if err != nil {
			return connector.Output{}, err
		}
		if z.Status == t.status {
			return zoneStatusOutput(z, fmt.Sprintf("Zone %s, %s, is already %s: nothing to do", z.Label(), z.kind(), t.status)), nil
		}
		var raw json.RawMessage
		if _, err := c.Okta.Do(ctx, http.MethodPost, oktaapi.PathOf("/api/v1/zones/{}/lifecycle/"+t.operation, z.ref), nil, nil, &raw); err != nil {
			return connector.Output{}, err
		}
		after, err := decodeZone(raw)
		if err != nil {
			return connector.Output{}, err
		}
		return zoneStatusOutput(after, fmt.Sprintf("Zone %s, %s, %s: %s", after.Label(), after.kind(), t.past, t.effect(after.Usage))), nil
	}
}

// zoneStatusOutput is z.output with the zone's status in the summary.
func zoneStatusOutput(z *zone, msg string) connector.Output {
	out := z.output(msg)
	out.Summary["zone_status"] = z.Status
	return out
}

var (
	activateZone = zoneTransition{operation: "activate", status: "ACTIVE", past: "activated", effect: func(usage string) string {
		if usage == "BLOCKLIST" {
			return "Okta now refuses requests from its addresses"
		}
		return "the policies and rules that name it now apply to requests from its addresses"
	}}.handler()
	deactivateZone = zoneTransition{operation: "deactivate", status: "INACTIVE", past: "deactivated", effect: func(usage string) string {
		if usage == "BLOCKLIST" {
			return "Okta no longer refuses requests from its addresses"
		}
		return "the policies and rules that name it no longer treat requests as coming from it"
	}}.handler()
)
