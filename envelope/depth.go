package envelope

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/soar-okta/okta-connector/internal/jsonlimit"
	"github.com/soar-okta/okta-connector/internal/jsonscan"
)

// requestDepthHint is what to do about a request nested too deep.
const requestDepthHint = "no parameter, configuration or state value this connector reads nests that deep; flatten the value or leave it out"

// checkRequestDepth refuses a request whose objects and arrays nest more
// than jsonlimit.MaxDepth levels deep, naming the value where they do.
// The request's own object counts as the first level.
func checkRequestDepth(raw []byte) error {
	if _, deep := jsonscan.NestsDeeper(raw, jsonlimit.MaxDepth); !deep {
		return nil
	}
	what := "the request"
	if at := deepValue(raw); at != "" {
		what += " (at " + at + ")"
	}
	return &jsonlimit.DepthError{What: what, Hint: requestDepthHint}
}

// CheckValueDepth refuses JSON text held in the parameter name that nests
// more than jsonlimit.MaxDepth levels deep.
func CheckValueDepth(name, text string) error {
	if _, deep := jsonscan.NestsDeeper([]byte(text), jsonlimit.MaxDepth); deep {
		return &jsonlimit.DepthError{What: fmt.Sprintf("parameter %q", name), Hint: requestDepthHint}
	}
	return nil
}

// deepValue returns where the first object or array past
// jsonlimit.MaxDepth starts in raw, such as parameters[0].profile, cut to
// its first three steps; "" when raw stops being readable before that.
func deepValue(raw []byte) string {
	dec := json.NewDecoder(bytes.NewReader(raw))
	var path []string
	var walk func(depth int) (found, ok bool)
	walk = func(depth int) (bool, bool) {
		tok, err := dec.Token()
		if err != nil {
			return false, false
		}
		delim, isDelim := tok.(json.Delim)
		if !isDelim {
			return false, true
		}
		if depth >= jsonlimit.MaxDepth {
			return true, true
		}
		for i := 0; dec.More(); i++ {
			step := fmt.Sprintf("[%d]", i)
			if delim == '{' {
				key, err := dec.Token()
				if err != nil {
					return false, false
				}
				step = fmt.Sprint(key)
			}
			path = append(path, step)
			if found, ok := walk(depth + 1); found || !ok {
				return found, ok
			}
			path = path[:len(path)-1]
		}
		_, err = dec.Token()
		return false, err == nil
	}
	if found, _ := walk(0); !found {
		return ""
	}
	var b strings.Builder
	for i, step := range path[:min(len(path), 3)] {
		if i > 0 && !strings.HasPrefix(step, "[") {
			b.WriteByte('.')
		}
		b.WriteString(step)
	}
	return b.String()
}
