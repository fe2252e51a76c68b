package connector

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// DefaultTimeout bounds an invocation whose envelope names no timeout.
const DefaultTimeout = 600

// maxRequestBytes caps how much of a request envelope is read.
const maxRequestBytes = 16 << 20

// Request is the action request envelope of CONTRACT.md.
type Request struct {
	Action     string           `json:"action"`
	Identifier string           `json:"identifier"`
	Config     map[string]any   `json:"config"`
	Parameters []map[string]any `json:"parameters"`
	State      map[string]any   `json:"state"`
	Timeout    *float64         `json:"timeout"`
	DryRun     bool             `json:"dry_run"`
	DebugLevel int              `json:"debug_level"`
	AssetID    string           `json:"asset_id"`
}

// Envelope is the result envelope written on stdout.
type Envelope struct {
	Action        string         `json:"action"`
	Identifier    string         `json:"identifier"`
	Status        string         `json:"status"`
	Message       string         `json:"message"`
	Summary       map[string]any `json:"summary"`
	ActionResults []*Result      `json:"action_results"`
	State         map[string]any `json:"state,omitempty"`
}

// Result is one action result: one run of the action on one parameter set.
type Result struct {
	Status    string         `json:"status"`
	Message   string         `json:"message"`
	Parameter map[string]any `json:"parameter"`
	Data      []any          `json:"data"`
	Summary   map[string]any `json:"summary"`

	state map[string]any // the handler's new checkpoint, if any
}

// Status values of results and envelopes.
const (
	StatusSuccess = "success"
	StatusFailed  = "failed"
)

// decodeRequest reads one request envelope. It rejects anything that is not a
// single JSON object and reports where the JSON went wrong.
func decodeRequest(r io.Reader) (*Request, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxRequestBytes+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read the request: %v", err)
	}
	if len(raw) > maxRequestBytes {
		return nil, fmt.Errorf("the request is larger than %d MiB", maxRequestBytes>>20)
	}
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 {
		return nil, errors.New("the request is empty: expected a JSON object")
	}
	if trimmed[0] != '{' {
		return nil, errors.New("the request must be a JSON object")
	}
	if !utf8.Valid(trimmed) {
		return nil, errors.New("the request is not valid UTF-8 text")
	}
	if err := checkRequestDepth(trimmed); err != nil {
		return nil, err
	}
	var req Request
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	if err := dec.Decode(&req); err != nil {
		return nil, fmt.Errorf("the request is not valid JSON: %s", describeJSONError(trimmed, err))
	}
	// More is false before a stray } or ], so read on to the end instead.
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("the request holds more than one JSON value")
	}
	if dup := duplicateKey(trimmed); dup != "" {
		return nil, fmt.Errorf("the request gives the key %s twice; repeated keys are refused because readers disagree on which one counts", dup)
	}
	if req.Timeout != nil && !(*req.Timeout > 0) {
		return nil, fmt.Errorf("timeout must be a positive number of seconds, got %v", *req.Timeout)
	}
	if req.DebugLevel < 0 || req.DebugLevel > 1 {
		return nil, fmt.Errorf("debug_level must be 0 or 1, got %d", req.DebugLevel)
	}
	return &req, nil
}

func describeJSONError(raw []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("%v at byte %d", syn, syn.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("%q must be %s, got %s", typ.Field, jsonKind(typ.Type.Kind().String()), typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Sprintf("it ends early after %d bytes", len(raw))
	}
	return err.Error()
}

func jsonKind(goKind string) string {
	switch goKind {
	case "map", "struct":
		return "an object"
	case "slice":
		return "a list"
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "ptr", "float64", "int":
		return "a number"
	}
	return goKind
}

// timeoutSeconds is the invocation bound the request asks for.
func (r *Request) timeoutSeconds() float64 {
	if r == nil || r.Timeout == nil {
		return DefaultTimeout
	}
	return *r.Timeout
}

// newResult returns a result with the non-nil data and summary the
// contract promises.
func newResult(params map[string]any) *Result {
	if params == nil {
		params = map[string]any{}
	}
	return &Result{Parameter: params, Data: []any{}, Summary: map[string]any{}}
}

func (e *Envelope) finish() {
	ok := 0
	for _, r := range e.ActionResults {
		if r.Status == StatusSuccess {
			ok++
		}
	}
	n := len(e.ActionResults)
	e.Summary = map[string]any{"total_objects": n, "total_objects_successful": ok}
	if ok > 0 {
		e.Status = StatusSuccess
	} else {
		e.Status = StatusFailed
	}
	noun := "actions"
	if n == 1 {
		noun = "action"
	}
	e.Message = fmt.Sprintf("%d of %d %s succeeded", ok, n, noun)
	if n == 1 {
		e.Message += ": " + e.ActionResults[0].Message
	}
}
