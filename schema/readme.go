package schema

import (
	"fmt"
	"strings"
)

// Lines that enclose the generated action reference in its page (docs/actions.md).
const (
	BeginMarker = "<!-- actions:begin -->"
	EndMarker   = "<!-- actions:end -->"
)

// ReplaceSection returns readme with the text between BeginMarker and
// EndMarker replaced by generated. Everything outside the markers is kept
// byte for byte, and applying it twice gives the same result as once. Each
// marker must appear exactly once, the begin marker first.
func ReplaceSection(readme, generated string) (string, error) {
	for _, m := range []string{BeginMarker, EndMarker} {
		if n := strings.Count(readme, m); n != 1 {
			return "", fmt.Errorf("the reference page must contain %q exactly once, found it %d times", m, n)
		}
	}
	begin := strings.Index(readme, BeginMarker) + len(BeginMarker)
	end := strings.Index(readme, EndMarker)
	if end < begin {
		return "", fmt.Errorf("the reference page has %q before %q", EndMarker, BeginMarker)
	}
	body := strings.Trim(generated, "\n")
	if body != "" {
		body = "\n" + body + "\n"
	}
	return readme[:begin] + "\n" + body + "\n" + readme[end:], nil
}
