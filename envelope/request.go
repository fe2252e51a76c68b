package envelope

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"unicode/utf8"
)

// DefaultTimeout bounds an invocation whose envelope names no timeout.
const DefaultTimeout = 600

// maxTimeout is the longest invocation a request may ask for: a day.
const maxTimeout = 24 * 60 * 60

// maxRequestBytes caps how much of a request envelope is read.
const maxRequestBytes = 16 << 20

// utf8BOM is the byte-order mark some editors write before JSON text.
var utf8BOM = []byte("\xef\xbb\xbf")

// Request is the action request envelope of the contract. Keys are matched
// exactly as written: Go's struct decoding matches them ignoring case (and
// folds "ſ" to "s"), which would let one request read differently here
// than in the platform's logs.
type Request struct {
	Action     string
	Identifier string
	Config     map[string]any
	Parameters []map[string]any
	State      map[string]any
	Timeout    *float64
	DryRun     bool
	DebugLevel int
	AssetID    string
	// Environment is the platform's per-asset environment (Splunk SOAR's
	// environment_variables): name to value. The process environment is
	// never read.
	Environment map[string]string
}

// requestFields maps each top-level key of the envelope to the field it
// fills. Other top-level keys are platform metadata and are ignored.
func (r *Request) fields() map[string]func(json.RawMessage) error {
	return map[string]func(json.RawMessage) error{
		"action":                func(b json.RawMessage) error { return decodeMember("action", b, &r.Action) },
		"identifier":            func(b json.RawMessage) error { return decodeMember("identifier", b, &r.Identifier) },
		"config":                func(b json.RawMessage) error { return decodeMember("config", b, &r.Config) },
		"parameters":            r.decodeParameters,
		"state":                 func(b json.RawMessage) error { return decodeMember("state", b, &r.State) },
		"timeout":               r.decodeTimeout,
		"dry_run":               func(b json.RawMessage) error { return decodeMember("dry_run", b, &r.DryRun) },
		"debug_level":           r.decodeDebugLevel,
		"asset_id":              func(b json.RawMessage) error { return decodeMember("asset_id", b, &r.AssetID) },
		"environment_variables": r.decodeEnvironment,
	}
}

// Decode reads one request envelope. It rejects anything that is not a
// single JSON object and reports where the JSON went wrong.
func Decode(r io.Reader) (*Request, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxRequestBytes+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read the request: %v", err)
	}
	if len(raw) > maxRequestBytes {
		return nil, fmt.Errorf("the request is larger than %d MiB", maxRequestBytes>>20)
	}
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(raw, utf8BOM))
	if len(trimmed) == 0 {
		return nil, errors.New("the request is empty: expected a JSON object")
	}
	if trimmed[0] != '{' {
		return nil, errors.New("the request must be a JSON object")
	}
	if !utf8.Valid(trimmed) {
		return nil, errors.New("the request is not valid UTF-8 text")
	}
	if err := checkRequestDepth(trimmed); err != nil {
		return nil, err
	}
	var top map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	if err := dec.Decode(&top); err != nil {
		return nil, fmt.Errorf("the request is not valid JSON: %s", describeJSONError(trimmed, err))
	}
	// More is false before a stray } or ], so read on to the end instead.
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("the request holds more than one JSON value")
	}
	if dup := duplicateKey(trimmed); dup != "" {
		return nil, fmt.Errorf("the request gives the key %s; repeated keys are refused because readers disagree on which one counts", dup)
	}
	req := &Request{}
	fields := req.fields()
	folded := make(map[string]string, len(fields))
	for name := range fields {
		folded[foldKey(name)] = name
	}
	for _, key := range sortedKeys(top) {
		fill := fields[key]
		if fill == nil {
			// Another reader could take DRY_RUN for dry_run: refuse rather
			// than ignore a near miss of one of the envelope's own keys.
			if name, ok := folded[foldKey(key)]; ok {
				return nil, fmt.Errorf("the request's key %q is not %q: keys are matched exactly, letter case included", key, name)
			}
			continue
		}
		if !isNull(top[key]) {
			if err := fill(top[key]); err != nil {
				return nil, err
			}
		}
	}
	return req, nil
}

