package envelope

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/rs/zerolog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/internal/datapath"
	"github.com/soar-okta/okta-connector/internal/textcut"
)

// envelopeWords are the keys of the envelope and of each action result:
// the connector's own words, which masking never touches.
var (
	envelopeKeys = []string{"action", "identifier", "status", "message", "summary", "action_results"}
	resultKeys   = []string{"status", "message", "parameter", "data", "summary"}
)

// checkWritten decodes a written envelope, checks that it is one JSON
// object that keeps the envelope's keys and words, and returns the strings
// that are not the connector's own: every value, and the keys of parameter
// echoes, data and state.
func checkWritten(t *testing.T, out []byte) []string {
	t.Helper()
	if !json.Valid(out) {
		t.Fatalf("the envelope is not valid JSON:\n%s", out)
	}
	var env map[string]any
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.UseNumber()
	if err := dec.Decode(&env); err != nil {
		t.Fatalf("the envelope is not a JSON object: %v\n%s", err, out)
	}
	for _, k := range envelopeKeys {
		if _, ok := env[k]; !ok {
			t.Fatalf("the envelope lost its key %q:\n%s", k, out)
		}
	}
	for k := range env {
		if k != "state" && !slices.Contains(envelopeKeys, k) {
			t.Fatalf("the envelope has a key %q of its own:\n%s", k, out)
		}
	}
	if s := env["status"]; s != StatusSuccess && s != StatusFailed {
		t.Fatalf("the envelope's status reads %v:\n%s", s, out)
	}
	var texts []string
	walk := func(v any, keys bool) { texts = append(texts, datapath.Texts(v, keys)...) }
	// A summary's keys are the connector's; those of an object in it are not.
	summary := func(v any) {
		if m, ok := v.(map[string]any); ok {
			for _, e := range m {
				walk(e, true)
			}
		}
	}
	walk(env["message"], false)
	summary(env["summary"])
	walk(env["state"], true)
	results, ok := env["action_results"].([]any)
	if !ok {
		t.Fatalf("action_results is not a list:\n%s", out)
	}
	for _, r := range results {
		res, ok := r.(map[string]any)
		if !ok {
			t.Fatalf("an action result is not an object:\n%s", out)
		}
		for _, k := range resultKeys {
			if _, ok := res[k]; !ok {
				t.Fatalf("an action result lost its key %q:\n%s", k, out)
			}
		}
		if s := res["status"]; s != StatusSuccess && s != StatusFailed {
			t.Fatalf("a result's status reads %v:\n%s", s, out)
		}
		walk(res["message"], false)
		walk(res["parameter"], true)
		walk(res["data"], true)
		summary(res["summary"])
	}
	return texts
}

// assertNoSecretShown fails when a text shows a secret in any form the
// connector knows it by, outside the masks (a secret of asterisks is
// part of every mask, which discloses nothing).
func assertNoSecretShown(t *testing.T, texts []string, secrets ...string) {
	t.Helper()
	for _, secret := range secrets {
		for _, f := range secretForms(secret) {
			for _, s := range texts {
				for _, piece := range strings.Split(s, masked) {
					if strings.Contains(piece, f) {
						t.Fatalf("the secret %q shows as %q in %q", secret, f, s)
					}
				}
			}
		}
	}
}

// An envelope of one result, with the value in every place a value can be:
// message (cut and whole), parameter echo, Go-typed and raw data items,
// summary and state.
func sampleEnvelope(message, key, value string, raw []byte) *Envelope {
	env := &Envelope{Action: "set password", Identifier: "set_password", ActionResults: []*Result{}}
	res := NewResult(map[string]any{"new_password": masked, key: value})
	res.Status = StatusFailed
	res.Message = message + ": got " + textcut.QuoteValue(value)
	res.Data = []any{map[string]any{key: value, "nested": []any{value, map[string]any{key: message}}}}
	if json.Valid(raw) {
		res.Data = append(res.Data, json.RawMessage(raw))
	}
	res.Summary = map[string]any{"value": value, "list": []string{message}, "okta": map[string]any{key: value}}
	if json.Valid(raw) {
		res.Summary["raw"] = json.RawMessage(raw)
	}
	env.ActionResults = append(env.ActionResults, res)
	env.Finish()
	env.State = map[string]any{key: value}
	return env
}

