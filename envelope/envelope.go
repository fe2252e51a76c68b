package envelope

import (
	"fmt"

	"github.com/soar-okta/okta-connector/schema"
)

// masked is what a secret value is shown as.
const masked = schema.Mask

// Envelope is the result envelope written on stdout. Its members are
// written in the order of its fields, and a result's in the order of
// Result's: what is known before a run (the action, the parameter echo)
// first, then the data, then what depends on all of it (status, message,
// summary), so that a listing's items can be written as they arrive
// (Stream). docs/ENVELOPE.md documents the order.
type Envelope struct {
	Action        string         `json:"action"`
	Identifier    string         `json:"identifier"`
	ActionResults []*Result      `json:"action_results"`
	Status        string         `json:"status"`
	Message       string         `json:"message"`
	Summary       map[string]any `json:"summary"`
	State         map[string]any `json:"state,omitempty"`
}

// Result is one action result: one run of the action on one parameter set.
type Result struct {
	Parameter map[string]any `json:"parameter"`
	Data      []any          `json:"data"`
	Status    string         `json:"status"`
	Message   string         `json:"message"`
	Summary   map[string]any `json:"summary"`
}

// Status values of results and envelopes.
const (
	StatusSuccess = "success"
	StatusFailed  = "failed"
)

// NewResult returns a result with the non-nil data and summary the
// contract promises.
func NewResult(params map[string]any) *Result {
	if params == nil {
		params = map[string]any{}
	}
	return &Result{Parameter: params, Data: []any{}, Summary: map[string]any{}}
}

// Finish sets the envelope's status, summary and message from its
// results: it succeeds when one of them does.
func (e *Envelope) Finish() {
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
