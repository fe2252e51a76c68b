package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"sort"

	"github.com/xeipuuv/gojsonschema"
)

// Data types a parameter, configuration value or output may declare.
const (
	TypeString   = "string"
	TypeNumeric  = "numeric"
	TypeBoolean  = "boolean"
	TypePassword = "password"
)

var (
	dataTypes   = []string{TypeString, TypeNumeric, TypeBoolean, TypePassword}
	actionTypes = []string{"test", "investigate", "contain", "correct", "generic", "ingest"}
	namePattern = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)
)

// App is a parsed manifest.
type App struct {
	AppID         string            `json:"appid"`
	Name          string            `json:"name"`
	Description   string            `json:"description"`
	Publisher     string            `json:"publisher"`
	Type          string            `json:"type"`
	ProductVendor string            `json:"product_vendor"`
	ProductName   string            `json:"product_name"`
	AppVersion    string            `json:"app_version"`
	Configuration map[string]*Param `json:"configuration"`
	Actions       []*Action         `json:"actions"`

	config       *fieldSet
	byName       map[string]*Action
	byIdentifier map[string]*Action
	actionsText  []byte          // ParseFor: the actions, not read yet
	text         []byte          // ParseFor: the whole manifest, when index applies to it
	index        *manifestIndex  // ParseFor: where each action is in text
	pending      []pendingAction // ParseFor: the actions split, not decoded yet
}

// Param declares one action parameter or one configuration value.
type Param struct {
	Name        string   `json:"-"`
	Description string   `json:"description"`
	DataType    string   `json:"data_type"`
	Required    bool     `json:"required"`
	Primary     bool     `json:"primary,omitempty"`
	Contains    []string `json:"contains,omitempty"`
	ValueList   []string `json:"value_list,omitempty"`
	Default     any      `json:"default,omitempty"`
	Order       int      `json:"order"`

	// Constraints of a numeric value (see the package documentation).
	Whole   bool     `json:"whole,omitempty"`
	Minimum *float64 `json:"minimum,omitempty"`
	Maximum *float64 `json:"maximum,omitempty"`
}

// Output declares one data path of an action result.
type Output struct {
	DataPath      string   `json:"data_path"`
	DataType      string   `json:"data_type"`
	Contains      []string `json:"contains,omitempty"`
	ExampleValues []any    `json:"example_values,omitempty"`
}

// Action declares one action: what it is called, what it accepts and what it
// returns.
type Action struct {
	Name        string            `json:"action"`
	Identifier  string            `json:"identifier"`
	Description string            `json:"description"`
	Verbose     string            `json:"verbose"`
	Type        string            `json:"type"`
	ReadOnly    bool              `json:"read_only"`
	Parameters  map[string]*Param `json:"parameters"`
	Output      []Output          `json:"output"`

	params *fieldSet
}

// Parse reads a manifest, checks that it is consistent and derives the JSON
// Schemas used by Validate and ValidateConfig (each is compiled the first
// time it is used). Unknown keys are tolerated at
// the top level but not inside actions, parameters, outputs or configuration
// entries, where a misspelt key would silently drop a rule.
func Parse(data []byte) (*App, error) {
	// One pass over the text: the top level is read key by key, so its
	// unknown keys can be skipped while the decoder refuses unknown keys
	// in everything below.
	var app App
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, fmt.Errorf("manifest: %s", notAnObject(err))
	}
	top := app.topFields()
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("manifest: %w", err)
		}
		key, _ := tok.(string)
		var dst any
		var where string
		switch {
		case key == "configuration":
			dst, where = &app.Configuration, "manifest configuration"
		case key == "actions":
			dst, where = &app.Actions, "manifest actions"
		case top[key] != nil:
			dst, where = top[key], "manifest"
		default:
			dst, where = new(json.RawMessage), "manifest"
		}
		if err := dec.Decode(dst); err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("manifest: more than one JSON value")
	}
	if err := app.build(); err != nil {
		return nil, err
	}
	return &app, nil
}

// topFields are the manifest's top-level text members, by name.
func (a *App) topFields() map[string]*string {
	return map[string]*string{
		"appid": &a.AppID, "name": &a.Name, "description": &a.Description, "publisher": &a.Publisher,
		"type": &a.Type, "product_vendor": &a.ProductVendor, "product_name": &a.ProductName, "app_version": &a.AppVersion,
	}
}

func notAnObject(err error) string {
	if err != nil {
		return err.Error()
	}
	return "expected a JSON object"
}

