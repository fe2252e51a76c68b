// Package jsonlimit holds the one nesting bound the connector applies to
// every JSON text it reads, from the request envelope to Okta's answers,
// and the error that reports a text past it.
package jsonlimit

import "fmt"

// MaxDepth bounds how deeply objects and arrays may nest in JSON read from
// Okta (pages, their items, single objects, error answers) and in the
// request (parameters, config, state, JSON held in a parameter). Okta's
// objects nest a handful of levels; a deeper text is refused with a
// message, since re-indenting it for the envelope costs time and space
// that grow with the square of its depth.
const MaxDepth = 64

// DepthError is JSON nested deeper than MaxDepth: what holds it, and what
// to do about it (by default, what to check when Okta sent it).
type DepthError struct{ What, Hint string }

func (e *DepthError) Error() string {
	hint := e.Hint
	if hint == "" {
		hint = "no Okta object nests that deep, so check that base_url is the Okta org itself and not a proxy or another service"
	}
	return fmt.Sprintf("%s nests JSON objects or arrays more than %d levels deep, the most the connector accepts: %s", e.What, MaxDepth, hint)
}