// Whatever the secrets and the envelope, the envelope written is valid
// JSON with its keys and words, and no string of it shows a secret.
func FuzzScrubEnvelope(f *testing.F) {
	f.Add("failed", `Sw0rd"fish\2026`, "Api validation failed", "status", `Sw0rd"fish\2026`, []byte(`{"status": "failed", "a\"b": "Sw0rd\"fish\\2026"}`))
	f.Add(`": "`, "success", `x": "y`, `": "`, "success", []byte(`{"": ": ", "k": [": ", {"x": "success"}]}`))
	f.Add("action_results", "summary", "action_results", "summary", "message", []byte(`["action_results", {"summary": null}]`))
	f.Add("null", "true", "null", "true", "null", []byte(`{"a": null, "b": true, "null": "true"}`))
	f.Add("12 34  56", "Pr0xy-Pw", "code 12 34 56 and 123456", "12 34  56", "12\n34  56", []byte(`{"c": "12\u0020 34  56", "d": "123456"}`))
	f.Add(strings.Repeat("Ab1-", 20), "<&>é\u2028x", strings.Repeat("y", 50)+strings.Repeat("Ab1-", 20), "k", strings.Repeat("z", 55)+strings.Repeat("Ab1-", 20), []byte(`{"h": "\u003c\u0026\u003e\u00e9\u2028x"}`))
	f.Add("********", "*****", "********", "********", "a********b", []byte(`{"********": "*****"}`))
	f.Fuzz(func(t *testing.T, secret1, secret2, message, key, value string, raw []byte) {
		if len(secret1)+len(secret2)+len(message)+len(key)+len(value)+len(raw) > 8<<10 {
			// Masking costs the length of the text times the length of
			// the secret at worst: huge secrets only slow the search.
			return
		}
		env := sampleEnvelope(message, key, value, raw)
		var out bytes.Buffer
		if Write(&out, env, NewScrubber([]string{secret1, secret2})) {
			t.Errorf("masking left a secret, so the result was withheld:\n%s", out.String())
		}
		texts := checkWritten(t, out.Bytes())
		assertNoSecretShown(t, texts, secret1, secret2)
	})
}

// A secret equal to one of the envelope's words, or to JSON's own
// punctuation, is masked in the values only: the envelope keeps its keys
// and words, and is not withheld for them.
func TestSecretsAreMaskedWhereTheyAreValues(t *testing.T) {
	cases := []struct {
		secret string
		want   string // a fragment of the written envelope
	}{
		{"failed", `"status": "failed"`},
		{"success", `"action_results": [`},
		{"status", `"status": "failed"`},
		{`": "`, `"action": "set password"`},
		{"action_results", `"action_results": [`},
		{"set password", `"action": "set password"`},
		{"set_password", `"identifier": "set_password"`},
		{"null", `"status": "failed"`},
		{`"********"`, `"new_password": "********"`},
		{"total_objects", `"total_objects": 1`},
	}
	for _, c := range cases {
		t.Run(c.secret, func(t *testing.T) {
			env := sampleEnvelope("Api validation failed for "+c.secret, c.secret, "x "+c.secret+" y", []byte(`{"`+c.secret+`": "`+c.secret+`"}`))
			var out bytes.Buffer
			wasWithheld := Write(&out, env, NewScrubber([]string{c.secret}))
			assert.False(t, wasWithheld, "the envelope's own words do not disclose a secret")
			texts := checkWritten(t, out.Bytes())
			assertNoSecretShown(t, texts, c.secret)
			assert.Contains(t, out.String(), c.want)
			assert.Contains(t, out.String(), `"x ******** y"`, "the value is masked")
		})
	}
}

// An envelope holding no secret is written byte for byte as before.
func TestEnvelopeWithoutSecretsIsWrittenAsItIs(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	scr := NewScrubber([]string{"Absent-Secret-1", `abs"ent\2`, "12 34  56"})
	for i := 0; i < 500; i++ {
		env := randomEnvelope(r)
		want, err := json.MarshalIndent(env, "", "  ")
		require.NoError(t, err)
		var got bytes.Buffer
		assert.False(t, Write(&got, env, scr))
		require.Equal(t, string(want)+"\n", got.String(), "envelope %d", i)
	}
}

