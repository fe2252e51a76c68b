package envelope

import (
	"bytes"
	"encoding/json"
	"html"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/soar-okta/okta-connector/internal/textcut"
)

// Secrets are masked where they are values: in each string of the result
// envelope and of a log line, never in the JSON around it. The envelope's
// own keys and words ("status": "failed") stay as they are whatever the
// secrets, so the output is always valid JSON that keeps its shape.
//
// A secret is looked for in the forms it can take on the way out (see
// secretForms), and a cut text is cut only after masking (textcut).
// Whatever still holds a secret after masking is not written: the envelope
// is withheld, the log line replaced (see Write and scrubWriter).

// secretForms lists the ways v can appear in a text: as given, with its
// white space collapsed (a page's text on one line) or removed, each
// escaped for JSON (with and without encoding/json's HTML escapes), for a
// Go-quoted message, for a URL or for HTML, and any of those escaped again
// for JSON or a Go quote (a JSON body quoted in a message). Forms shorter
// than minSecretLen are left out, as short secrets are.
func secretForms(v string) []string {
	if len(v) < minSecretLen {
		return nil
	}
	var out []string
	add := func(f string) {
		if len(f) >= minSecretLen && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	fields := strings.Fields(v)
	for _, base := range []string{v, strings.Join(fields, " "), strings.Join(fields, "")} {
		for _, once := range []string{base, jsonInner(base, false), jsonInner(base, true), goInner(base),
			url.QueryEscape(base), url.PathEscape(base), html.EscapeString(base)} {
			add(once)
			add(jsonInner(once, false))
			add(jsonInner(once, true))
			add(goInner(once))
		}
	}
	return out
}

// jsonInner is s encoded as a JSON string, without the quotes.
func jsonInner(s string, escapeHTML bool) string {
	if plainASCII(s) {
		return s
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(escapeHTML)
	_ = enc.Encode(s)
	out := bytes.TrimSuffix(b.Bytes(), []byte("\n"))
	return string(out[1 : len(out)-1])
}

// goInner is s quoted as Go quotes it (%q), without the quotes.
func goInner(s string) string {
	if plainASCII(s) {
		return s
	}
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}

// plainASCII reports whether s is printable ASCII that neither JSON (HTML
// escapes included) nor a Go quote escapes.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c >= 0x7f, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return false
		}
	}
	return true
}

// masker masks a fixed set of secrets: a snapshot of the scrubber, taken
// for one envelope or one log line.
type masker struct {
	forms     []string // every form of every secret, longest first
	formBytes [][]byte
	r         *strings.Replacer // forms to masked; nil when there are none
	revealed  map[string]bool   // secrets the analyst asked to see (Scrubber.Reveal)
	fffd      bool              // a form holds U+FFFD, which invalid UTF-8 reads as
}

// newMasker masks forms, the forms of the secrets (secretForms), without
// repeats.
func newMasker(forms []string, revealed map[string]bool) *masker {
	m := &masker{forms: slices.Clone(forms), revealed: revealed}
	// The replacer tries its strings in argument order: longest first, so
	// a secret that contains another one (a password with characters
	// appended) is masked whole.
	slices.SortStableFunc(m.forms, func(a, b string) int { return len(b) - len(a) })
	args := make([]string, 0, 2*len(m.forms))
	for _, f := range m.forms {
		m.formBytes = append(m.formBytes, []byte(f))
		m.fffd = m.fffd || strings.ContainsRune(f, utf8.RuneError)
		args = append(args, f, masked)
	}
	if len(args) > 0 {
		m.r = strings.NewReplacer(args...)
	}
	return m
}

// maskText masks one text: each cut resolved after masking what straddles
// it, then every form of every secret replaced by masked.
func (m *masker) maskText(s string) string {
	if textcut.Marked(s) {
		s = textcut.Resolve(s, m.safeCut, masked)
	}
	if m.r == nil {
		return s
	}
	return m.r.Replace(s)
}

// safeCut returns the position, at or before cut, where text can be cut
// without leaving the start of a secret: the start of the first secret
// that straddles cut, if any.
func (m *masker) safeCut(text string, cut int) int {
	for moved := true; moved && cut > 0; {
		moved = false
		for _, f := range m.forms {
			from, to := max(0, cut-len(f)+1), min(len(text), cut+len(f)-1)
			if from >= to {
				continue
			}
			if at := strings.Index(text[from:to], f); at >= 0 && from+at < cut {
				cut, moved = from+at, true
			}
		}
	}
	return cut
}

// leaks reports whether masked text still holds a secret outside the
// masks: the check made before anything is written.
func (m *masker) leaks(s string) bool {
	if len(m.forms) == 0 {
		return false
	}
	for {
		piece, rest, found := strings.Cut(s, masked)
		for _, f := range m.forms {
			if strings.Contains(piece, f) {
				return true
			}
		}
		if !found {
			return false
		}
		s = rest
	}
}

// cleanString reports whether s reads the same masked: no secret, no cut.
func (m *masker) cleanString(s string) bool {
	if textcut.Marked(s) {
		return false
	}
	for _, f := range m.forms {
		if strings.Contains(s, f) {
			return false
		}
	}
	return !m.fffd || utf8.ValidString(s)
}

var cutStartBytes = []byte(textcut.Start)

// cleanBytes reports whether every string of the JSON text b reads the
// same masked. It looks at the bytes only: a text without a backslash has
// strings that read as they are written, so a secret in one of them is a
// secret in b. A text with a backslash, or with a secret anywhere (in a
// key, or across the JSON around the strings), is looked at string by
// string (rewrite).
func (m *masker) cleanBytes(b []byte) bool {
	if bytes.Contains(b, cutStartBytes) {
		return false
	}
	if len(m.forms) == 0 {
		return true
	}
	if bytes.IndexByte(b, '\\') >= 0 {
		return false
	}
	for _, f := range m.formBytes {
		if bytes.Contains(b, f) {
			return false
		}
	}
	return !m.fffd || utf8.Valid(b)
}

