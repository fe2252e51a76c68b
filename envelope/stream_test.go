package envelope

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// randomEnvelope builds envelopes with the shapes the encoder must get
// right: nil and empty lists and maps, nested objects, raw JSON, HTML
// characters and unicode.
func randomEnvelope(r *rand.Rand) *Envelope {
	words := []string{"a", "<b>&", "é\u2028", `q"\`, "00uAbc", "x y", ""}
	str := func() string { return words[r.IntN(len(words))] + words[r.IntN(len(words))] }
	var val func(depth int) any
	val = func(depth int) any {
		switch k := r.IntN(7); {
		case k == 0 || depth > 2:
			return str()
		case k == 1:
			return r.Float64() * 1000
		case k == 2:
			return json.RawMessage(fmt.Sprintf(`{"id": %q, "n": [1, 2, {"x": null}], "e": {}}`, str()))
		case k == 6 && depth == 0:
			// Raw text as a server may send it: spacing, HTML characters
			// and a raw U+2028 inside strings.
			return json.RawMessage(" {\"a\" :\t\"x<y>&z\u2028\" ,\n \"l\": [ ], \"o\": { }, \"n\": 1.50e3}\n ")
		case k == 3:
			m := map[string]any{}
			for i := 0; i < r.IntN(4); i++ {
				m[str()] = val(depth + 1)
			}
			return m
		case k == 4:
			var l []any
			for i := 0; i < r.IntN(3); i++ {
				l = append(l, val(depth+1))
			}
			return l
		case k == 5:
			return nil
		}
		return true
	}
	env := &Envelope{Action: str(), Identifier: str(), Status: str(), Message: str(), Summary: map[string]any{"total_objects": 2}}
	if r.IntN(4) > 0 {
		env.ActionResults = []*Result{}
	}
	for i := 0; i < r.IntN(4); i++ {
		res := NewResult(map[string]any{"user_id": str()})
		res.Message = str()
		switch r.IntN(3) {
		case 0:
			res.Data = nil
		case 1:
			for j := 0; j < r.IntN(5); j++ {
				res.Data = append(res.Data, val(0))
			}
		}
		if r.IntN(2) == 0 {
			res.Summary = map[string]any{"n": val(1)}
		}
		env.ActionResults = append(env.ActionResults, res)
	}
	if r.IntN(3) == 0 {
		env.State = map[string]any{"since": str()}
	}
	return env
}

// The streamed envelope is byte for byte what MarshalIndent gives.
func TestStreamedEnvelopeMatchesMarshalIndent(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 500; i++ {
		env := randomEnvelope(r)
		want, err := json.MarshalIndent(env, "", "  ")
		require.NoError(t, err)
		var got bytes.Buffer
		require.NoError(t, encode(&got, env))
		require.Equal(t, string(want)+"\n", got.String(), "envelope %d", i)
	}
}
