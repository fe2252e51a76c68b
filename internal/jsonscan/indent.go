package jsonscan

// ValidItems reports whether b is one valid JSON value, as encoding/json's
// Valid does, in one pass that jumps over the plain runs of strings, and
// when it is an array returns the text of its elements, found in the same
// pass.
func ValidItems(b []byte) ([][]byte, bool) {
	items, problem := CheckItems(b, Limits{})
	return items, problem == OK
}

// maxDepth is encoding/json's nesting limit.
const maxDepth = 10000

// Limits bound what CheckItems accepts: how many objects and arrays may
// nest inside one another, and how many elements a top-level array may
// hold. A zero Depth is encoding/json's nesting limit; a zero Items leaves
// the elements unbounded, a negative one allows none.
type Limits struct {
	Depth int
	Items int
}

// Problem is why CheckItems refused a text.
type Problem int

// CheckItems' answers.
const (
	OK           Problem = iota
	Invalid              // not one valid JSON value
	TooDeep              // valid so far, but nested deeper than Limits.Depth
	TooManyItems         // a top-level array with more elements than Limits.Items
)

// CheckItems is ValidItems within limits: it stops at the first object or
// array nested deeper than lim.Depth, or at the element of a top-level
// array past lim.Items, and says which bound the text broke.
func CheckItems(b []byte, lim Limits) ([][]byte, Problem) {
	p := &indenter{b: b, split: true, maxDepth: maxDepth, maxItems: lim.Items}
	if lim.Depth > 0 {
		p.maxDepth = min(lim.Depth, maxDepth)
	}
	p.space()
	if !p.value(0) {
		return nil, p.refused()
	}
	p.space()
	if p.i != len(b) {
		return nil, Invalid
	}
	return p.items, OK
}

// NestsDeeper reports whether the JSON text b holds an object or array
// nested more than max levels deep, and the offset of the first bracket
// past that depth. It only matches brackets and skips strings, so it is
// fast and tells nothing about whether b is valid.
func NestsDeeper(b []byte, max int) (int, bool) {
	at, deeper := 0, false
	err := walkBrackets(b, func(j, depth int) bool {
		if depth > max {
			at, deeper = j, true
		}
		return deeper
	})
	if err != nil {
		return 0, false
	}
	return at, deeper
}

// AppendIndent appends b, which must be one valid JSON value, to dst laid
// out as encoding/json's Indent lays it out: one element or member a line,
// each line after the first starting with prefix and one indent per level,
// empty objects and arrays kept as {} and []. Leading and trailing white
// space is dropped. It also reports whether a string of b holds a
// character encoding/json escapes for HTML (<, >, &, U+2028, U+2029), so
// that the caller escapes only such values. ok is false, with dst in an
// unspecified state, when b is not valid JSON.
func AppendIndent(dst, b []byte, prefix, indent string) (out []byte, html, ok bool) {
	p := &indenter{b: b, dst: dst, prefix: prefix, indent: indent, emit: true, maxDepth: maxDepth}
	p.space()
	if !p.value(0) {
		return dst, false, false
	}
	p.space()
	return p.dst, p.html, p.i == len(b)
}

type indenter struct {
	b              []byte
	i              int
	dst            []byte
	prefix, indent string
	emit           bool
	html           bool // a string holds a character encoding/json escapes for HTML
	nl             []byte
	split          bool     // record the elements of a top-level array
	items          [][]byte // the elements recorded
	maxDepth       int      // containers may nest this deep
	maxItems       int      // a top-level array may hold this many elements (0: any, < 0: none)
	problem        Problem  // a bound broken (OK: the text is invalid, if refused)
}

// refused says why value failed.
func (p *indenter) refused() Problem {
	if p.problem != OK {
		return p.problem
	}
	return Invalid
}

func (p *indenter) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *indenter) out(s ...byte) {
	if p.emit {
		p.dst = append(p.dst, s...)
	}
}

func (p *indenter) newline(depth int) {
	if !p.emit {
		return
	}
	// nl holds a newline, the prefix and the deepest indentation written
	// so far; each line start is a slice of it.
	n := 1 + len(p.prefix) + depth*len(p.indent)
	for len(p.nl) < n {
		if len(p.nl) == 0 {
			p.nl = append(append(p.nl, '\n'), p.prefix...)
			continue
		}
		p.nl = append(p.nl, p.indent...)
	}
	p.dst = append(p.dst, p.nl[:n]...)
}

