// Package jsonscan finds the boundaries of JSON values in text without
// decoding them: far faster than a full decode where only a value's extent
// matters (one action of a large manifest, the items of a page that is
// already known to be valid JSON). It matches brackets and skips strings;
// it does not check what it passes over.
package jsonscan

import (
	"bytes"
	"errors"
	"fmt"
)

// SplitArray splits the JSON array starting at b[i] into its elements and
// returns where it ends.
func SplitArray(b []byte, i int) ([][]byte, int, error) {
	if i >= len(b) || b[i] != '[' {
		return nil, 0, errors.New("expected a JSON array")
	}
	var out [][]byte
	i = SkipSpace(b, i+1)
	if i < len(b) && b[i] == ']' {
		return out, i + 1, nil
	}
	for {
		end, err := SkipValue(b, i)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, b[i:end])
		i = SkipSpace(b, end)
		if i >= len(b) {
			return nil, 0, errors.New("unexpected end of an array")
		}
		if b[i] == ']' {
			return out, i + 1, nil
		}
		if b[i] != ',' {
			return nil, 0, errors.New("expected ',' or ']' in an array")
		}
		i = SkipSpace(b, i+1)
	}
}

// SkipSpace returns the index of the first byte at or after i that is not
// JSON white space.
func SkipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
		i++
	}
	return i
}

// SkipValue returns the end of the value starting at b[i]. It matches
// brackets and skips strings; the values it passes over are decoded (and
// so checked) only when they are used.
func SkipValue(b []byte, i int) (int, error) {
	if i >= len(b) {
		return 0, errors.New("unexpected end of the manifest")
	}
	switch b[i] {
	case '"':
		return SkipString(b, i)
	case '{', '[':
		end := -1
		err := walkBrackets(b[i:], func(j, depth int) bool {
			if depth == 0 {
				end = i + j + 1
				return true
			}
			return false
		})
		if err != nil {
			return 0, err
		}
		if end >= 0 {
			return end, nil
		}
		return 0, errors.New("unbalanced brackets")
	}
	j := i
	for j < len(b) && !isDelimiter(b[j]) {
		j++
	}
	if j == i {
		return 0, fmt.Errorf("unexpected %q", b[i])
	}
	return j, nil
}

// SkipString returns the end of the string starting at b[i]. Most of a
// manifest's text is inside strings, so it jumps from quote to quote.
func SkipString(b []byte, i int) (int, error) {
	j := i + 1
	for {
		k := bytes.IndexByte(b[j:], '"')
		if k < 0 {
			return 0, errors.New("unterminated string")
		}
		j += k
		escapes := 0
		for p := j - 1; p > i && b[p] == '\\'; p-- {
			escapes++
		}
		if escapes%2 == 0 {
			return j + 1, nil
		}
		j++
	}
}

// structural marks the bytes SkipValue stops at outside strings.
var structural = [256]bool{'"': true, '{': true, '}': true, '[': true, ']': true}

func isDelimiter(c byte) bool {
	switch c {
	case ',', ']', '}', ' ', '\n', '\r', '\t':
		return true
	}
	return false
}

// walkBrackets visits the brackets of b in order, skipping strings: visit
// gets each bracket's offset and the nesting depth after it (one more after
// an opening bracket, one less after a closing one) and stops the walk by
// returning true. It fails only on a string that does not end.
func walkBrackets(b []byte, visit func(at, depth int) (stop bool)) error {
	depth := 0
	for j := 0; j < len(b); j++ {
		for j < len(b) && !structural[b[j]] {
			j++
		}
		if j == len(b) {
			break
		}
		switch b[j] {
		case '"':
			end, err := SkipString(b, j)
			if err != nil {
				return err
			}
			j = end - 1
			continue
		case '{', '[':
			depth++
		default:
			depth--
		}
		if visit(j, depth) {
			return nil
		}
	}
	return nil
}
