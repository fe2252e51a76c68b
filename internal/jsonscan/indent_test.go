package jsonscan

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sameAsEncodingJSON checks Valid and AppendIndent against encoding/json.
func sameAsEncodingJSON(t *testing.T, b []byte) {
	t.Helper()
	items, ok := ValidItems(b)
	if want := json.Valid(b); ok != want {
		t.Fatalf("ValidItems(%q) = %v, encoding/json says %v", b, ok, want)
	}
	if !ok {
		return
	}
	var elems []json.RawMessage
	if json.Unmarshal(b, &elems) == nil {
		if len(items) != len(elems) {
			t.Fatalf("ValidItems(%q) found %d items, encoding/json %d", b, len(items), len(elems))
		}
		for i := range elems {
			if string(items[i]) != string(elems[i]) {
				t.Fatalf("ValidItems(%q) item %d = %q, encoding/json %q", b, i, items[i], elems[i])
			}
		}
	}
	var want bytes.Buffer
	if err := json.Indent(&want, bytes.TrimRight(b, " \t\r\n"), "    ", "  "); err != nil {
		t.Fatal(err)
	}
	got, html, ok := AppendIndent(nil, b, "    ", "  ")
	if !ok || string(got) != want.String() {
		t.Fatalf("AppendIndent(%q) =\n%s\nencoding/json gives\n%s", b, got, want.String())
	}
	// Outside strings valid JSON holds none of these bytes.
	if wantHTML := bytes.ContainsAny(b, "<>&") || bytes.IndexByte(b, 0xE2) >= 0; html != wantHTML {
		t.Fatalf("AppendIndent(%q) reports html %v", b, html)
	}
}

var indentSeeds = []string{
	`{}`, `[]`, `{ }`, `[ ]`, `null`, `true`, `false`, `0`, `-0`, `-1.5e+10`, `1E3`, `"a"`, `"\u00e9\n\"\\\/"`,
	`{"a":1,"b":[1,2,{"c":null}],"d":{}}`, " \n{\"a\" : [ ] , \"b\":\t{ } }\n ", `[[[[]]]]`, `{"a":"<&>\u2028"}`,
	`01`, `1.`, `.5`, `-`, `1e`, `tru`, `nul`, `{"a"}`, `{"a":}`, `{,}`, `[1,]`, `[1 2]`, `{"a":1,}`, `"abc`,
	"\"a\x01\"", `"\x"`, `"\u12"`, `[1]]`, `{}{}`, `{"a":1}x`, "\"\xff\"", `""`, `[""]`, `{"":""}`,
}

func TestAppendIndentMatchesEncodingJSON(t *testing.T) {
	for _, s := range indentSeeds {
		sameAsEncodingJSON(t, []byte(s))
	}
	// Every golden envelope of the repository, and every data item in it.
	files, _ := filepath.Glob("../../fixtures/golden/*.json")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sameAsEncodingJSON(t, b)
		var compact bytes.Buffer
		if json.Compact(&compact, b) == nil {
			sameAsEncodingJSON(t, compact.Bytes())
		}
	}
	// Nesting up to encoding/json's limit, and one level beyond it.
	for _, n := range []int{maxDepth - 1, maxDepth, maxDepth + 1} {
		b := append(bytes.Repeat([]byte("["), n), bytes.Repeat([]byte("]"), n)...)
		if _, ok := ValidItems(b); ok != json.Valid(b) {
			t.Fatalf("nesting %d: ValidItems = %v", n, ok)
		}
	}
}

func FuzzAppendIndent(f *testing.F) {
	for _, s := range indentSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { sameAsEncodingJSON(t, b) })
}

// Strings whose special bytes (escapes, HTML characters, U+2028, other
// UTF-8) come at many offsets, before and after plain runs.
func TestStringsWithSpecialBytes(t *testing.T) {
	specials := []string{`\"`, `\\`, `\n`, `\u00e9`, "<", ">", "&", "\u2028", "\u2029", "é", "日本", "\xe2\x82\xac", "\x7f", "\xff"}
	for _, sp := range specials {
		for before := 0; before < 20; before++ {
			for _, after := range []int{0, 1, 7, 8, 9, 30} {
				s := `{"k":"` + strings.Repeat("a", before) + sp + strings.Repeat("b", after) + `","n":[1]}`
				sameAsEncodingJSON(t, []byte(s))
				sameAsEncodingJSON(t, []byte(`["`+strings.Repeat("x", before)+sp+`"]`))
			}
		}
	}
	// A control character or an unterminated string in a plain run.
	for before := 0; before < 20; before++ {
		sameAsEncodingJSON(t, []byte(`["`+strings.Repeat("a", before)+"\x01"+strings.Repeat("b", 9)+`"]`))
		sameAsEncodingJSON(t, []byte(`["`+strings.Repeat("a", before)))
	}
}

// page is a listing page of n users as the simulated org lays them out.
func page(b *testing.B, n int) []byte {
	b.Helper()
	raw, err := os.ReadFile("../../fixtures/golden/list_users__all.json")
	if err != nil {
		b.Fatal(err)
	}
	var env struct {
		ActionResults []struct {
			Data []json.RawMessage `json:"data"`
		} `json:"action_results"`
	}
	if err := json.Unmarshal(raw, &env); err != nil || len(env.ActionResults) == 0 {
		b.Fatal("no data in the golden listing", err)
	}
	var items [][]byte
	for len(items) < n {
		for _, it := range env.ActionResults[0].Data {
			var c bytes.Buffer
			_ = json.Compact(&c, it)
			items = append(items, c.Bytes())
		}
	}
	return append(append([]byte("["), bytes.Join(items[:n], []byte(","))...), ']')
}

// What a listing page costs: checking and splitting it, then laying out
// each item for the envelope.
func BenchmarkPage(b *testing.B) {
	p := page(b, 200)
	b.SetBytes(int64(len(p)))
	var dst []byte
	for i := 0; i < b.N; i++ {
		items, problem := CheckItems(p, Limits{Depth: 64})
		if problem != OK {
			b.Fatal(problem)
		}
		for _, it := range items {
			dst, _, _ = AppendIndent(dst[:0], it, "        ", "  ")
		}
	}
}
