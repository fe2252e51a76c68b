package envelope

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"

	"github.com/soar-okta/okta-connector/internal/jsonscan"
)

// The result envelope is encoded as a stream: each small field and each
// data item is encoded on its own and written as it is ready, so a listing
// of many thousand objects is never held twice in memory. The text is the
// same, byte for byte, as json.MarshalIndent(envelope, "", "  ") followed by
// a newline, with every secret masked where it is a value (mask.go).
//
// Write masks in two passes: a first pass over the whole envelope looks
// at each value, and masks only those that hold a secret (or a cut text),
// keeping their masked text; the second pass writes the envelope, those
// values as masked. A result that masking cannot clear is never partly
// written: the plan finds it first. Stream (streamed.go) writes the
// envelope of one result while its data is still arriving, deciding each
// item before it is written.

// indentUnit is the envelope's indentation.
const indentUnit = "  "

// envelope writes env, or plans its masking when e is planning.
func (e *jsonStream) envelope(env *Envelope) error {
	e.envelopeHead(env)
	writeList(e, indentUnit, env.ActionResults, e.result)
	e.envelopeTail(env)
	return e.err
}

// envelopeHead writes the members before the results, up to the key of
// the list.
func (e *jsonStream) envelopeHead(env *Envelope) {
	e.raw("{\n")
	e.field(indentUnit, "action", env.Action, ours, false)
	e.field(indentUnit, "identifier", env.Identifier, ours, false)
	e.key(indentUnit, "action_results")
}

// envelopeTail writes the members after the results, which depend on all
// of them, and closes the envelope.
func (e *jsonStream) envelopeTail(env *Envelope) {
	e.raw(",\n")
	e.field(indentUnit, "status", env.Status, ours, false)
	e.field(indentUnit, "message", env.Message, maskValues, false)
	e.field(indentUnit, "summary", env.Summary, maskValues|maskNestedKeys, len(env.State) == 0)
	if len(env.State) > 0 {
		e.field(indentUnit, "state", env.State, maskValues|maskKeys, true)
	}
	e.raw("\n}\n")
}

// encode writes env to w as it is, masking nothing.
func encode(w io.Writer, env *Envelope) error {
	return (&jsonStream{w: w}).envelope(env)
}

// ours is the scope of the envelope's own words: nothing is masked.
const ours maskScope = 0

// jsonStream writes JSON pieces, remembering the first error.
type jsonStream struct {
	w   io.Writer
	err error
	buf []byte // reused for raw items
	esc bytes.Buffer

	plan *maskPlan // nil: nothing to mask
	n    int       // values seen so far: a value's place in the plan
}

// maskPlan is the masked text of each value that needed masking, by its
// place in the envelope, for the values' indentation.
type maskPlan struct {
	m        *masker
	planning bool           // the first pass: look, write nothing
	masked   map[int][]byte // value place → masked text
	leak     bool           // a value would still disclose a secret
}

func (e *jsonStream) raw(s string) {
	if e.err == nil && (e.plan == nil || !e.plan.planning) {
		_, e.err = io.WriteString(e.w, s)
	}
}

