package schema

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"sync"

	"github.com/xeipuuv/gojsonschema"
)

// fieldSet is what an action's parameters and the configuration have in
// common: named declarations in a fixed order and the schema derived from
// them.
type fieldSet struct {
	subject string // "parameter" or "configuration"
	action  string // action name, empty for the configuration
	byName  map[string]*Param
	ordered []*Param
	doc     map[string]any

	// The compiled schema is built on first use: a run of the connector
	// validates one action's parameters, and compiling every action's
	// schema would be most of its start-up time.
	once      sync.Once
	schema    *gojsonschema.Schema
	schemaErr error
}

// compiled returns the compiled JSON Schema of the set.
func (fs *fieldSet) compiled() (*gojsonschema.Schema, error) {
	fs.once.Do(func() {
		fs.schema, fs.schemaErr = compile(fs.doc)
		if fs.schemaErr != nil {
			fs.schemaErr = fmt.Errorf("derived schema does not compile: %w", fs.schemaErr)
		}
	})
	return fs.schema, fs.schemaErr
}

func newFieldSet(subject, action string, params map[string]*Param) (*fieldSet, error) {
	fs := &fieldSet{subject: subject, action: action, byName: map[string]*Param{}}
	var errs []error
	for name, p := range params {
		if p == nil {
			errs = append(errs, fmt.Errorf("%s %q is null", subject, name))
			continue
		}
		p.Name = name
		if err := checkParam(p); err != nil {
			errs = append(errs, fmt.Errorf("%s %q: %w", subject, name, err))
		}
		fs.byName[name] = p
		fs.ordered = append(fs.ordered, p)
	}
	sort.Slice(fs.ordered, func(i, j int) bool {
		if fs.ordered[i].Order != fs.ordered[j].Order {
			return fs.ordered[i].Order < fs.ordered[j].Order
		}
		return fs.ordered[i].Name < fs.ordered[j].Name
	})
	for i := 1; i < len(fs.ordered); i++ {
		if prev, p := fs.ordered[i-1], fs.ordered[i]; prev.Order == p.Order {
			errs = append(errs, fmt.Errorf("%ss %q and %q share order %d", subject, prev.Name, p.Name, p.Order))
		}
	}
	if len(errs) > 0 {
		sort.Slice(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
		return fs, errors.Join(errs...)
	}
	fs.doc = fs.jsonSchema()
	return fs, nil
}

// names lists the declared names in order.
func (fs *fieldSet) names() []string {
	out := make([]string, len(fs.ordered))
	for i, p := range fs.ordered {
		out[i] = p.Name
	}
	return out
}

// jsonSchema derives the JSON Schema document for the set.
func (fs *fieldSet) jsonSchema() map[string]any {
	props := map[string]any{}
	required := []string{}
	for _, p := range fs.ordered {
		props[p.Name] = propertySchema(p)
		if p.Required {
			required = append(required, p.Name)
		}
	}
	return map[string]any{
		"$schema":              "http://json-schema.org/draft-07/schema#",
		"type":                 "object",
		"properties":           props,
		"required":             required,
		"additionalProperties": false,
	}
}

// maxWhole is the largest whole number a JSON number holds exactly: the
// bound of a whole value that declares none.
const maxWhole = 1<<53 - 1

func propertySchema(p *Param) map[string]any {
	s := map[string]any{}
	if p.Description != "" {
		s["description"] = p.Description
	}
	switch p.DataType {
	case TypeNumeric:
		s["type"] = "number"
		if p.Whole {
			s["type"] = "integer"
		}
		if lo, ok := p.lowest(); ok {
			s["minimum"] = p.bound(lo)
		}
		if hi, ok := p.highest(); ok {
			s["maximum"] = p.bound(hi)
		}
	case TypeBoolean:
		s["type"] = "boolean"
	default:
		s["type"] = "string"
	}
	if len(p.ValueList) > 0 {
		s["enum"] = p.ValueList
	}
	if p.Default != nil {
		s["default"] = p.Default
	}
	if p.DataType == TypePassword {
		s["writeOnly"] = true
	}
	s[annotationExpects] = expectation(p)
	return s
}

// lowest is the smallest value a numeric declaration accepts, if any:
// its minimum, or for a whole number the smallest a JSON number holds
// exactly.
func (p *Param) lowest() (float64, bool) {
	switch {
	case p.Minimum != nil:
		return *p.Minimum, true
	case p.Whole:
		return -maxWhole, true
	}
	return 0, false
}

// highest is the largest value a numeric declaration accepts, if any.
func (p *Param) highest() (float64, bool) {
	switch {
	case p.Maximum != nil:
		return *p.Maximum, true
	case p.Whole:
		return maxWhole, true
	}
	return 0, false
}

// bound writes a minimum or maximum into the schema: an int for a whole
// number.
func (p *Param) bound(f float64) any {
	if p.Whole {
		return int(f)
	}
	return f
}

// accepts reports whether a number meets the declaration's whole, minimum
// and maximum.
func (p *Param) accepts(f float64) bool {
	lo, hasLo := p.lowest()
	hi, hasHi := p.highest()
	return (!p.Whole || f == math.Trunc(f)) && (!hasLo || f >= lo) && (!hasHi || f <= hi)
}
