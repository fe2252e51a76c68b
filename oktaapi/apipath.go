package oktaapi

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/soar-okta/okta-connector/internal/textcut"
)

// APIPrefix is where every path of a custom API request must start: Okta's
// management API on base_url.
const APIPrefix = "/api/v1/"

const maxAPIPathLen = 2048

// APIPath checks a path given for a custom API request and returns it as
// a Path, unchanged. It must start with /api/v1/ and name a resource below it;
// each segment may hold only characters a URL path allows unencoded
// (letters, digits and - . _ ~ ! $ & ' ( ) * + , = : @) and
// percent-encoded bytes. Refused: empty, "." and ".." segments (so no //
// and no climbing out of /api/v1/), a scheme or host, a query or
// fragment, path parameters (";", which some servers and proxies strip,
// so that "..;" climbs like ".."), backslashes, spaces, control and
// non-ASCII characters, and encoded sequences that decode to / . ? # \ %
// ;, white space, a control or invisible character, a look-alike of / \ .
// ? #, or invalid UTF-8. What passes reaches base_url as written, and a
// server that decodes it once or normalises it still sees the same
// segments.
func APIPath(param, p string) (Path, error) {
	bad := func(why string) (Path, error) {
		return Path{}, fmt.Errorf("%s %s %s; give a path such as /api/v1/users/00u1abcd/groups", param, textcut.QuoteValue(p), why)
	}
	if len(p) > maxAPIPathLen {
		return bad(fmt.Sprintf("is %d characters long; at most %d are accepted", len(p), maxAPIPathLen))
	}
	if !strings.HasPrefix(p, APIPrefix) {
		return bad("does not start with " + APIPrefix)
	}
	for i, seg := range strings.Split(strings.TrimPrefix(p, APIPrefix), "/") {
		if why := badSegment(seg); why != "" {
			return bad(fmt.Sprintf("has a segment (%d after %s) that %s", i+1, APIPrefix, why))
		}
	}
	return Path{p}, nil
}

// badSegment says what is wrong with one raw path segment, "" if nothing.
func badSegment(seg string) string {
	switch seg {
	case "":
		return "is empty"
	case ".", "..":
		return "is " + seg
	}
	for i := 0; i < len(seg); i++ {
		c := seg[i]
		switch {
		case c == '%':
			if i+2 >= len(seg) || !isHex(seg[i+1]) || !isHex(seg[i+2]) {
				return "has a % not followed by two hexadecimal digits"
			}
			i += 2
		case c == ';':
			return "contains ';', a path parameter, which Okta's API never uses and which some servers and proxies strip (so that ..; climbs like ..)"
		case !pathChar(c):
			return "contains " + describeByte(c)
		}
	}
	for _, run := range encodedRuns(seg) {
		if !utf8.ValidString(run) {
			return "decodes to invalid UTF-8"
		}
		for _, r := range run {
			if strings.ContainsRune(encodedForbidden, r) || !unicode.IsPrint(r) || unicode.IsSpace(r) {
				return "hides " + describeHidden(r) + " in percent-encoding"
			}
			if lookAlikes[r] {
				return "hides " + describeHidden(r) + ", a look-alike of a path separator or dot, in percent-encoding"
			}
		}
	}
	return ""
}

// encodedRuns decodes each run of consecutive %HH sequences of a segment
// whose encoding is already checked.
func encodedRuns(seg string) []string {
	var runs []string
	var cur []byte
	for i := 0; i < len(seg); i++ {
		if seg[i] == '%' {
			cur = append(cur, unhex(seg[i+1])<<4|unhex(seg[i+2]))
			i += 2
			continue
		}
		if cur != nil {
			runs, cur = append(runs, string(cur)), nil
		}
	}
	if cur != nil {
		runs = append(runs, string(cur))
	}
	return runs
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

func describeHidden(r rune) string {
	if unicode.IsPrint(r) && r != ' ' {
		return describeRune(r)
	}
	return fmt.Sprintf("an invisible or control character (U+%04X)", r)
}

// encodedForbidden are the characters an encoded sequence may not stand
// for: they would change the path's structure if a server decoded it.
const encodedForbidden = "/.?#\\%;"

// lookAlikes are characters some servers fold into / \ . ? or # when they
// normalise Unicode.
var lookAlikes = map[rune]bool{
	'\u2215': true, '\u2044': true, '\u29F8': true, '\uFF0F': true, // slashes
	'\uFE68': true, '\uFF3C': true, '\u29F9': true, // backslashes
	'\u2024': true, '\u2025': true, '\u2026': true, '\uFF0E': true, '\u3002': true, '\uFE52': true, // dots
	'\uFF1F': true, '\uFE56': true, '\uFF03': true, '\uFE5F': true, // ? and #
}

// pathChar reports whether c may stand unencoded in a path segment
// (RFC 3986 pchar without "%").
func pathChar(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$&'()*+,;=:@", c) >= 0
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func describeByte(c byte) string {
	if c >= utf8.RuneSelf {
		return "a non-ASCII character (percent-encode it)"
	}
	return describeRune(rune(c))
}
