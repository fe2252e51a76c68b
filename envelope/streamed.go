package envelope

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
)

// A Stream writes the envelope of one result while the result's data is
// still arriving: a listing's items are written as its pages come, so the
// memory a listing takes does not grow with its length. JSON does not
// order an object's members, and the envelope's order (Envelope) puts what
// is known first: the envelope's action and identifier and the result's
// parameter echo are written with the first item, the items one by one,
// and the rest (the result's status, message and summary, the envelope's
// status, message, summary and state) at the end, when the count is known.
// The text is byte for byte what Write gives for the same envelope.
//
// Masking still holds per item. Each item is masked with the secrets known
// when it arrives (a secret the run learns later, such as a token minted
// by the stack, is learned before any answer it could appear in), and an
// item that masking cannot clear is never written: the stream stops
// there, and the result fails with a message saying which item was
// withheld and how many came before it. The head and the tail are planned
// before they are written, as Write plans a whole envelope: a parameter
// echo that cannot be cleared leaves the stream unstarted, and a tail that
// cannot be cleared is replaced by a failed one saying it was withheld.
//
// A stream that never started (no item came, or the run failed before
// the first one) writes its envelope with Write when it finishes, so a run
// that lists nothing reads exactly as it would unstreamed.
type Stream struct {
	mu       sync.Mutex
	w        io.Writer
	bw       *bufio.Writer
	e        jsonStream
	scr      *Scrubber
	env      *Envelope // the action and identifier
	res      *Result   // the parameter echo
	started  bool
	closed   bool
	withheld bool // an item (or the head) would have disclosed a secret
	n        int  // items written
}

// ErrStreamClosed is what Add returns once the stream was closed: the run
// ended (its timeout passed, or it was stopped) while its handler was
// still listing.
var ErrStreamClosed = errors.New("the result was already written: the run had ended")

// ErrItemWithheld is what Add returns when an item would have disclosed a
// secret that masking could not remove; the stream is closed.
var ErrItemWithheld = errors.New("an item would have disclosed a secret that masking could not remove")

// Where a streamed result's parts sit: the result's opening brace after
// resultIndent, its data items after itemIndent.
const (
	resultIndent = indentUnit + indentUnit
	dataIndent   = resultIndent + indentUnit
	itemIndent   = dataIndent + indentUnit
)

// NewStream returns a stream of the envelope of one result to w: env
// gives the action and identifier, res the parameter echo. scr masks
// every value (nil masks nothing).
func NewStream(w io.Writer, env *Envelope, res *Result, scr *Scrubber) *Stream {
	s := &Stream{w: w, bw: bufio.NewWriterSize(w, 64<<10), scr: scr, env: env, res: res}
	s.e.w = s.bw
	return s
}

// Add writes items, each masked, as the next elements of the result's
// data, and flushes them to the writer. It returns ErrStreamClosed once
// the stream is closed, ErrItemWithheld when an item would disclose a
// secret (that item and the rest are not written), or the writer's error.
func (s *Stream) Add(items ...any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.withheld {
		return ErrItemWithheld
	}
	if s.closed {
		return ErrStreamClosed
	}
	if s.e.err != nil {
		return s.e.err
	}
	m := s.scr.masker()
	for _, v := range items {
		text, leak := s.e.maskedValue(m, itemIndent, v, itemScope)
		if !leak && !s.started {
			text = bytes.Clone(text) // the head is written through the same buffers
			leak = !s.start(m)
		}
		if leak {
			s.withheld, s.closed = true, true
			_ = s.bw.Flush()
			return ErrItemWithheld
		}
		if s.n > 0 {
			s.e.raw(",\n")
		}
		s.e.raw(itemIndent)
		s.e.write(text)
		s.n++
	}
	if err := s.bw.Flush(); err != nil && s.e.err == nil {
		s.e.err = err
	}
	return s.e.err
}

// start writes the head, up to the data list's opening bracket and line
// break, unless its masking plan finds a leak.
func (s *Stream) start(m *masker) bool {
	head := func(e *jsonStream) {
		e.envelopeHead(s.env)
		e.raw("[\n" + resultIndent)
		e.resultHead(resultIndent, s.res)
		e.raw("[\n")
	}
	if !s.planned(m, head, false) {
		return false
	}
	s.started = true
	return true
}

