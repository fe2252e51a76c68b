package actions

import (
	"context"
	"fmt"
	"strings"

	"github.com/soar-okta/okta-connector/actions/internal/ipblock"
	"github.com/soar-okta/okta-connector/actions/internal/present"
	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// Blocking addresses through an IP network zone used as a blocklist: Okta
// refuses every request whose client address is in one of the zone's
// gateways.

// Widest blocks block ip and unblock ip accept, as prefix lengths: the
// address comes from alert data, and a value such as 0.0.0.0/0 would lock
// every user, administrators included, out of the org (block ip) or empty
// the whole blocklist (unblock ip). Wider blocks can still be changed
// deliberately with update zone.
const (
	widestIPv4Block = 16
	widestIPv6Block = 32
)

// blocklistRun is what block ip and unblock ip share: the address given
// and the blocklist zone named by zone_name.
type blocklistRun struct {
	block ipblock.Block
	zone  *zone // nil when no zone has the name
	name  string
}

// startBlocklistRun reads the address, refusing one wider than the bound
// before anything is sent, and finds the zone. verb names the action.
func startBlocklistRun(ctx context.Context, c *connector.Call, verb string) (*blocklistRun, error) {
	block, err := ipblock.Parse("ip", c.Params.String("ip"))
	if err != nil {
		return nil, err
	}
	widest := widestIPv4Block
	if !block.First.Is4() {
		widest = widestIPv6Block
	}
	if block.LargerThan(widest) {
		return nil, fmt.Errorf("ip %s holds %s addresses; %s accepts at most a /%d so that one alert value cannot reach the whole blocklist: give narrower ranges, or change this one deliberately with update zone", block, block.Size(), verb, widest)
	}
	name, err := zoneName("zone_name", c.Params.String("zone_name"))
	if err != nil {
		return nil, err
	}
	z, found, err := zoneNamed(ctx, c, "zone_name", name)
	if err != nil {
		return nil, err
	}
	run := &blocklistRun{block: block, name: name}
	if !found {
		return run, nil
	}
	if z.Type != "IP" || z.Usage != "BLOCKLIST" {
		return nil, fmt.Errorf("zone %s is %s, not an IP zone used for BLOCKLIST: give a zone_name whose zone is an IP blocklist, or a new name to create one", z.Label(), z.kind())
	}
	run.zone = z
	return run, nil
}

// covering lists the zone's gateways that overlap the address given, split
// into those the address covers entirely and the others.
func (r *blocklistRun) covering() (inside, wider []ipblock.ZoneEntry, kept []ipblock.ZoneEntry) {
	for _, e := range r.zone.Gateways {
		b, ok := e.Block()
		switch {
		case ok && r.block.Contains(b):
			inside = append(inside, e)
		case ok && b.Overlaps(r.block):
			wider = append(wider, e)
			kept = append(kept, e)
		default:
			kept = append(kept, e)
		}
	}
	return inside, wider, kept
}

func (r *blocklistRun) output(msg string, z *zone) connector.Output {
	if z.Status != "ACTIVE" {
		msg += fmt.Sprintf("; note that the zone is %s, so Okta does not enforce it until it is activated", z.Status)
	}
	out := z.output(msg)
	out.Summary["ip"] = r.block.String()
	out.Summary["zone_status"] = z.Status
	return out
}

// blockIP adds the address to the blocklist zone, creating the zone when
// no zone has the name. An address some entry already covers is reported
// as blocked.
func blockIP(ctx context.Context, c *connector.Call) (connector.Output, error) {
	r, err := startBlocklistRun(ctx, c, "block ip")
	if err != nil {
		return connector.Output{}, err
	}
	entry := r.block.Entry()
	if r.zone == nil {
		z, err := postZone(ctx, c, r.name, "BLOCKLIST", []ipblock.ZoneEntry{entry}, nil)
		if err != nil {
			return connector.Output{}, err
		}
		return r.output(fmt.Sprintf("IP %s blocked: created the blocklist zone %s with it as its only entry", r.block, z.Label()), z), nil
	}
	for _, e := range r.zone.Gateways {
		if b, ok := e.Block(); ok && b.Contains(r.block) {
			return r.output(fmt.Sprintf("IP %s is already blocked by the entry %s of zone %s: nothing to do", r.block, e.Value, r.zone.Label()), r.zone), nil
		}
	}
	gateways := append(append([]ipblock.ZoneEntry{}, r.zone.Gateways...), entry)
	z, err := replaceZone(ctx, c, r.zone, r.zone.Name, gateways, r.zone.Proxies)
	if err != nil {
		return connector.Output{}, err
	}
	return r.output(fmt.Sprintf("IP %s blocked: added as %s to zone %s, which now has %s", r.block, entry.Value, z.Label(), present.Plural(len(z.Gateways), "gateway")), z), nil
}

// unblockIP removes the entries of the blocklist zone that lie within the
// address, block or range given. An entry that also covers other addresses
// is not narrowed: the action fails and names it.
func unblockIP(ctx context.Context, c *connector.Call) (connector.Output, error) {
	r, err := startBlocklistRun(ctx, c, "unblock ip")
	if err != nil {
		return connector.Output{}, err
	}
	if r.zone == nil {
		_, err := oktaapi.PickExact("network zone", "zone_name", r.name, nil)
		return connector.Output{}, fmt.Errorf("%w: check zone_name", err)
	}
	ip := r.block.String()
	inside, wider, kept := r.covering()
	if len(wider) > 0 {
		what := "the entry " + values(wider) + " also blocks"
		if len(wider) > 1 {
			what = "the entries " + values(wider) + " also block"
		}
		return connector.Output{}, fmt.Errorf("IP %s cannot be unblocked without changing zone %s: %s addresses outside %s; replace the gateways with narrower entries (update zone with update_type OVERRIDE), then run unblock ip again",
			ip, r.zone.Label(), what, ip)
	}
	if len(inside) == 0 {
		return r.output(fmt.Sprintf("IP %s is not blocked by zone %s: nothing to do", ip, r.zone.Label()), r.zone), nil
	}
	z, err := replaceZone(ctx, c, r.zone, r.zone.Name, kept, r.zone.Proxies)
	if err != nil {
		return connector.Output{}, err
	}
	return r.output(fmt.Sprintf("IP %s unblocked: removed %s from zone %s, which now has %s", ip, values(inside), z.Label(), present.Plural(len(z.Gateways), "gateway")), z), nil
}

func values(es []ipblock.ZoneEntry) string {
	vs := make([]string, len(es))
	for i, e := range es {
		vs[i] = e.Value
	}
	return strings.Join(vs, ", ")
}
