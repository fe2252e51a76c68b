package connector

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/soar-okta/okta-connector/internal/textcut"
)

// Values from a request come from alert data that an attacker may control.
// Nothing from a request reaches a URL path unless it passes PathSegment, and
// nothing reaches an Okta filter or search expression except through
// QuoteLiteral.

const maxSegmentLen = 256

// PathSegment checks that v can stand as one segment of a URL path without
// changing which endpoint is called: letters, digits and . _ @ + - ~ only,
// never "." or "..", at most 256 characters. name is the parameter, for
// the message.
func PathSegment(name, v string) (string, error) {
	if v == "" {
		return "", fmt.Errorf("%s is empty", name)
	}
	if len(v) > maxSegmentLen {
		return "", fmt.Errorf("%s is %d characters long; at most %d are accepted", name, len(v), maxSegmentLen)
	}
	if v == "." || v == ".." {
		return "", fmt.Errorf("%s %q is not an Okta identifier", name, v)
	}
	for i, r := range v {
		if !segmentRune(r) {
			return "", fmt.Errorf("%s %s contains %s at position %d, which an Okta identifier never has", name, textcut.QuoteValue(v), describeRune(r), i+1)
		}
	}
	return v, nil
}

func segmentRune(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	}
	return strings.ContainsRune("._@+-~", r)
}

// IsPathSafe reports whether v passes PathSegment.
func IsPathSafe(v string) bool {
	_, err := PathSegment("value", v)
	return err == nil
}

// Path joins a fixed API path template with checked segments: each "{}" in
// template is replaced by the next segment. It panics when the counts differ,
// which is a programming error caught by the tests. A segment that fails
// PathSegment (an id Okta returned holding a "/", say) is bad input, not a
// bug: the path returned then carries it behind unsafeMark, and Okta.Do
// refuses to send it, with a message naming the id.
func Path(template string, segments ...string) string {
	var b strings.Builder
	rest := template
	for _, s := range segments {
		i := strings.Index(rest, "{}")
		if i < 0 {
			panic("connector.Path: more segments than placeholders in " + template)
		}
		if !IsPathSafe(s) {
			return unsafeMark + s
		}
		b.WriteString(rest[:i])
		b.WriteString(s)
		rest = rest[i+2:]
	}
	if strings.Contains(rest, "{}") {
		panic("connector.Path: fewer segments than placeholders in " + template)
	}
	b.WriteString(rest)
	return b.String()
}

// unsafeMark starts what Path returns for a segment that failed
// PathSegment; no real path starts with it.
const unsafeMark = "\x00unsafe segment\x00"

// unsafePath returns the error for a path Path marked as unsafe.
func unsafePath(method, path string) error {
	id, ok := strings.CutPrefix(path, unsafeMark)
	if !ok {
		return nil
	}
	_, why := PathSegment("the id", id)
	return fmt.Errorf("refused to send a %s request for an object: %v; in a path such an id would name another endpoint or none, and Okta's objects never carry one, so check the request and that base_url is the Okta org", method, why)
}

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