// planned plans the masking of the pieces write writes, then writes them
// as planned, unless the plan finds a value masking cannot clear: then
// nothing is written (unless anyway is set) and planned reports false.
func (s *Stream) planned(m *masker, write func(e *jsonStream), anyway bool) bool {
	plan := &maskPlan{m: m, planning: true, masked: map[int][]byte{}}
	write(&jsonStream{plan: plan})
	if plan.leak && !anyway {
		return false
	}
	plan.planning = false
	s.e.plan, s.e.n = plan, 0
	write(&s.e)
	s.e.plan, s.e.n = nil, 0
	return !plan.leak
}

// maskedValue is v laid out after prefix, masked as scope says, and
// whether it would still disclose a secret. The text returned is valid
// until the next call.
func (e *jsonStream) maskedValue(m *masker, prefix string, v any, scope maskScope) ([]byte, bool) {
	var text []byte
	clean := false
	if raw, ok := v.(json.RawMessage); ok {
		clean = m.cleanBytes(raw)
		out, ok := e.rawValue(prefix, raw)
		if !ok {
			out = marshalValue(prefix, v)
		}
		text = out
	} else {
		var known bool
		clean, known = m.cleanValue(v, scope, 0)
		text = marshalValue(prefix, v)
		if !clean && !known {
			clean = m.cleanBytes(text)
		}
	}
	if clean {
		return text, false
	}
	return m.rewrite(text, scope)
}

// Close stops the stream: items added from now on are refused with
// ErrStreamClosed. It returns how many items were written.
func (s *Stream) Close() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	return s.n
}

// Started reports whether the head and at least one item were written:
// from then on, only Finish completes the envelope.
func (s *Stream) Started() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.started
}

// Withheld reports whether an item was withheld (ErrItemWithheld).
func (s *Stream) Withheld() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.withheld
}

// WithheldMessage is the message of a result whose item was withheld.
func (s *Stream) WithheldMessage() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return fmt.Sprintf("item %d of the data was withheld: written out, it would have disclosed a secret (a password, token or key) that masking could not remove. The listing stopped there; data holds the %s before it", s.n+1, Items(s.n))
}

// Items is n items, in words: "1 item", "20000 items".
func Items(n int) string {
	if n == 1 {
		return "1 item"
	}
	return fmt.Sprintf("%d items", n)
}

// Finish writes the rest of the envelope: env is the whole envelope, of
// one result, whose data holds what was not added. A stream that never
// started writes env with Write. A tail that would still disclose a
// secret is replaced by a failed one that says it was withheld; Finish
// reports whether anything was withheld (an item, or the tail).
func (s *Stream) Finish(env *Envelope) (wasWithheld bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	if !s.started {
		_ = s.bw.Flush()
		return writeMasked(s.w, env, s.scr.masker()) || s.withheld
	}
	m := s.scr.masker()
	tail := func(env *Envelope) func(e *jsonStream) {
		return func(e *jsonStream) {
			res := env.ActionResults[0]
			// What the handler returned besides the items it added.
			for _, v := range res.Data {
				e.raw(",\n" + itemIndent)
				e.item(itemIndent, v)
			}
			e.raw("\n" + dataIndent + "]")
			e.resultTail(resultIndent, res)
			e.raw("\n" + indentUnit + "]")
			e.envelopeTail(env)
		}
	}
	wasWithheld = s.withheld
	if !s.planned(m, tail(env), false) {
		res := NewResult(nil)
		res.Status = StatusFailed
		res.Message = fmt.Sprintf("the rest of the result was withheld: written out, it would have disclosed a secret (a password, token or key) that masking could not remove; data holds the %s written before it", Items(s.n))
		out := &Envelope{Action: env.Action, Identifier: env.Identifier, ActionResults: []*Result{res}}
		out.Finish()
		// Only the connector's own words are left: they are written
		// whatever the plan says, as Write writes a withheld envelope.
		s.planned(m, tail(out), true)
		wasWithheld = true
	}
	_ = s.bw.Flush()
	return wasWithheld
}