// Masking a data item changes its strings only: its keys keep their order
// and what Okta wrote (escapes, numbers, spacing of the layout) stays.
func TestRawItemsAreMaskedStringByString(t *testing.T) {
	scr := NewScrubber([]string{"Sw0rdfish-42", "token-ABCD"})
	raw := json.RawMessage(`{"zeta": "Sw0rdfish-42", "alpha": 1.50e3, "escaped": "caf\u00e9 \/ ok", "Sw0rdfish-42": ["a token-ABCD b", {"k": "v"}], "t": true}`)
	env := &Envelope{Action: "get user", Identifier: "get_user", ActionResults: []*Result{{Status: StatusSuccess, Parameter: map[string]any{}, Data: []any{raw}, Summary: map[string]any{}}}}
	env.Finish()
	var out bytes.Buffer
	require.False(t, Write(&out, env, scr))
	checkWritten(t, out.Bytes())
	want := `        {
          "zeta": "********",
          "alpha": 1.50e3,
          "escaped": "caf\u00e9 \/ ok",
          "********": [
            "a ******** b",
            {
              "k": "v"
            }
          ],
          "t": true
        }`
	assert.Contains(t, out.String(), want)
}

// Two keys that mask alike stay two members.
func TestMaskedKeysStayDistinct(t *testing.T) {
	scr := NewScrubber([]string{"Sw0rdfish-42", "Tr0ut-Secret"})
	raw := json.RawMessage(`{"Sw0rdfish-42": 1, "Tr0ut-Secret": 2, "********": 3, "dup": 4, "dup": 5}`)
	env := &Envelope{Action: "get user", Identifier: "get_user", ActionResults: []*Result{{Status: StatusSuccess, Parameter: map[string]any{}, Data: []any{raw}, Summary: map[string]any{}}}}
	env.Finish()
	var out bytes.Buffer
	require.False(t, Write(&out, env, scr))
	checkWritten(t, out.Bytes())
	for _, member := range []string{`"********": 1`, `"******** (2)": 2`, `"******** (3)": 3`, `"dup": 4`, `"dup": 5`} {
		assert.Contains(t, out.String(), member)
	}
}

// The plan finds a value that masking could not clear before anything is
// written, and a failed envelope saying the result was withheld is
// written instead. A masker without its replacer stands for such a gap.
func TestResultThatWouldDiscloseASecretIsWithheld(t *testing.T) {
	const secret = "Gap-Secret-77"
	full := NewScrubber([]string{secret}).masker()
	gap := &masker{forms: full.forms, formBytes: full.formBytes}
	cases := []struct {
		name  string
		place func(env *Envelope)
	}{
		{"in a message", func(env *Envelope) { env.ActionResults[0].Message = "refused " + secret }},
		{"in a raw data item", func(env *Envelope) { env.ActionResults[0].Data = []any{json.RawMessage(`{"a": ["` + secret + `"]}`)} }},
		{"in a data key", func(env *Envelope) { env.ActionResults[0].Data = []any{map[string]any{secret: 1}} }},
		{"in a summary value", func(env *Envelope) { env.ActionResults[0].Summary["x"] = secret }},
		{"in a parameter echo", func(env *Envelope) { env.ActionResults[0].Parameter["id"] = secret }},
		{"in state", func(env *Envelope) { env.State = map[string]any{"checkpoint": secret} }},
		{"in the 5000th item of a listing", func(env *Envelope) {
			for i := 0; i < 5000; i++ {
				env.ActionResults[0].Data = append(env.ActionResults[0].Data, json.RawMessage(`{"id": "00u`+fmt.Sprint(i)+`"}`))
			}
			env.ActionResults[0].Data[4999] = json.RawMessage(`{"id": "` + secret + `"}`)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := &Envelope{Action: "get user", Identifier: "get_user", ActionResults: []*Result{NewResult(map[string]any{"user_id": "a"}), NewResult(map[string]any{"user_id": "b"})}}
			for _, r := range env.ActionResults {
				r.Status, r.Message = StatusSuccess, "ok"
			}
			c.place(env)
			env.Finish()
			var out bytes.Buffer
			require.True(t, writeMasked(&out, env, gap), "the gap is found")
			assert.NotContains(t, out.String(), secret)
			assert.NotContains(t, out.String(), "00u1", "nothing of the result is written")
			texts := checkWritten(t, out.Bytes())
			assertNoSecretShown(t, texts, secret)
			var got Envelope
			require.NoError(t, json.Unmarshal(out.Bytes(), &got))
			assert.Equal(t, StatusFailed, got.Status)
			assert.Equal(t, "get_user", got.Identifier)
			assert.Contains(t, got.Message, "withheld")
			assert.Contains(t, got.Message, "would have disclosed a secret")
			require.Len(t, got.ActionResults, 2, "one failed result per result")
			for _, r := range got.ActionResults {
				assert.Equal(t, StatusFailed, r.Status)
				assert.Contains(t, r.Message, "withheld")
			}

			out.Reset()
			assert.False(t, writeMasked(&out, env, full), "the full masker clears it")
			assert.NotContains(t, out.String(), secret)
			assert.Contains(t, out.String(), `"status": "success"`)
		})
	}
}

