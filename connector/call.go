package connector

import (
	"context"
	"strings"

	"github.com/rs/zerolog"
)

// Handler runs one action on one validated parameter set. It returns the
// result's data, summary and message, or an error that Describe turns into
// the failure message.
type Handler func(ctx context.Context, call *Call) (Output, error)

// Output is what a handler produces for a successful run.
type Output struct {
	Message string
	Data    []any
	Summary map[string]any
}

// Call is everything a handler may use: the Okta client, its validated
// parameters and the asset settings.
type Call struct {
	Okta     *Okta
	Params   Params
	Settings Settings
	Log      zerolog.Logger
}

// Params holds validated, coerced parameters: handlers never re-check types.
type Params map[string]any

// String returns a string parameter, trimmed; "" when absent.
func (p Params) String(name string) string {
	s, _ := p[name].(string)
	return strings.TrimSpace(s)
}

// Raw returns a string parameter exactly as given (passwords).
func (p Params) Raw(name string) string {
	s, _ := p[name].(string)
	return s
}

// Int returns a whole-number parameter; 0 when absent.
func (p Params) Int(name string) int {
	n, _ := number(p[name])
	return int(n)
}

// Bool returns a boolean parameter, or def when absent.
func (p Params) Bool(name string, def bool) bool {
	if b, ok := p[name].(bool); ok {
		return b
	}
	return def
}
