package schema

import (
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xeipuuv/gojsonschema"

	"github.com/soar-okta/okta-connector/internal/textcut"
)

// Subjects of a ValidationError.
const (
	SubjectParameter     = "parameter"
	SubjectConfiguration = "configuration"
)

// ValidationError lists everything wrong with a set of parameters or with the
// asset configuration, in declaration order, unknown names last.
type ValidationError struct {
	Subject  string // SubjectParameter or SubjectConfiguration
	Action   string // the action's name when Subject is SubjectParameter
	Problems []string
}

func (e *ValidationError) Error() string {
	head := "invalid configuration"
	if e.Subject == SubjectParameter {
		head = fmt.Sprintf("invalid parameters for %q", e.Action)
	}
	return head + ": " + strings.Join(e.Problems, "; ")
}

// Validate checks one run's parameters and returns a new map holding the
// coerced values plus defaults for the optional parameters left out. The
// error, if any, is a *ValidationError.
func (a *Action) Validate(in map[string]any) (map[string]any, error) {
	return a.params.validate(in)
}

// ValidateConfig does for the asset configuration what Validate does for
// parameters.
func (a *App) ValidateConfig(in map[string]any) (map[string]any, error) {
	return a.config.validate(in)
}

func (fs *fieldSet) validate(in map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(in))
	given := make(map[string]bool, len(in))
	for k, v := range in {
		p, known := fs.byName[k]
		switch {
		case !known:
			out[k] = true // only its name matters; the value is never shown
		case blank(v):
			given[k] = true
		default:
			out[k] = coerce(p, v)
		}
	}
	compiled, err := fs.compiled()
	if err != nil {
		return nil, fs.fail([]string{err.Error()})
	}
	res, err := compiled.Validate(gojsonschema.NewGoLoader(out))
	if err != nil {
		return nil, fs.fail([]string{fmt.Sprintf("values cannot be read as JSON: %v", err)})
	}
	if !res.Valid() {
		return nil, fs.fail(fs.translate(res.Errors(), in, given))
	}
	for _, p := range fs.ordered {
		v, ok := out[p.Name]
		if !ok && p.Default != nil {
			v, ok = coerce(p, p.Default), true
		}
		if ok {
			out[p.Name] = finish(p, v)
		}
	}
	return out, nil
}

func (fs *fieldSet) fail(problems []string) *ValidationError {
	return &ValidationError{Subject: fs.subject, Action: fs.action, Problems: problems}
}

// annotationExpects annotates each property of a derived schema with what
// it accepts, in words ("a positive whole number"), for messages. With
// JSON Schema's writeOnly (a secret, shown in a message only by its
// length), it is all a message needs from the declarations.
const annotationExpects = "x-expects"

// problem is what a message about one gojsonschema error may quote.
type problem struct {
	err     gojsonschema.ResultError
	fs      *fieldSet
	given   string // the value as given, as a message may show it
	expects string // the property's x-expects
	blank   bool   // given as null, "" or only white space
}

// messages words gojsonschema's errors, by error type. Any other error
// about a declared property reads "got <given>, expected <expects>"; an
// error about anything else keeps gojsonschema's description.
var messages = map[string]func(problem) string{
	"required": func(p problem) string {
		if p.blank {
			return "got an empty value, but a value is required"
		}
		return "missing (required)"
	},
	"additional_property_not_allowed": func(p problem) string {
		return p.fs.unknownText()
	},
	"number_lte": func(p problem) string {
		return fmt.Sprintf("got %s, expected %s no larger than %s", p.given, p.expects, plainNumber(p.err.Details()["max"]))
	},
}