// maskScope says which strings of a JSON value are masked.
type maskScope uint8

const (
	// maskValues masks string values.
	maskValues maskScope = 1 << iota
	// maskKeys masks object keys too: the keys of Okta's objects and of
	// the request's parameters and state, which are not the connector's.
	maskKeys
	// maskNestedKeys masks the keys of objects inside the value, not its
	// own: a summary's or a log line's keys are the connector's, an Okta
	// object held in one of them is not.
	maskNestedKeys
	// showRevealed leaves whole a value that is exactly a secret the
	// analyst asked to see (data items only).
	showRevealed
	// keepLevel leaves the value of a top-level "level" member (a log
	// line's level word).
	keepLevel
)

// keysMasked reports whether scope masks the keys of an object depth
// levels inside the value (0: the value's own).
func (scope maskScope) keysMasked(depth int) bool {
	return scope&maskKeys != 0 || scope&maskNestedKeys != 0 && depth > 0
}

// cleanValue reports whether every string of v, an object or list depth
// levels inside a value, reads the same masked, walking the types handlers
// build data from. known is false for any other type, which is then
// encoded and looked at as JSON.
func (m *masker) cleanValue(v any, scope maskScope, depth int) (clean, known bool) {
	switch x := v.(type) {
	case nil, bool, float64, float32, int, int64, int32, uint, uint64, json.Number:
		return true, true
	case string:
		return m.cleanString(x) && !(scope&showRevealed != 0 && m.revealed[x]), true
	case json.RawMessage:
		return m.cleanBytes(x), true
	case []any:
		for _, e := range x {
			if c, k := m.cleanValue(e, scope, depth+1); !c || !k {
				return c, k
			}
		}
		return true, true
	case []string:
		for _, e := range x {
			if !m.cleanString(e) {
				return false, true
			}
		}
		return true, true
	case map[string]any:
		for k, e := range x {
			if scope.keysMasked(depth) && !m.cleanString(k) {
				return false, true
			}
			if c, kn := m.cleanValue(e, scope, depth+1); !c || !kn {
				return c, kn
			}
		}
		return true, true
	case map[string]string:
		for k, e := range x {
			if scope.keysMasked(depth) && !m.cleanString(k) || !m.cleanString(e) {
				return false, true
			}
		}
		return true, true
	}
	return false, false
}

// rewrite masks the strings of the valid JSON text b that scope names,
// keeping everything else byte for byte: a string that masking leaves as
// it was keeps its escapes, one that changes is written as encoding/json
// writes it. It returns b itself when nothing changed, and reports whether
// a string would still disclose a secret.
func (m *masker) rewrite(b []byte, scope maskScope) (out []byte, leak bool) {
	type frame struct {
		object bool
		seen   map[string]bool // the object's keys as written
		masked map[string]bool // those that masking changed
	}
	var stack []frame
	expectKey, keepNext := false, false
	copied := 0 // b[:copied] is in out, once out is in use
	for i := 0; i < len(b); {
		switch c := b[i]; c {
		case '{', '[':
			stack = append(stack, frame{object: c == '{'})
			expectKey = c == '{'
			i++
			continue
		case '}', ']':
			stack = stack[:len(stack)-1]
			i++
			continue
		case ',':
			expectKey = len(stack) > 0 && stack[len(stack)-1].object
			i++
			continue
		case ':':
			expectKey = false
			i++
			continue
		case '"':
		default:
			i++
			continue
		}
		end := stringEnd(b, i)
		raw := b[i:end]
		isKey := expectKey && len(stack) > 0 && stack[len(stack)-1].object
		text := decodeString(raw)
		shown, masked := text, false
		switch {
		case isKey && len(stack) == 1 && scope&keepLevel != 0:
			keepNext = text == "level"
		case isKey && !scope.keysMasked(len(stack)-1), !isKey && keepNext,
			!isKey && scope&showRevealed != 0 && m.revealed[text]:
			keepNext = false
		default:
			keepNext = false
			shown, masked = m.maskText(text), true
		}
		if masked && isKey {
			f := &stack[len(stack)-1]
			if f.seen == nil {
				f.seen, f.masked = map[string]bool{}, map[string]bool{}
			}
			// Two keys masked alike, or a masked key and one that reads
			// the same, stay two members.
			base, changed := shown, shown != text
			for n := 2; f.seen[shown] && (changed || f.masked[shown]); n++ {
				shown, changed = base+" ("+strconv.Itoa(n)+")", true
			}
			f.seen[shown] = true
			if changed {
				f.masked[shown] = true
			}
		}
		leak = leak || masked && m.leaks(shown)
		if shown != text || textcut.Marked(text) {
			if out == nil {
				out = make([]byte, 0, len(b)+16)
			}
			out = append(out, b[copied:i]...)
			enc, _ := json.Marshal(shown)
			out = append(out, enc...)
			copied = end
		}
		i = end
	}
	if out == nil {
		return b, leak
	}
	return append(out, b[copied:]...), leak
}

// stringEnd returns the position after the JSON string that starts at i.
func stringEnd(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(b)
}

// decodeString reads a JSON string (quotes included) as a reader would.
func decodeString(raw []byte) string {
	inner := raw[1 : len(raw)-1]
	if bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) {
		return string(inner)
	}
	var s string
	_ = json.Unmarshal(raw, &s)
	return s
}
