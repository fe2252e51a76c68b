package connector

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strings"

	"github.com/soar-okta/okta-connector/internal/jsonscan"
)

// The result envelope is encoded as a stream: each small field and each
// data item is encoded on its own and written as it is ready, so a listing
// of many thousand objects is never held twice in memory. The text is the
// same, byte for byte, as json.MarshalIndent(envelope, "", "  ") followed by
// a newline, and it passes through a scrubbing writer that masks secrets
// just as a scrub of the whole text would.

// indentUnit is the envelope's indentation.
const indentUnit = "  "

// encodeEnvelope writes env to w.
func encodeEnvelope(w io.Writer, env *Envelope) error {
	e := &jsonStream{w: w}
	e.raw("{\n")
	e.field(indentUnit, "action", env.Action, false)
	e.field(indentUnit, "identifier", env.Identifier, false)
	e.field(indentUnit, "status", env.Status, false)
	e.field(indentUnit, "message", env.Message, false)
	e.field(indentUnit, "summary", env.Summary, false)
	e.key(indentUnit, "action_results")
	writeList(e, indentUnit, env.ActionResults, e.result)
	if len(env.State) > 0 {
		e.raw(",\n")
		e.field(indentUnit, "state", env.State, true)
	}
	e.raw("\n}\n")
	return e.err
}

// jsonStream writes JSON pieces, remembering the first error.
type jsonStream struct {
	w   io.Writer
	err error
	buf []byte // reused for raw items
	esc bytes.Buffer
}

func (e *jsonStream) raw(s string) {
	if e.err == nil {
		_, e.err = io.WriteString(e.w, s)
	}
}

func (e *jsonStream) key(prefix, name string) {
	e.raw(prefix)
	e.value("", name)
	e.raw(": ")
}

// field writes `prefix"name": value`, followed by ",\n" unless last.
func (e *jsonStream) field(prefix, name string, v any, last bool) {
	e.key(prefix, name)
	e.value(prefix, v)
	if !last {
		e.raw(",\n")
	}
}

// value writes v as MarshalIndent would at a position whose lines start
// with prefix.
func (e *jsonStream) value(prefix string, v any) {
	if e.err != nil {
		return
	}
	if raw, ok := v.(json.RawMessage); ok && e.rawValue(prefix, raw) {
		return
	}
	b, err := json.MarshalIndent(v, prefix, indentUnit)
	if err != nil {
		// Only a connector bug produces a value JSON cannot hold; the
		// envelope stays one valid JSON document and says what happened.
		b, _ = json.Marshal(map[string]string{"error": "this value could not be encoded: " + err.Error()})
	}
	_, e.err = e.w.Write(b)
}

// rawValue writes a raw JSON item (an object as Okta sent it) the way
// MarshalIndent would, in one pass (jsonscan.AppendIndent, which checks it
// too) instead of compacting and indenting it with encoding/json:
// indented, then with the characters MarshalIndent escapes for HTML
// escaped. It reports false, writing nothing, for text that is not JSON.
func (e *jsonStream) rawValue(prefix string, raw json.RawMessage) bool {
	out, html, ok := jsonscan.AppendIndent(e.buf[:0], raw, prefix, indentUnit)
	if !ok {
		return false
	}
	e.buf = out
	if html {
		e.esc.Reset()
		json.HTMLEscape(&e.esc, out)
		out = e.esc.Bytes()
	}
	_, e.err = e.w.Write(out)
	return true
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
	in := prefix + indentUnit
	e.raw("{\n")
	e.field(in, "status", r.Status, false)
	e.field(in, "message", r.Message, false)
	e.field(in, "parameter", r.Parameter, false)
	e.key(in, "data")
	writeList(e, in, r.Data, e.value)
	e.raw(",\n")
	e.field(in, "summary", r.Summary, true)
	e.raw("\n" + prefix + "}")
}

// scrubStream masks secrets in text written through it in pieces. It holds
// back the tail of what it was given until no secret can straddle the cut,
// so the output is the same as scrubbing the whole text at once. Close
// writes what is held back; it does not close the underlying writer.
type scrubStream struct {
	w        *bufio.Writer
	replacer *strings.Replacer
	patterns []string
	longest  int
	chunk    int
	pending  []byte
	err      error
}

// scrubChunk is how much text is gathered before it is scrubbed and passed on.
const scrubChunk = 32 << 10

func newScrubStream(w io.Writer, scr *scrubber) *scrubStream {
	s := &scrubStream{w: bufio.NewWriterSize(w, 64<<10), chunk: scrubChunk}
	if scr != nil {
		scr.mu.RLock()
		s.replacer = scr.r
		for _, secret := range scr.secrets {
			s.patterns = append(s.patterns, secret)
			s.longest = max(s.longest, len(secret))
		}
		scr.mu.RUnlock()
	}
	return s
}

func (s *scrubStream) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.replacer == nil {
		_, s.err = s.w.Write(p)
		return len(p), s.err
	}
	s.pending = append(s.pending, p...)
	if len(s.pending) >= s.chunk {
		cut := safeCut(s.pending, s.patterns, s.longest)
		s.emit(s.pending[:cut])
		s.pending = s.pending[:copy(s.pending, s.pending[cut:])]
	}
	return len(p), s.err
}

func (s *scrubStream) emit(b []byte) {
	if s.err != nil || len(b) == 0 {
		return
	}
	if !containsAny(b, s.patterns) {
		// The usual case: nothing to mask, so no copy to a string.
		_, s.err = s.w.Write(b)
		return
	}
	_, s.err = s.w.WriteString(s.replacer.Replace(string(b)))
}

func containsAny(b []byte, patterns []string) bool {
	for _, p := range patterns {
		if bytes.Contains(b, []byte(p)) {
			return true
		}
	}
	return false
}

// Close scrubs and writes what is held back, then flushes.
func (s *scrubStream) Close() error {
	if s.replacer != nil {
		s.emit(s.pending)
		s.pending = nil
	}
	if s.err == nil {
		s.err = s.w.Flush()
	}
	return s.err
}

// safeCut returns a position in buf before which text can be scrubbed on
// its own: no occurrence of a pattern starts before it and ends after it,
// and every occurrence starting before it lies wholly within buf.
func safeCut(buf []byte, patterns []string, longest int) int {
	cut := len(buf) - (longest - 1)
	if cut <= 0 {
		return 0
	}
	for moved := true; moved && cut > 0; {
		moved = false
		for _, p := range patterns {
			from := max(0, cut-len(p)+1)
			to := min(len(buf), cut+len(p)-1)
			if at := bytes.Index(buf[from:to], []byte(p)); at >= 0 && from+at < cut {
				cut, moved = from+at, true
			}
		}
	}
	return cut
}

// writeEnvelope streams env to w through the scrubber, which masks any
// secret that slipped into a message. A write failure (stdout closed)
// leaves nothing more to do.
func writeEnvelope(w io.Writer, env *Envelope, scr *scrubber) {
	s := newScrubStream(w, scr)
	_ = encodeEnvelope(s, env)
	_ = s.Close()
}