func (e *jsonStream) write(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

func (e *jsonStream) key(prefix, name string) {
	e.raw(prefix)
	e.raw(`"` + name + `": `)
}

// field writes `prefix"name": value`, followed by ",\n" unless last.
func (e *jsonStream) field(prefix, name string, v any, scope maskScope, last bool) {
	e.key(prefix, name)
	e.value(prefix, v, scope)
	if !last {
		e.raw(",\n")
	}
}

// value writes v as MarshalIndent would at a position whose lines start
// with prefix, masked as scope says; when planning, it only looks.
func (e *jsonStream) value(prefix string, v any, scope maskScope) {
	e.n++
	if e.err != nil {
		return
	}
	if p := e.plan; p != nil {
		if p.planning {
			if scope != ours {
				p.look(e.n, prefix, v, scope)
			}
			return
		}
		if b, ok := p.masked[e.n]; ok {
			e.write(b)
			return
		}
	}
	if raw, ok := v.(json.RawMessage); ok {
		if out, ok := e.rawValue(prefix, raw); ok {
			e.write(out)
			return
		}
	}
	e.write(marshalValue(prefix, v))
}

// marshalValue is v as MarshalIndent lays it out after prefix.
func marshalValue(prefix string, v any) []byte {
	b, err := json.MarshalIndent(v, prefix, indentUnit)
	if err != nil {
		// Only a connector bug produces a value JSON cannot hold; the
		// envelope stays one valid JSON document and says what happened.
		b, _ = json.Marshal(map[string]string{"error": "this value could not be encoded: " + err.Error()})
	}
	return b
}

// rawValue lays out a raw JSON item (an object as Okta sent it) the way
// MarshalIndent would, in one pass (jsonscan.AppendIndent, which checks it
// too) instead of compacting and indenting it with encoding/json:
// indented, then with the characters MarshalIndent escapes for HTML
// escaped. It reports false for text that is not JSON. The text returned
// is valid until the next call.
func (e *jsonStream) rawValue(prefix string, raw json.RawMessage) ([]byte, bool) {
	out, html, ok := jsonscan.AppendIndent(e.buf[:0], raw, prefix, indentUnit)
	if !ok {
		return nil, false
	}
	e.buf = out
	if html {
		e.esc.Reset()
		json.HTMLEscape(&e.esc, out)
		out = e.esc.Bytes()
	}
	return out, true
}

// look plans the masking of the value at place: a value whose strings
// hold no secret and no cut text is left to be encoded as it is; any other
// is encoded and masked now.
func (p *maskPlan) look(place int, prefix string, v any, scope maskScope) {
	var text []byte
	if raw, ok := v.(json.RawMessage); ok {
		if p.m.cleanBytes(raw) {
			return
		}
		var e jsonStream
		out, ok := e.rawValue(prefix, raw)
		if !ok {
			out = marshalValue(prefix, v)
		}
		text = out
	} else {
		clean, known := p.m.cleanValue(v, scope, 0)
		if clean {
			return
		}
		text = marshalValue(prefix, v)
		if !known && p.m.cleanBytes(text) {
			return
		}
	}
	masked, leak := p.m.rewrite(text, scope)
	p.leak = p.leak || leak
	if !bytes.Equal(masked, text) {
		p.masked[place] = bytes.Clone(masked)
	}
}

// writeList writes a list whose opening bracket sits after prefix, one
// element a line, each written by item at the next indentation.
func writeList[T any](e *jsonStream, prefix string, items []T, item func(prefix string, v T)) {
	switch {
	case items == nil:
		e.raw("null")
	case len(items) == 0:
		e.raw("[]")
	default:
		in := prefix + indentUnit
		e.raw("[\n")
		for i, v := range items {
			e.raw(in)
			item(in, v)
			if i < len(items)-1 {
				e.raw(",\n")
			} else {
				e.raw("\n")
			}
		}
		e.raw(prefix + "]")
	}
}

// result writes one action result whose opening brace sits after prefix.
func (e *jsonStream) result(prefix string, r *Result) {
	if r == nil {
		e.raw("null")
		return
	}
	e.resultHead(prefix, r)
	writeList(e, prefix+indentUnit, r.Data, e.item)
	e.resultTail(prefix, r)
}

// resultHead writes a result's members before its data, up to the key of
// the list.
func (e *jsonStream) resultHead(prefix string, r *Result) {
	in := prefix + indentUnit
	e.raw("{\n")
	e.field(in, "parameter", r.Parameter, maskValues|maskKeys, false)
	e.key(in, "data")
}

// resultTail writes a result's members after its data and closes it.
func (e *jsonStream) resultTail(prefix string, r *Result) {
	in := prefix + indentUnit
	e.raw(",\n")
	e.field(in, "status", r.Status, ours, false)
	e.field(in, "message", r.Message, maskValues, false)
	e.field(in, "summary", r.Summary, maskValues|maskNestedKeys, true)
	e.raw("\n" + prefix + "}")
}

// itemScope is how a data item is masked: its keys are Okta's, and a value
// that is exactly a secret the analyst asked to see stays whole.
const itemScope = maskValues | maskKeys | showRevealed

// item writes one data item.
func (e *jsonStream) item(prefix string, v any) { e.value(prefix, v, itemScope) }

// withheldMessage replaces a result that masking could not clear.
const withheldMessage = "the result was withheld: written out, it would have disclosed a secret (a password, token or key) that masking could not remove. The action ran: check its effect in Okta before running it again"

// withheld is the failed envelope written instead of env when env would
// disclose a secret: one failed result per result of env, saying so.
func withheld(env *Envelope) *Envelope {
	out := &Envelope{Action: env.Action, Identifier: env.Identifier, ActionResults: []*Result{}}
	for range env.ActionResults {
		res := NewResult(nil)
		res.Status, res.Message = StatusFailed, withheldMessage
		out.ActionResults = append(out.ActionResults, res)
	}
	out.Finish()
	out.Message = withheldMessage
	return out
}

// Write writes env to w with every secret of scr masked where it is a
// value. An envelope that would still disclose a secret is replaced by a
// failed one that says it was withheld, and Write reports it. A write
// failure (stdout closed) leaves nothing more to do. A nil scr masks
// nothing.
func Write(w io.Writer, env *Envelope, scr *Scrubber) (wasWithheld bool) {
	return writeMasked(w, env, scr.masker())
}

func writeMasked(w io.Writer, env *Envelope, m *masker) (wasWithheld bool) {
	plan := planMasking(env, m)
	if plan.leak {
		env, wasWithheld = withheld(env), true
		plan = planMasking(env, m)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	_ = (&jsonStream{w: bw, plan: plan}).envelope(env)
	_ = bw.Flush()
	return wasWithheld
}

// planMasking looks at every value of env (the first pass).
func planMasking(env *Envelope, m *masker) *maskPlan {
	plan := &maskPlan{m: m, planning: true, masked: map[int][]byte{}}
	_ = (&jsonStream{plan: plan}).envelope(env)
	plan.planning = false
	return plan
}
