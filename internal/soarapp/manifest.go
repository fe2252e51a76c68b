// Package soarapp builds the Splunk SOAR app archive: the platform's app
// manifest, generated from app.json, and the .tgz the platform installs.
package soarapp

import (
	"bytes"
	"crypto/sha1"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"time"
)

// Platform holds what Splunk SOAR needs to load an app beyond what app.json
// declares. Its keys are written by Manifest; app.json must not set them.
type Platform struct {
	MainModule        string    // the Python module the platform runs, e.g. okta_connector.py
	PackageName       string    // the platform's package name, e.g. phantom_okta_connector
	PythonVersion     string    // e.g. "3.13"
	MinPhantomVersion string    // oldest platform release the app supports
	Logo, LogoDark    string    // SVG file names in the archive's top folder
	License           string    // shown on the app's page
	FIPSCompliant     bool      // whether the app claims FIPS compliance
	Updated           time.Time // utctime_updated
}

// ActionVersions is the product version range every action supports.
const ActionVersions = "EQ(*)"

// member is one key of a JSON object and its value as written.
type member struct {
	key   string
	value json.RawMessage
}

// uuidPattern matches a UUID in its canonical text form.
var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// Manifest returns the platform's app manifest for app.json: every key of
// app.json with its value as written (actions, parameters and output data
// paths unchanged), each action given the product versions it supports,
// then the keys of p. An appid that is not a UUID is replaced by one derived
// from it, the same on every build.
func Manifest(appJSON []byte, p Platform) ([]byte, error) {
	top, err := members(appJSON)
	if err != nil {
		return nil, fmt.Errorf("app.json: %w", err)
	}
	platform := p.members()
	for i, m := range top {
		for _, pm := range platform {
			if m.key == pm.key {
				return nil, fmt.Errorf("app.json sets %q, which the package writes; remove it from app.json", m.key)
			}
		}
		switch m.key {
		case "appid":
			if top[i].value, err = appID(m.value); err != nil {
				return nil, err
			}
		case "actions":
			if top[i].value, err = withVersions(m.value); err != nil {
				return nil, err
			}
		}
	}
	var out bytes.Buffer
	if err := json.Indent(&out, object(append(top, platform...)), "", "    "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

func (p Platform) members() []member {
	fields := []struct {
		key   string
		value any
	}{
		{"main_module", p.MainModule},
		{"package_name", p.PackageName},
		{"python_version", p.PythonVersion},
		{"min_phantom_version", p.MinPhantomVersion},
		{"product_version_regex", ".*"},
		{"logo", p.Logo},
		{"logo_dark", p.LogoDark},
		{"license", p.License},
		{"fips_compliant", p.FIPSCompliant},
		{"utctime_updated", p.Updated.UTC().Format("2006-01-02T15:04:05.000000Z")},
	}
	out := make([]member, len(fields))
	for i, f := range fields {
		v, _ := json.Marshal(f.value) // strings and a bool always encode
		out[i] = member{f.key, v}
	}
	return out
}

// withVersions adds "versions" to every action that does not declare it.
func withVersions(actions json.RawMessage) (json.RawMessage, error) {
	var list []json.RawMessage
	if err := json.Unmarshal(actions, &list); err != nil {
		return nil, fmt.Errorf("app.json actions: %w", err)
	}
	var b bytes.Buffer
	b.WriteByte('[')
	for i, raw := range list {
		ms, err := members(raw)
		if err != nil {
			return nil, fmt.Errorf("app.json action %d: %w", i+1, err)
		}
		if !hasKey(ms, "versions") {
			ms = append(ms, member{"versions", json.RawMessage(`"` + ActionVersions + `"`)})
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(object(ms))
	}
	b.WriteByte(']')
	return b.Bytes(), nil
}

// appID keeps a UUID and turns anything else into a name-based UUID
// (version 5, RFC 9562) of it.
func appID(raw json.RawMessage) (json.RawMessage, error) {
	var id string
	if err := json.Unmarshal(raw, &id); err != nil {
		return nil, fmt.Errorf("app.json appid must be a string: %w", err)
	}
	if uuidPattern.MatchString(id) {
		return raw, nil
	}
	return json.Marshal(nameUUID(id))
}

// appIDNamespace is the namespace of the UUIDs derived from an appid that
// is not one.
var appIDNamespace = [16]byte{0x3f, 0x0c, 0x5e, 0x61, 0x8a, 0x27, 0x4d, 0x19, 0x9b, 0x52, 0x0e, 0x7d, 0xc4, 0x31, 0xa6, 0x88}

func nameUUID(name string) string {
	h := sha1.New()
	h.Write(appIDNamespace[:])
	h.Write([]byte(name))
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 9562 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// members reads a JSON object's keys in order, each value as written.
func members(data []byte) ([]member, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errors.New("expected a JSON object")
	}
	var out []member
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string) // object keys are always strings
		if hasKey(out, key) {
			return nil, fmt.Errorf("key %q appears twice", key)
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		out = append(out, member{key, v})
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("text after the JSON object")
	}
	return out, nil
}

func hasKey(ms []member, key string) bool {
	for _, m := range ms {
		if m.key == key {
			return true
		}
	}
	return false
}

// object writes members as a compact JSON object, in order.
func object(ms []member) json.RawMessage {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range ms {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(m.key)
		b.Write(k)
		b.WriteByte(':')
		b.Write(m.value)
	}
	b.WriteByte('}')
	return b.Bytes()
}
