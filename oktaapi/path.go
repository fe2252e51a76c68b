package oktaapi

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/soar-okta/okta-connector/internal/textcut"
)

// Values from a request come from alert data that an attacker may control.
// Nothing reaches a URL path except as an ID, which only CheckID (or
// CheckReturnedID, for an id Okta returned) makes, and a Path is built
// only from fixed templates and IDs (PathOf) or from a path APIPath
// checked. Nothing reaches an Okta filter or search expression except
// through QuoteLiteral. A value is checked once, where it enters, and the
// type carries the guarantee from there on.

const maxSegmentLen = 256

// ID is an Okta identifier (or login) that can stand as one segment of a
// URL path without changing which endpoint is called. Its zero value is
// no ID: PathOf refuses it.
type ID struct{ v string }

// CheckID checks that v can stand as one segment of a URL path: letters,
// digits and . _ @ + - ~ only, never "." or "..", at most 256 characters.
// name is the parameter, for the message. v is taken as it is: parameters
// are trimmed when they are read, once.
func CheckID(name, v string) (ID, error) {
	if v == "" {
		return ID{}, fmt.Errorf("%s is empty", name)
	}
	if len(v) > maxSegmentLen {
		return ID{}, fmt.Errorf("%s is %d characters long; at most %d are accepted", name, len(v), maxSegmentLen)
	}
	if v == "." || v == ".." {
		return ID{}, fmt.Errorf("%s %q is not an Okta identifier", name, v)
	}
	for i, r := range v {
		if !segmentRune(r) {
			return ID{}, fmt.Errorf("%s %s contains %s at position %d, which an Okta identifier never has", name, textcut.QuoteValue(v), describeRune(r), i+1)
		}
	}
	return ID{v}, nil
}

// CheckReturnedID checks an id Okta returned (a factor's, a role
// assignment's) before it goes into the path of a request of method.
// Okta's objects never carry an id that fails CheckID: one that does comes
// from a hostile or broken answer, and the request is refused with a
// message that says so.
func CheckReturnedID(method, v string) (ID, error) {
	id, err := CheckID("the id", v)
	if err != nil {
		return ID{}, fmt.Errorf("refused to send a %s request for an object: %v; in a path such an id would name another endpoint or none, and Okta's objects never carry one, so check the request and that base_url is the Okta org", method, err)
	}
	return id, nil
}

// String is the id as given.
func (id ID) String() string { return id.v }

func segmentRune(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	}
	return strings.ContainsRune("._@+-~", r)
}

// Path is the path of a request on base_url, without its query: a fixed
// template filled with IDs (PathOf), or a custom request's path that
// APIPath checked. Its zero value is no path.
type Path struct{ p string }

// PathOf fills a fixed API path template with IDs: each "{}" in template
// is replaced by the next id. template is the connector's own text, never
// a value from a request or from Okta. It panics when the counts differ or
// an ID is the zero value, which are programming errors caught by the
// tests.
func PathOf(template string, ids ...ID) Path {
	var b strings.Builder
	rest := template
	for _, id := range ids {
		i := strings.Index(rest, "{}")
		if i < 0 {
			panic("oktaapi.PathOf: more ids than placeholders in " + template)
		}
		if id.v == "" {
			panic("oktaapi.PathOf: an ID that CheckID did not make, in " + template)
		}
		b.WriteString(rest[:i])
		b.WriteString(id.v)
		rest = rest[i+2:]
	}
	if strings.Contains(rest, "{}") {
		panic("oktaapi.PathOf: fewer ids than placeholders in " + template)
	}
	b.WriteString(rest)
	return Path{b.String()}
}

// String is the path as sent.
func (p Path) String() string { return p.p }

// child is p followed by id; p ends with "/".
func (p Path) child(id ID) Path { return Path{p.p + id.v} }

const maxLiteralLen = 1024

// QuoteLiteral renders v as an Okta expression string literal: wrapped in
// double quotes with backslashes and double quotes escaped. Control
// characters and invalid UTF-8 are refused, since no Okta attribute holds
// them and they only serve to confuse the expression parser.
func QuoteLiteral(name, v string) (string, error) {
	if !utf8.ValidString(v) {
		return "", fmt.Errorf("%s is not valid UTF-8 text", name)
	}
	if len(v) > maxLiteralLen {
		return "", fmt.Errorf("%s is %d characters long; at most %d are accepted", name, len(v), maxLiteralLen)
	}
	var b strings.Builder
	b.WriteByte('"')
	for i, r := range v {
		if unicode.IsControl(r) {
			return "", fmt.Errorf("%s contains %s at position %d", name, describeRune(r), i+1)
		}
		if r == '"' || r == '\\' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String(), nil
}

func describeRune(r rune) string {
	switch {
	case r == ' ':
		return "a space"
	case unicode.IsSpace(r):
		return fmt.Sprintf("whitespace (U+%04X)", r)
	case unicode.IsControl(r):
		return fmt.Sprintf("a control character (U+%04X)", r)
	case r == utf8.RuneError:
		return "invalid UTF-8"
	}
	return fmt.Sprintf("%q", r)
}