func (p *indenter) value(depth int) bool {
	if p.i >= len(p.b) {
		return false
	}
	switch c := p.b[p.i]; {
	case c == '{', c == '[':
		if depth >= p.maxDepth {
			p.problem = TooDeep
			return false
		}
		return p.container(depth, c+2, c == '{') // '{'+2 is '}', '['+2 is ']'

	case c == '"':
		return p.str()
	case c == 't':
		return p.literal("true")
	case c == 'f':
		return p.literal("false")
	case c == 'n':
		return p.literal("null")
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	}
	return false
}

// container reads an object (members) or an array after its opening
// bracket.
func (p *indenter) container(depth int, closing byte, members bool) bool {
	p.out(p.b[p.i])
	p.i++
	p.space()
	if p.i < len(p.b) && p.b[p.i] == closing {
		p.out(closing)
		p.i++
		return true
	}
	for {
		p.newline(depth + 1)
		if members {
			if p.i >= len(p.b) || p.b[p.i] != '"' || !p.str() {
				return false
			}
			p.space()
			if p.i >= len(p.b) || p.b[p.i] != ':' {
				return false
			}
			p.out(':', ' ')
			p.i++
			p.space()
		}
		start := p.i
		if p.split && depth == 0 && !members && p.maxItems != 0 && len(p.items) >= max(p.maxItems, 0) {
			p.problem = TooManyItems
			return false
		}
		if !p.value(depth + 1) {
			return false
		}
		if p.split && depth == 0 && !members {
			p.items = append(p.items, p.b[start:p.i])
		}
		p.space()
		if p.i >= len(p.b) {
			return false
		}
		switch p.b[p.i] {
		case ',':
			p.out(',')
			p.i++
			p.space()
		case closing:
			p.newline(depth)
			p.out(closing)
			p.i++
			return true
		default:
			return false
		}
	}
}

// strClass sorts the bytes of a string: 0 plain, 1 ends the plain run
// (quote, backslash, control character), 2 plain but escaped by
// encoding/json for HTML (<, >, & and the first byte of U+2028/U+2029).
var strClass = func() (t [256]byte) {
	for c := 0; c < 0x20; c++ {
		t[c] = 1
	}
	t['"'], t['\\'] = 1, 1
	t['<'], t['>'], t['&'], t[0xE2] = 2, 2, 2, 2
	return t
}()

// str copies a string: plain runs in one step, escapes checked.
func (p *indenter) str() bool {
	start := p.i
	p.i++
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch strClass[c] {
		case 0:
			p.i++
			continue
		case 2:
			p.html = true
			p.i++
			continue
		}
		switch {
		case c == '"':
			p.i++
			p.out(p.b[start:p.i]...)
			return true
		case c < 0x20:
			return false
		}
		// A backslash.
		if p.i+1 >= len(p.b) {
			return false
		}
		switch p.b[p.i+1] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			p.i += 2
		case 'u':
			if p.i+6 > len(p.b) {
				return false
			}
			for _, h := range p.b[p.i+2 : p.i+6] {
				if !isHex(h) {
					return false
				}
			}
			p.i += 6
		default:
			return false
		}
	}
	return false
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func (p *indenter) literal(word string) bool {
	if len(p.b)-p.i < len(word) || string(p.b[p.i:p.i+len(word)]) != word {
		return false
	}
	p.out(p.b[p.i : p.i+len(word)]...)
	p.i += len(word)
	return true
}

// number reads -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?.
func (p *indenter) number() bool {
	start := p.i
	if p.b[p.i] == '-' {
		p.i++
	}
	switch {
	case p.i < len(p.b) && p.b[p.i] == '0':
		p.i++
	case p.i < len(p.b) && p.b[p.i] >= '1' && p.b[p.i] <= '9':
		p.digits()
	default:
		return false
	}
	if p.i < len(p.b) && p.b[p.i] == '.' {
		p.i++
		if !p.digits() {
			return false
		}
	}
	if p.i < len(p.b) && (p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		p.i++
		if p.i < len(p.b) && (p.b[p.i] == '+' || p.b[p.i] == '-') {
			p.i++
		}
		if !p.digits() {
			return false
		}
	}
	p.out(p.b[start:p.i]...)
	return true
}

func (p *indenter) digits() bool {
	start := p.i
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		p.i++
	}
	return p.i > start
}
