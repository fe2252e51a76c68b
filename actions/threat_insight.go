package actions

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/soar-okta/okta-connector/actions/internal/present"
	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/internal/textcut"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// Okta ThreatInsight (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ThreatInsight/):
// what Okta does with requests from IP addresses its threat intelligence
// marks as suspicious, and the network zones it leaves out.

var threatPath = oktaapi.PathOf("/api/v1/threats/configuration")

// threatConfig is ThreatInsight's configuration, and the whole object as
// Okta returned it.
type threatConfig struct {
	Action       string   `json:"action"`
	ExcludeZones []string `json:"excludeZones"`
	raw          json.RawMessage
}

// threatEffects says what each action does, for messages.
var threatEffects = map[string]string{
	"none":  "Okta does not act on requests from IP addresses ThreatInsight marks as suspicious",
	"audit": "Okta logs requests from IP addresses ThreatInsight marks as suspicious (security.threat.detected events) without blocking them",
	"block": "Okta blocks requests from IP addresses ThreatInsight marks as suspicious, and logs them",
}

func decodeThreatConfig(raw json.RawMessage) (*threatConfig, error) {
	t := &threatConfig{raw: raw}
	if err := json.Unmarshal(raw, t); err != nil {
		return nil, fmt.Errorf("Okta's ThreatInsight configuration could not be read: %w", err)
	}
	return t, nil
}

// readThreatConfig: GET /api/v1/threats/configuration.
func readThreatConfig(ctx context.Context, c *connector.Call) (*threatConfig, error) {
	var raw json.RawMessage
	if err := c.Okta.Get(ctx, threatPath, nil, &raw); err != nil {
		return nil, err
	}
	return decodeThreatConfig(raw)
}

// output is a result about the configuration: the message, the
// configuration as data, its action and excluded zones in the summary.
func (t *threatConfig) output(msg string) connector.Output {
	return connector.Output{
		Message: msg,
		Data:    []any{t.raw},
		Summary: map[string]any{"action": t.Action, "num_excluded_zones": len(t.ExcludeZones)},
	}
}

// describe says what the configuration does; labels names zones by id.
func (t *threatConfig) describe(labels map[string]string) string {
	msg := t.Action + ": " + threatEffects[t.Action]
	if len(t.ExcludeZones) == 0 {
		return msg + "; no network zone is excluded"
	}
	names := make([]string, len(t.ExcludeZones))
	for i, id := range t.ExcludeZones {
		names[i] = id
		if l, ok := labels[id]; ok {
			names[i] = l
		}
	}
	return msg + fmt.Sprintf("; requests from %s are neither logged nor blocked: %s", present.Plural(len(names), "excluded zone"), strings.Join(names, ", "))
}

// zoneLabels names the org's zones by id, for messages. Zones that cannot
// be read are named by their ids: the configuration is what the action
// reports.
func zoneLabels(ctx context.Context, c *connector.Call) map[string]string {
	zones, err := allZones(ctx, c)
	if err != nil {
		c.Log.Warn().Str("error", connector.Describe(err)).Msg("could not read the network zones to name the excluded ones")
		return nil
	}
	return labelsOf(zones)
}

// labelsOf names zones by id.
func labelsOf(zones []*zone) map[string]string {
	labels := make(map[string]string, len(zones))
	for _, z := range zones {
		labels[z.ID] = z.Label()
	}
	return labels
}

func getThreatInsight(ctx context.Context, c *connector.Call) (connector.Output, error) {
	t, err := readThreatConfig(ctx, c)
	if err != nil {
		return connector.Output{}, err
	}
	return t.output("ThreatInsight action is " + t.describe(zoneLabels(ctx, c))), nil
}

// setThreatInsight: POST /api/v1/threats/configuration with the action and,
// when exclude_zones is given, the zones it replaces the excluded ones
// with. A configuration that already matches is left as it is.
func setThreatInsight(ctx context.Context, c *connector.Call) (connector.Output, error) {
	action := c.Params.String("action")
	refs, replace, err := zoneList(c.Params, "exclude_zones")
	if err != nil {
		return connector.Output{}, err
	}
	current, err := readThreatConfig(ctx, c)
	if err != nil {
		return connector.Output{}, err
	}
	labels, exclude := map[string]string(nil), current.ExcludeZones
	if replace {
		zones, err := allZones(ctx, c)
		if err != nil {
			return connector.Output{}, err
		}
		if exclude, err = zoneIDs(zones, "exclude_zones", refs); err != nil {
			return connector.Output{}, err
		}
		labels = labelsOf(zones)
	} else {
		labels = zoneLabels(ctx, c)
	}
	if current.Action == action && sameMembers(current.ExcludeZones, exclude) {
		out := current.output("ThreatInsight is already set as requested: nothing to do; its action is " + current.describe(labels))
		out.Summary["previous_action"] = current.Action
		return out, nil
	}
	body := map[string]any{"action": action}
	if replace {
		body["excludeZones"] = exclude
	}
	var raw json.RawMessage
	if _, err := c.Okta.Do(ctx, http.MethodPost, threatPath, nil, body, &raw); err != nil {
		return connector.Output{}, err
	}
	updated, err := decodeThreatConfig(raw)
	if err != nil {
		return connector.Output{}, err
	}
	msg := fmt.Sprintf("ThreatInsight's action changed from %s to %s", current.Action, updated.describe(labels))
	if current.Action == updated.Action {
		msg = "ThreatInsight's excluded zones replaced; its action stays " + updated.describe(labels)
	}
	out := updated.output(msg)
	out.Summary["previous_action"] = current.Action
	return out, nil
}

// zoneList reads a parameter that lists network zones by id or exact
// name: a JSON array of strings (which holds names with commas), or a
// comma-separated list. given is false when the parameter is empty; an
// empty JSON array is given, and empty.
func zoneList(p connector.Params, name string) (refs []string, given bool, err error) {
	text := p.String(name)
	switch {
	case text == "":
		return nil, false, nil
	case !strings.HasPrefix(text, "["):
		return p.List(name), true, nil
	}
	v, err := p.JSON(name)
	if err != nil {
		return nil, false, err
	}
	items, _ := v.([]any)
	seen := map[string]bool{}
	for i, it := range items {
		s, ok := it.(string)
		if !ok || strings.TrimSpace(s) == "" {
			return nil, false, fmt.Errorf("%s: entry %d of the list is not a zone id or name; give a JSON array of strings such as [\"Corporate Offices\", \"nzo1abcd\"]", name, i+1)
		}
		if s = strings.TrimSpace(s); !seen[s] {
			seen[s] = true
			refs = append(refs, s)
		}
	}
	return refs, true, nil
}

// zoneIDs finds the zones refs name among zones, by id or exact name, and
// returns their ids in the order given.
func zoneIDs(zones []*zone, param string, refs []string) ([]string, error) {
	ids := []string{}
	for _, ref := range refs {
		z, found, err := pickZone(zones, param, ref, true)
		switch {
		case err != nil:
			return nil, err
		case !found:
			return nil, fmt.Errorf("no Okta network zone has the id or name %s (parameter %q); list zones shows the org's zones", textcut.QuoteValue(ref), param)
		}
		if !slices.Contains(ids, z.ID) {
			ids = append(ids, z.ID)
		}
	}
	return ids, nil
}

// sameMembers reports whether a and b hold the same strings, in any order.
func sameMembers(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}