// translate turns gojsonschema's errors into one message per name (the
// first error about it), ordered like the declarations, with unknown names
// last in alphabetical order.
func (fs *fieldSet) translate(errs []gojsonschema.ResultError, in map[string]any, blanks map[string]bool) []string {
	type named struct {
		known bool
		order int
		name  string
		text  string
	}
	seen := map[string]bool{}
	var list []named
	for _, e := range errs {
		name := e.Field()
		if prop := detail(e, "property"); prop != "" {
			name = prop // required and additional_property_not_allowed are errors of the object
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		pr := problem{err: e, fs: fs, blank: blanks[name]}
		prop := fs.property(name)
		if prop != nil {
			pr.expects, _ = prop[annotationExpects].(string)
			pr.given = describe(in[name], prop["writeOnly"] == true)
		}
		var text string
		switch word := messages[e.Type()]; {
		case word != nil:
			text = word(pr)
		case prop != nil:
			text = "got " + pr.given + ", expected " + pr.expects
		default:
			text = e.Description()
		}
		n := named{name: name, text: text}
		if p := fs.byName[name]; p != nil {
			n.known, n.order = true, p.Order
		}
		list = append(list, n)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].known != list[j].known {
			return list[i].known
		}
		if list[i].order != list[j].order {
			return list[i].order < list[j].order
		}
		return list[i].name < list[j].name
	})
	out := make([]string, len(list))
	for i, n := range list {
		out[i] = n.name + ": " + n.text
	}
	return out
}

// property returns the derived schema of a declared name, nil for any
// other.
func (fs *fieldSet) property(name string) map[string]any {
	props, _ := fs.doc["properties"].(map[string]any)
	prop, _ := props[name].(map[string]any)
	return prop
}

// plainNumber writes a bound gojsonschema reports (a *big.Float) in plain
// decimal notation.
func plainNumber(v any) string {
	if f, ok := v.(*big.Float); ok {
		return f.Text('f', -1)
	}
	return fmt.Sprint(v)
}

func detail(e gojsonschema.ResultError, key string) string {
	s, _ := e.Details()[key].(string)
	return s
}

func (fs *fieldSet) unknownText() string {
	what := "unknown parameter"
	if fs.subject == SubjectConfiguration {
		what = "unknown configuration key"
	}
	if len(fs.ordered) == 0 {
		return what + " (this action takes no parameters)"
	}
	return fmt.Sprintf("%s (accepted: %s)", what, strings.Join(fs.names(), ", "))
}

// expectation says in words what a declaration accepts: the x-expects
// annotation of its derived schema. A maximum is named only to a value
// above it (see messages).
func expectation(p *Param) string {
	switch {
	case p.DataType == TypeNumeric:
		return p.bounded()
	case p.DataType == TypeBoolean:
		return "true or false"
	case len(p.ValueList) > 0:
		quoted := make([]string, len(p.ValueList))
		for i, v := range p.ValueList {
			quoted[i] = strconv.Quote(v)
		}
		return "one of " + strings.Join(quoted, ", ") + " (case-sensitive)"
	default:
		return "a string"
	}
}

// maxShown is how many characters of a rejected value a message quotes.
const maxShown = 60

// describe renders a rejected value for a message: shortened when long, and
// only as a length when the value is a secret.
func describe(v any, secret bool) string {
	if secret {
		s, ok := v.(string)
		if !ok {
			s = fmt.Sprint(v)
		}
		n := utf8.RuneCountInString(s)
		if n == 1 {
			return "a value of 1 character"
		}
		return fmt.Sprintf("a value of %d characters", n)
	}
	if s, ok := v.(string); ok {
		if utf8.RuneCountInString(s) <= maxShown-2 {
			return strconv.Quote(s)
		}
		return textcut.Quote(s, maxShown-5, "...")
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("a value of type %T", v)
	}
	return shorten(string(b), maxShown)
}

// shorten cuts s to n characters, an ellipsis included. The cut is made
// when the message is written out, after its secrets are masked
// (internal/textcut).
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return textcut.Cut(s, n-3, "...")
}

// bounded says in words what a numeric declaration accepts, its maximum
// left out: "a positive whole number", "a number of at least 0.5".
func (p *Param) bounded() string {
	what := "a number"
	if p.Whole {
		what = "a whole number"
	}
	switch {
	case p.Minimum == nil:
		return what
	case p.Whole && *p.Minimum == 1:
		return "a positive whole number"
	}
	return fmt.Sprintf("%s of at least %v", what, p.bound(*p.Minimum))
}