// A cut text keeps its rest until it is written out: a secret straddling
// the cut is masked whole, never left as its first characters.
func TestTextIsCutOnlyAfterMasking(t *testing.T) {
	const secret = "Straddle-Pw-123"
	m := NewScrubber([]string{secret, "Other-Secret-9"}).masker()
	for visible := 0; visible <= len(secret); visible++ {
		t.Run(fmt.Sprint(visible), func(t *testing.T) {
			value := strings.Repeat("v", 60-visible) + secret + " and more"
			for _, text := range []struct{ cut, after string }{
				{"got " + textcut.QuoteValue(value), " from the request"},
				{"base_url " + textcut.Quote("https://"+value, 68, textcut.Ellipsis), " is wrong"},
				{"it begins " + textcut.Cut(value, 60, "..."), "; check it"},
			} {
				shown := m.maskText(text.cut + text.after)
				assert.False(t, textcut.Marked(shown))
				assert.NotContains(t, shown, textcut.End)
				for n := 1; n <= len(secret); n++ {
					assert.NotContains(t, shown, secret[:n]+"…")
					assert.NotContains(t, shown, secret[:n]+"...")
				}
				if visible > 0 {
					assert.Contains(t, shown, masked, "the straddling secret is masked: %q", shown)
				}
				assert.True(t, strings.HasSuffix(shown, text.after), "the text after the cut stays: %q", shown)
				assert.Len(t, []rune(shown), len([]rune(textcut.Shown(text.cut+text.after)))-visible+min(visible, 1)*len(masked),
					"the part of the secret before the cut becomes the mask: %q", shown)
			}
		})
	}
	// Without a secret the cut reads as it always did.
	assert.Equal(t, `"`+strings.Repeat("x", 60)+`…"`, noSecrets.maskText(textcut.QuoteValue(strings.Repeat("x", 70))))
	assert.Equal(t, `"abc"`, noSecrets.maskText(textcut.QuoteValue("abc")))
}

// Cut marks written by anything but this process (a request or Okta) are
// text like any other.
func TestForgedCutMarksAreText(t *testing.T) {
	forged := "keep \uFFF9this\uFFFB and that"
	assert.Equal(t, forged, noSecrets.maskText(forged))
	assert.Equal(t, forged, textcut.Shown(forged))
}

