// Package textcut shortens text for messages without losing what was cut
// before the text is written out.
//
// A message quotes at most a few dozen characters of a long value (a
// request value, a server's error page). Cutting it at once would leave the
// first characters of a secret that straddles the cut, which nothing could
// recognise afterwards. Instead, Cut keeps the rest of the text in the
// string between two marks, and whatever writes the text out masks secrets
// first and drops the marked rest after (Resolve): text is cut only after
// masking.
//
// The marks are a Unicode interlinear annotation anchor and terminator
// (U+FFF9, U+FFFB), characters meant for a program's own use, each followed
// by a random word drawn when the process starts, so that text from a
// request or from Okta cannot forge them.
package textcut

import (
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode/utf8"
)

var (
	// Start begins the rest of a cut text.
	Start string
	// End ends it.
	End string
)

func init() {
	var b [8]byte
	_, _ = rand.Read(b[:])
	word := hex.EncodeToString(b[:])
	Start, End = "\uFFF9"+word, "\uFFFB"+word
}

// Marked reports whether s holds a cut.
func Marked(s string) bool { return strings.Contains(s, Start) }

// Cut returns s when it has at most n characters, and otherwise its first
// n characters, the marked rest, and ellipsis. Text that already holds a
// cut is returned as it is.
func Cut(s string, n int, ellipsis string) string {
	head, tail, ok := split(s, n)
	if !ok {
		return s
	}
	return head + Start + tail + End + ellipsis
}

// Ellipsis ends the part of a cut text that messages keep.
const Ellipsis = "…"

// QuoteValue is how messages show a value from a request or from Okta:
// quoted and escaped as %q does, cut to 60 characters.
func QuoteValue(v string) string { return Quote(v, 60, Ellipsis) }

// Quote is strconv.Quote of s cut the way Cut cuts it, with the ellipsis
// inside the quotes: once resolved, it reads as strconv.Quote of the first
// n characters and the ellipsis. Marks already in s are kept as they are.
func Quote(s string, n int, ellipsis string) string {
	head, tail, ok := split(s, n)
	if !ok {
		return `"` + quoteInner(s) + `"`
	}
	return `"` + quoteInner(head) + Start + quoteInner(tail) + End + quoteInner(ellipsis) + `"`
}

// split cuts s after n characters, as the messages always have: invalid
// UTF-8 in the part kept reads as U+FFFD.
func split(s string, n int) (head, tail string, ok bool) {
	if Marked(s) || utf8.RuneCountInString(s) <= n {
		return "", "", false
	}
	r := []rune(s)
	return string(r[:n]), string(r[n:]), true
}

// quoteInner escapes s as strconv.Quote does, without the quotes, and
// leaves the marks of a cut in it as they are.
func quoteInner(s string) string {
	var b strings.Builder
	for s != "" {
		i, mark := nextMark(s)
		q := strconv.Quote(s[:i])
		b.WriteString(q[1 : len(q)-1])
		if i == len(s) {
			break
		}
		b.WriteString(mark)
		s = s[i+len(mark):]
	}
	return b.String()
}

// nextMark finds the first mark in s: its position (len(s) when there is
// none) and which one it is.
func nextMark(s string) (int, string) {
	i, j := strings.Index(s, Start), strings.Index(s, End)
	switch {
	case i < 0 && j < 0:
		return len(s), ""
	case j < 0 || i >= 0 && i < j:
		return i, Start
	}
	return j, End
}

// Resolve drops the marked rest of every cut in s. Before a rest is
// dropped, keep is given the text as it was before the cut (the part kept
// followed by the rest) and the position of the cut, and returns where the
// text may be cut instead: before a secret that straddles the cut. When
// that is before the cut, masked stands for the part between. A nil keep
// cuts where the text was cut.
func Resolve(s string, keep func(text string, cut int) int, masked string) string {
	for {
		i := strings.Index(s, Start)
		if i < 0 {
			return s
		}
		rest := s[i+len(Start):]
		j := strings.Index(rest, End)
		if j < 0 {
			return s[:i]
		}
		head, tail, after := s[:i], rest[:j], rest[j+len(End):]
		at := len(head)
		if keep != nil {
			at = min(keep(head+tail, len(head)), len(head))
		}
		if at < len(head) {
			s = head[:at] + masked + after
		} else {
			s = head + after
		}
	}
}

// Shown is s as it reads once written out, secrets aside: every cut
// resolved where it was made.
func Shown(s string) string { return Resolve(s, nil, "") }
