package connector

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/rs/zerolog"

	"github.com/soar-okta/okta-connector/envelope"
	"github.com/soar-okta/okta-connector/internal/textcut"
	"github.com/soar-okta/okta-connector/oktaapi"
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
	// State, when not nil, replaces the envelope's state: the checkpoint
	// the next run of the same asset receives (polling actions).
	State map[string]any
}

// Call is everything a handler may use: the run's Okta client, its
// validated parameters and the asset settings it may read.
type Call struct {
	Okta     *oktaapi.Client
	Params   Params
	Settings ActionSettings
	Log      zerolog.Logger
	// State is the request envelope's state: what the previous run of
	// the same asset returned. Handlers must not change it.
	State map[string]any
	// DryRun is true when no change may be sent; Okta (the client) enforces
	// it.
	DryRun bool

	scr   *envelope.Scrubber
	items *items
}

// items is where a run's listing items go (Call.Emit): the envelope's
// stream when the run is streamed, the result's data otherwise.
type items struct {
	stream *envelope.Stream // nil: kept in data
	data   []any
}

// Emit adds a listing's items to the result's data as they arrive, before
// any Data the handler returns. When the run is streamed (one result of a
// read-only action, not a dry run) they are masked and written to stdout
// now, so a listing of any length takes the memory of a page; otherwise
// they are kept for the envelope. An error means the listing must stop:
// the run ended (its timeout passed), an item would have disclosed a
// secret, or stdout is closed. The runtime then says what happened in the
// result, whatever error the handler returns. page is not kept: it may be
// a page of oktaapi.Client.ListPages, valid only until its visit returns.
func (c *Call) Emit(page []json.RawMessage) error {
	if c.items == nil {
		c.items = &items{}
	}
	if c.items.stream == nil {
		for _, it := range oktaapi.Keep(page) {
			c.items.data = append(c.items.data, it)
		}
		return nil
	}
	vs := make([]any, len(page))
	for i, it := range page {
		vs[i] = it
	}
	return c.items.stream.Add(vs...)
}

// User resolves the user the parameter param names, by id or login
// (oktaapi.Client.ResolveUser).
func (c *Call) User(ctx context.Context, param string) (*oktaapi.User, error) {
	return c.Okta.ResolveUser(ctx, param, c.Params.String(param))
}

// Group resolves the group the parameter param names, by id or exact name
// (oktaapi.Client.ResolveGroup).
func (c *Call) Group(ctx context.Context, param string) (*oktaapi.Group, error) {
	return c.Okta.ResolveGroup(ctx, param, c.Params.String(param))
}

// App resolves the app the parameter param names, by id or exact label
// (oktaapi.Client.ResolveApp).
func (c *Call) App(ctx context.Context, param string) (*oktaapi.App, error) {
	return c.Okta.ResolveApp(ctx, param, c.Params.String(param))
}

// Secret marks a value the action learned (a generated or temporary
// password) as secret: from now on it is masked in logs and in the
// envelope.
func (c *Call) Secret(v string) { c.scr.Add(v) }

// Reveal marks a secret the analyst asked to see (show_password): a data
// item's value that is exactly v is shown whole, although it may contain
// another secret (the password given, which a generated one extends). v
// is masked everywhere else: in messages, parameter echoes, summaries
// and logs.
func (c *Call) Reveal(v string) { c.scr.Reveal(v) }

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

// List returns a comma-separated string parameter as its trimmed entries,
// blanks and repeats dropped, in input order.
func (p Params) List(name string) []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range strings.Split(p.String(name), ",") {
		v = strings.TrimSpace(v)
		if v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// Object decodes a parameter that holds a JSON object (a profile, a query,
// a request body). Absent or blank: nil. Numbers keep their exact text.
func (p Params) Object(name string) (map[string]any, error) {
	switch v := p[name].(type) {
	case nil:
		return nil, nil
	case map[string]any:
		return v, nil
	case string:
		if strings.TrimSpace(v) == "" {
			return nil, nil
		}
		if err := envelope.CheckValueDepth(name, v); err != nil {
			return nil, err
		}
		dec := json.NewDecoder(strings.NewReader(v))
		dec.UseNumber()
		var obj map[string]any
		if err := dec.Decode(&obj); err != nil || obj == nil || dec.More() {
			return nil, fmt.Errorf("parameter %q must be a JSON object such as {\"title\": \"Analyst\"}, got %s", name, textcut.QuoteValue(v))
		}
		return obj, nil
	}
	return nil, fmt.Errorf("parameter %q must be a JSON object", name)
}

// JSON decodes a parameter that holds any JSON value (a request body).
// Absent or blank: nil.
func (p Params) JSON(name string) (any, error) {
	v, ok := p[name].(string)
	if !ok {
		return p[name], nil
	}
	if strings.TrimSpace(v) == "" {
		return nil, nil
	}
	if err := envelope.CheckValueDepth(name, v); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(v)))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err != nil || dec.More() {
		return nil, fmt.Errorf("parameter %q must be JSON, got %s", name, textcut.QuoteValue(v))
	}
	return out, nil
}