// Log lines are masked value by value: keys, the level word and the line's
// shape stay.
func TestLogLinesAreMaskedValueByValue(t *testing.T) {
	for _, secret := range []string{"level", "message", "error", "okta-connector", `": "`, "Pa55\"w0rd\\x"} {
		t.Run(secret, func(t *testing.T) {
			var stderr bytes.Buffer
			scr := NewScrubber([]string{secret})
			log := NewLogger(&stderr, 1, scr)
			log.Error().Str("detail", "refused "+secret).Str("cut", "got "+textcut.QuoteValue(strings.Repeat("y", 58)+secret)).Msg("okta request failed: " + secret)
			log.Info().Msg("message")
			lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
			require.Len(t, lines, 2)
			for _, line := range lines {
				var entry map[string]any
				require.NoError(t, json.Unmarshal([]byte(line), &entry), "a log line stays JSON: %q", line)
				for _, k := range []string{"level", "component", "time", "message"} {
					assert.Contains(t, entry, k, "a log line keeps its key %q: %q", k, line)
				}
				for k, v := range entry {
					s, _ := v.(string)
					if k == "level" {
						assert.Contains(t, []string{"error", "info"}, s)
						continue
					}
					assertNoSecretShown(t, []string{s}, secret)
					assert.False(t, textcut.Marked(s))
				}
			}
		})
	}
}

// A log line that masking could not clear is replaced.
func TestLogLineThatWouldDiscloseASecretIsReplaced(t *testing.T) {
	full := NewScrubber([]string{"Gap-Secret-77"}).masker()
	gap := &masker{forms: full.forms, formBytes: full.formBytes}
	var stderr bytes.Buffer
	log := zerolog.New(&scrubWriter{w: &stderr, scr: &Scrubber{m: gap}})
	log.Info().Str("detail", "Gap-Secret-77").Msg("x")
	assert.NotContains(t, stderr.String(), "Gap-Secret-77")
	assert.Contains(t, stderr.String(), "withheld")
	assert.True(t, json.Valid(bytes.TrimSpace(stderr.Bytes())))
}

// A secret the analyst asked to see is shown whole where a data item holds
// exactly it, and masked everywhere else.
func TestRevealedSecretShowsInDataOnly(t *testing.T) {
	const given, generated = "Given-Pw-1", "Given-Pw-1xY7kQ2mN9p"
	scr := NewScrubber([]string{given})
	scr.Reveal(generated)
	env := &Envelope{Action: "set password", Identifier: "set_password", ActionResults: []*Result{{
		Status:    StatusSuccess,
		Message:   "set to " + generated,
		Parameter: map[string]any{"new_password": masked, "echo": generated},
		Data:      []any{map[string]any{"credentials": map[string]any{"password": map[string]any{"value": generated}}, "note": "was " + generated}},
		Summary:   map[string]any{"password": generated},
	}}}
	env.Finish()
	var out bytes.Buffer
	require.False(t, Write(&out, env, scr))
	checkWritten(t, out.Bytes())
	assert.Equal(t, 1, strings.Count(out.String(), generated), "shown once, in the data value that is exactly it")
	assert.Contains(t, out.String(), `"value": "`+generated+`"`)
	assert.Contains(t, out.String(), `"note": "was ********"`)
	assert.Contains(t, out.String(), `"echo": "********"`)

	var stderr bytes.Buffer
	log := NewLogger(&stderr, 0, scr)
	log.Info().Str("password", generated).Msg(given)
	assert.NotContains(t, stderr.String(), given)
	assert.Contains(t, stderr.String(), `"password":"********"`)
}

// The scrubber learns the forms a secret takes on the way out.
func TestSecretForms(t *testing.T) {
	forms := secretForms(`Sw0rd"fish\2026 <x>`)
	for _, f := range []string{
		`Sw0rd"fish\2026 <x>`,
		`Sw0rd\"fish\\2026 <x>`,
		`Sw0rd\"fish\\2026 \u003cx\u003e`,
		`Sw0rd\\\"fish\\\\2026 <x>`,
		`Sw0rd"fish\2026<x>`,
		`Sw0rd%22fish%5C2026+%3Cx%3E`,
		`Sw0rd&#34;fish\2026 &lt;x&gt;`,
	} {
		assert.Contains(t, forms, f)
	}
	assert.Contains(t, secretForms("12 34  56"), "12 34 56")
	assert.Contains(t, secretForms("12 34  56"), "123456")
	assert.Empty(t, secretForms("abc"), "shorter than minSecretLen")
	assert.NotContains(t, secretForms("a  bc"), "abc", "a form shorter than minSecretLen is not a secret")
}