// build checks the manifest and compiles its schemas, reporting every problem
// found rather than only the first.
func (a *App) build() error {
	var errs []error
	if a.Name == "" {
		errs = append(errs, errors.New("manifest has no name"))
	}
	if len(a.Actions) == 0 {
		errs = append(errs, errors.New("manifest declares no actions"))
	}
	cfg, err := newFieldSet("configuration", "", a.Configuration)
	if err != nil {
		errs = append(errs, fmt.Errorf("configuration: %w", err))
	}
	a.config = cfg
	a.byName = map[string]*Action{}
	a.byIdentifier = map[string]*Action{}
	for i, act := range a.Actions {
		if act == nil {
			errs = append(errs, fmt.Errorf("action #%d is null", i))
			continue
		}
		if err := a.addAction(act); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (a *App) addAction(act *Action) error {
	var errs []error
	fail := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("action %q: "+format, append([]any{act.Name}, args...)...))
	}
	switch {
	case act.Name == "":
		fail("has no action name")
	case a.byName[act.Name] != nil:
		fail("declared twice")
	default:
		a.byName[act.Name] = act
	}
	switch {
	case !namePattern.MatchString(act.Identifier):
		fail("identifier %q must be lower-case letters, digits and underscores", act.Identifier)
	case a.byIdentifier[act.Identifier] != nil:
		fail("identifier %q is already used by action %q", act.Identifier, a.byIdentifier[act.Identifier].Name)
	default:
		a.byIdentifier[act.Identifier] = act
	}
	if !slices.Contains(actionTypes, act.Type) {
		fail("unknown type %q (want one of %v)", act.Type, actionTypes)
	}
	// A data path may be listed twice: the Splunk SOAR manifest this one
	// keeps compatible with declares one path of "set password" as both
	// string and numeric.
	for _, o := range act.Output {
		switch {
		case o.DataPath == "":
			fail("an output has no data_path")
		case !slices.Contains(dataTypes, o.DataType):
			fail("output %q: unknown data_type %q", o.DataPath, o.DataType)
		}
	}
	set, err := newFieldSet("parameter", act.Name, act.Parameters)
	if err != nil {
		fail("%w", err)
	}
	act.params = set
	return errors.Join(errs...)
}

// checkParam reports what is wrong with one declaration.
func checkParam(p *Param) error {
	var errs []error
	if !namePattern.MatchString(p.Name) {
		errs = append(errs, errors.New("name must be lower-case letters, digits and underscores"))
	}
	if !slices.Contains(dataTypes, p.DataType) {
		return errors.Join(append(errs, fmt.Errorf("unknown data_type %q (want one of %v)", p.DataType, dataTypes))...)
	}
	if len(p.ValueList) > 0 {
		if p.DataType != TypeString {
			errs = append(errs, fmt.Errorf("value_list needs data_type string, not %s", p.DataType))
		}
		sorted := slices.Clone(p.ValueList)
		sort.Strings(sorted)
		if len(slices.Compact(sorted)) != len(p.ValueList) {
			errs = append(errs, errors.New("value_list repeats a value"))
		}
	}
	errs = append(errs, checkBounds(p)...)
	if p.Default != nil {
		if err := checkDefault(p); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// checkBounds reports what is wrong with a declaration's whole, minimum and
// maximum.
func checkBounds(p *Param) []error {
	if !p.Whole && p.Minimum == nil && p.Maximum == nil {
		return nil
	}
	if p.DataType != TypeNumeric {
		return []error{fmt.Errorf("whole, minimum and maximum need data_type numeric, not %s", p.DataType)}
	}
	var errs []error
	for _, b := range []struct {
		key   string
		value *float64
	}{{"minimum", p.Minimum}, {"maximum", p.Maximum}} {
		switch {
		case b.value == nil:
		case p.Whole && *b.value != math.Trunc(*b.value):
			errs = append(errs, fmt.Errorf("%s %v is not a whole number", b.key, *b.value))
		case p.Whole && math.Abs(*b.value) > maxWhole:
			errs = append(errs, fmt.Errorf("%s %v is beyond the whole numbers a JSON number holds exactly (%d)", b.key, *b.value, maxWhole))
		}
	}
	if p.Minimum != nil && p.Maximum != nil && *p.Minimum > *p.Maximum {
		errs = append(errs, fmt.Errorf("minimum %v is larger than maximum %v", *p.Minimum, *p.Maximum))
	}
	return errs
}

func checkDefault(p *Param) error {
	switch p.DataType {
	case TypePassword:
		return errors.New("a password cannot have a default")
	case TypeString:
		s, ok := p.Default.(string)
		if !ok {
			return fmt.Errorf("default %v is not a string", p.Default)
		}
		if len(p.ValueList) > 0 && !slices.Contains(p.ValueList, s) {
			return fmt.Errorf("default %q is not in value_list %v", s, p.ValueList)
		}
	case TypeBoolean:
		if _, ok := p.Default.(bool); !ok {
			return fmt.Errorf("default %v is not a boolean", p.Default)
		}
	case TypeNumeric:
		f, ok := p.Default.(float64)
		if !ok {
			return fmt.Errorf("default %v is not a number", p.Default)
		}
		if !p.accepts(f) {
			within := p.bounded()
			if p.Maximum != nil {
				within += fmt.Sprintf(" no larger than %v", p.bound(*p.Maximum))
			}
			return fmt.Errorf("default %v is not %s", f, within)
		}
	}
	return nil
}

// compile turns a derived JSON Schema document into a gojsonschema schema.
// gojsonschema's loader of Go values writes a document as JSON and reads
// it back (numbers as json.Number, lists as []any) at every start of the
// connector; the document is handed over already in that form instead
// (asDecoded), which is the same value without the round trip.
func compile(doc map[string]any) (*gojsonschema.Schema, error) {
	return gojsonschema.NewSchema(gojsonschema.NewRawLoader(asDecoded(doc)))
}

// asDecoded is v as encoding/json reads v's JSON text back with UseNumber:
// objects as map[string]any, lists as []any, numbers as json.Number with
// the text json.Marshal writes them with.
func asDecoded(v any) any {
	switch x := v.(type) {
	case nil, bool, string, json.Number:
		return x
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = asDecoded(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = asDecoded(e)
		}
		return out
	case []string:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = e
		}
		return out
	}
	// A number, or any other value: through its text.
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	if dec.Decode(&out) != nil {
		return v
	}
	return out
}
