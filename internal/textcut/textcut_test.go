package textcut

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// cutNow is how the messages cut text before: at once.
func cutNow(s string, n int, ellipsis string) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + ellipsis
}

// Once resolved, a cut reads exactly as cutting at once read.
func TestShownReadsAsACutMadeAtOnce(t *testing.T) {
	for _, s := range []string{
		"", "short", strings.Repeat("x", 60), strings.Repeat("x", 61), strings.Repeat("é", 70),
		"quote \" and backslash \\ and tab \t and bell \a" + strings.Repeat("z", 40),
		"invalid \xff\xfe utf-8 " + strings.Repeat("y", 60), "line\nbreak\u2028" + strings.Repeat("w", 80),
	} {
		for _, n := range []int{0, 1, 10, 55, 60, 80} {
			t.Run(fmt.Sprintf("%q/%d", s, n), func(t *testing.T) {
				assert.Equal(t, cutNow(s, n, "…"), Shown(Cut(s, n, "…")))
				assert.Equal(t, fmt.Sprintf("%q", cutNow(s, n, "...")), Shown(Quote(s, n, "...")))
			})
		}
	}
}

// The rest of a cut stays in the string until it is resolved, and keep
// may move the cut back (before a secret), the part between replaced.
func TestResolveLetsTheCutMoveBack(t *testing.T) {
	s := "got " + Quote("0123456789SECRET-tail", 12, "…") + " from the request"
	assert.True(t, Marked(s))
	assert.Contains(t, s, "CRET-tail", "the rest is kept until the text is written out")
	var text string
	var cut int
	got := Resolve(s, func(tx string, c int) int {
		text, cut = tx, c
		return strings.Index(tx, "SECRET")
	}, "***")
	assert.Equal(t, `got "0123456789SECRET-tail`, text, "keep sees the text as it was before the cut")
	assert.Equal(t, len(`got "0123456789SE`), cut)
	assert.Equal(t, `got "0123456789***…" from the request`, got)
	assert.Equal(t, `got "0123456789SE…" from the request`, Shown(s))
}

// Text that holds a cut is not cut again, and quoting keeps its marks, so
// each cut still resolves.
func TestMarkedTextIsNotCutAgain(t *testing.T) {
	inner := Cut(strings.Repeat("a", 30), 5, "…")
	outer := "error: " + inner + strings.Repeat("b", 100)
	assert.Equal(t, outer, Cut(outer, 10, "…"))
	assert.Equal(t, `"error: aaaaa…`+strings.Repeat("b", 100)+`"`, Shown(Quote(outer, 10, "…")))
}

// Marks without this process's word are plain text.
func TestForgedMarksAreText(t *testing.T) {
	for _, s := range []string{"a\uFFF9b\uFFFBc", "\uFFF9", Start[:3] + "x" + End[:3]} {
		assert.False(t, Marked(s))
		assert.Equal(t, s, Shown(s))
	}
	unclosed := "kept " + Start + "hidden"
	assert.Equal(t, "kept ", Shown(unclosed), "a rest never closed is dropped")
}