func isNull(b json.RawMessage) bool { return string(bytes.TrimSpace(b)) == "null" }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// decodeMember decodes one member of the envelope into dst. Maps keep their
// keys exactly as written, so only the member's own type is checked here.
func decodeMember(name string, b json.RawMessage, dst any) error {
	if err := json.Unmarshal(b, dst); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			return fmt.Errorf("the request's %q must be %s, got %s", name, jsonKind(typ.Type.Kind().String()), typ.Value)
		}
		return fmt.Errorf("the request's %q cannot be read: %v", name, err)
	}
	return nil
}

func (r *Request) decodeParameters(b json.RawMessage) error {
	var list []json.RawMessage
	if err := decodeMember("parameters", b, &list); err != nil {
		return err
	}
	r.Parameters = make([]map[string]any, len(list))
	for i, el := range list {
		if err := decodeMember(fmt.Sprintf("parameters[%d]", i), el, &r.Parameters[i]); err != nil {
			return err
		}
		if r.Parameters[i] == nil {
			r.Parameters[i] = map[string]any{}
		}
	}
	return nil
}

// number reads a JSON number member as text, so that its range can be
// checked before it is converted.
func numberMember(name string, b json.RawMessage) (json.Number, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || !(b[0] == '-' || (b[0] >= '0' && b[0] <= '9')) {
		var v any
		_ = json.Unmarshal(b, &v)
		return "", fmt.Errorf("the request's %q must be a number, got %s", name, JSONKind(v))
	}
	return json.Number(b), nil
}

func (r *Request) decodeTimeout(b json.RawMessage) error {
	n, err := numberMember("timeout", b)
	if err != nil {
		return err
	}
	v, err := strconv.ParseFloat(string(n), 64)
	if err != nil || math.IsInf(v, 0) || !(v > 0) || v > maxTimeout {
		return fmt.Errorf("timeout must be a positive number of seconds, at most %d (a day), got %s", maxTimeout, n)
	}
	r.Timeout = &v
	return nil
}

func (r *Request) decodeDebugLevel(b json.RawMessage) error {
	n, err := numberMember("debug_level", b)
	if err != nil {
		return err
	}
	v, err := strconv.ParseInt(string(n), 10, 32)
	if err != nil || v < 0 {
		return fmt.Errorf("debug_level must be a whole number, 0 or more (0 logs at info level, 1 and above at debug level), got %s", n)
	}
	r.DebugLevel = int(v)
	return nil
}

// decodeEnvironment reads Splunk SOAR's environment_variables: each name
// maps to {"type": ..., "value": ...}; a plain string value is accepted too.
// Values that are not text are left out.
func (r *Request) decodeEnvironment(b json.RawMessage) error {
	var vars map[string]json.RawMessage
	if err := decodeMember("environment_variables", b, &vars); err != nil {
		return err
	}
	r.Environment = make(map[string]string, len(vars))
	for name, raw := range vars {
		var plain string
		if json.Unmarshal(raw, &plain) == nil {
			r.Environment[name] = plain
			continue
		}
		var typed map[string]json.RawMessage
		if json.Unmarshal(raw, &typed) != nil {
			continue
		}
		if v, ok := typed["value"]; ok && json.Unmarshal(v, &plain) == nil {
			r.Environment[name] = plain
		}
	}
	return nil
}

func describeJSONError(raw []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("%v at byte %d", syn, syn.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("%q must be %s, got %s", typ.Field, jsonKind(typ.Type.Kind().String()), typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Sprintf("it ends early after %d bytes", len(raw))
	}
	return err.Error()
}

func jsonKind(goKind string) string {
	switch goKind {
	case "map", "struct":
		return "an object"
	case "slice":
		return "a list"
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "ptr", "float64", "int":
		return "a number"
	}
	return goKind
}

// TimeoutSeconds is the invocation bound the request asks for.
func (r *Request) TimeoutSeconds() float64 {
	if r == nil || r.Timeout == nil {
		return DefaultTimeout
	}
	return *r.Timeout
}

// JSONKind names the kind of a decoded JSON value for messages: "a
// number", "a list", ...
func JSONKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "true or false"
	case float64, json.Number, int:
		return "a number"
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	}
	return fmt.Sprintf("%T", v)
}
