package connector

import (
	"encoding/json"
	"fmt"

	"github.com/soar-okta/okta-connector/oktaapi"
)

// ProfileField maps a parameter to the Okta profile attribute it sets.
type ProfileField struct {
	Param     string // e.g. "first_name"
	Attribute string // e.g. "firstName"
}

// Profile builds the profile attributes a request sets: the JSON object
// given in objectParam, with each non-blank parameter of fields on top. A
// parameter and the object may not give one attribute two different
// values.
func (p Params) Profile(objectParam string, fields []ProfileField) (map[string]any, error) {
	profile, err := p.Object(objectParam)
	if err != nil {
		return nil, err
	}
	if profile == nil {
		profile = map[string]any{}
	}
	for _, f := range fields {
		v := p.String(f.Param)
		if v == "" {
			continue
		}
		if old, ok := profile[f.Attribute]; ok && !SameJSON(old, v) {
			return nil, fmt.Errorf("parameter %q and the %s attribute in %q give two different values; keep one of them", f.Param, f.Attribute, objectParam)
		}
		profile[f.Attribute] = v
	}
	return profile, nil
}

// SameJSON reports whether a and b encode to the same JSON.
func SameJSON(a, b any) bool {
	x, errA := json.Marshal(a)
	y, errB := json.Marshal(b)
	return errA == nil && errB == nil && string(x) == string(y)
}

// CheckedIDs returns a comma-separated list parameter of Okta ids, each one
// checked as oktaapi.CheckID checks it, since an id always ends up in a
// path.
func (p Params) CheckedIDs(name string) ([]string, error) {
	ids := p.List(name)
	for _, id := range ids {
		if _, err := oktaapi.CheckID(name+" entry", id); err != nil {
			return nil, err
		}
	}
	return ids, nil
}
