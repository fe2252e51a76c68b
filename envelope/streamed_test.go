package envelope

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stream writes env's one result through a Stream: the first k data items
// added in chunks of at most chunk, the rest handed to Finish.
func stream(t *testing.T, env *Envelope, scr *Scrubber, k, chunk int) (string, bool) {
	t.Helper()
	var out bytes.Buffer
	res := env.ActionResults[0]
	s := NewStream(&out, env, res, scr)
	all := res.Data
	for i := 0; i < k; i += chunk {
		require.NoError(t, s.Add(all[i:min(k, i+chunk)]...))
	}
	require.Equal(t, k, s.Close())
	assert.Equal(t, k > 0, s.Started())
	rest := *res
	rest.Data = all[k:]
	if k == 0 {
		rest.Data = all
	}
	tail := *env
	tail.ActionResults = []*Result{&rest}
	withheld := s.Finish(&tail)
	return out.String(), withheld
}

// oneResult is a random envelope of exactly one result.
func oneResult(r *rand.Rand) *Envelope {
	for {
		env := randomEnvelope(r)
		if len(env.ActionResults) == 1 {
			return env
		}
	}
}

// A streamed envelope is byte for byte what Write gives, however its items
// are split between Add and Finish, with and without secrets to mask.
func TestStreamWritesWhatWriteWrites(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	scrubbers := []*Scrubber{nil, NewScrubber([]string{"<b>&", "00uAbc", "x<y>&z"}), NewScrubber([]string{"Absent-Secret-1"})}
	for i := 0; i < 600; i++ {
		env := oneResult(r)
		if r.IntN(2) == 0 {
			env.ActionResults[0].Data = nil
			for j := 0; j < r.IntN(6); j++ {
				env.ActionResults[0].Data = append(env.ActionResults[0].Data, json.RawMessage(fmt.Sprintf(`{"id":"00u%d","profile":{"login":"a<b>&%d"},"l":[ ],"n":1.5e3}`, j, j)))
			}
		}
		scr := scrubbers[i%len(scrubbers)]
		var want bytes.Buffer
		wantWithheld := Write(&want, env, scr)
		n := len(env.ActionResults[0].Data)
		k := 0
		if n > 0 {
			k = r.IntN(n + 1)
		}
		got, withheld := stream(t, env, scr, k, 1+r.IntN(3))
		require.Equal(t, want.String(), got, "envelope %d, %d of %d items streamed", i, k, n)
		require.Equal(t, wantWithheld, withheld)
	}
}

// gapScrubber knows secret but cannot mask it: it stands for a gap in
// masking, which the stream must find before writing.
func gapScrubber(secret string) *Scrubber {
	full := NewScrubber([]string{secret}).masker()
	return &Scrubber{m: &masker{forms: full.forms, formBytes: full.formBytes}}
}

func listingEnvelope(items int) *Envelope {
	res := NewResult(map[string]any{"limit": 5000})
	for i := 0; i < items; i++ {
		res.Data = append(res.Data, json.RawMessage(`{"id": "00u`+fmt.Sprint(i)+`"}`))
	}
	return &Envelope{Action: "list users", Identifier: "list_users", ActionResults: []*Result{res}}
}

// decodeStreamed checks a streamed envelope and decodes it.
func decodeStreamed(t *testing.T, out string, secret string) Envelope {
	t.Helper()
	texts := checkWritten(t, []byte(out))
	assertNoSecretShown(t, texts, secret)
	assert.NotContains(t, out, secret)
	var env Envelope
	require.NoError(t, json.Unmarshal([]byte(out), &env))
	require.Len(t, env.ActionResults, 1)
	return env
}

// An item that masking cannot clear is not written: the stream stops
// there, and the result fails saying which item and how many came before.
func TestStreamWithholdsAnItemThatWouldDiscloseASecret(t *testing.T) {
	const secret = "Gap-Secret-77"
	env := listingEnvelope(20)
	env.ActionResults[0].Data[12] = json.RawMessage(`{"id": "00u12", "note": "` + secret + `"}`)
	var out bytes.Buffer
	res := env.ActionResults[0]
	s := NewStream(&out, env, res, gapScrubber(secret))
	require.NoError(t, s.Add(res.Data[:10]...))
	assert.ErrorIs(t, s.Add(res.Data[10:15]...), ErrItemWithheld)
	assert.ErrorIs(t, s.Add(res.Data[15:]...), ErrItemWithheld, "nothing more is written")
	assert.True(t, s.Withheld())
	assert.Equal(t, 12, s.Close())

	res.Status, res.Message, res.Data = StatusFailed, s.WithheldMessage(), nil
	env.Finish()
	assert.True(t, s.Finish(env))
	got := decodeStreamed(t, out.String(), secret)
	assert.Equal(t, StatusFailed, got.Status)
	assert.Equal(t, StatusFailed, got.ActionResults[0].Status)
	assert.Contains(t, got.ActionResults[0].Message, "item 13 of the data was withheld")
	assert.Contains(t, got.ActionResults[0].Message, "data holds the 12 items before it")
	assert.Len(t, got.ActionResults[0].Data, 12)
}

// The first item withheld: nothing was written, and the envelope is the
// one Write gives.
func TestStreamWithholdingTheFirstItemWritesNothingBefore(t *testing.T) {
	const secret = "Gap-Secret-77"
	env := listingEnvelope(3)
	env.ActionResults[0].Data[0] = json.RawMessage(`{"id": "` + secret + `"}`)
	var out bytes.Buffer
	res := env.ActionResults[0]
	s := NewStream(&out, env, res, gapScrubber(secret))
	assert.ErrorIs(t, s.Add(res.Data...), ErrItemWithheld)
	assert.Empty(t, out.String())
	assert.False(t, s.Started())
	res.Status, res.Message, res.Data = StatusFailed, s.WithheldMessage(), []any{}
	env.Finish()
	assert.True(t, s.Finish(env))
	got := decodeStreamed(t, out.String(), secret)
	assert.Contains(t, got.ActionResults[0].Message, "item 1 of the data was withheld")
	assert.Empty(t, got.ActionResults[0].Data)
}

// A parameter echo that masking cannot clear keeps the stream from
// starting: the whole envelope is then withheld, as Write withholds it.
func TestStreamWithAParameterThatWouldDiscloseASecretNeverStarts(t *testing.T) {
	const secret = "Gap-Secret-77"
	env := listingEnvelope(3)
	res := env.ActionResults[0]
	res.Parameter["filter"] = "profile.login eq " + secret
	var out bytes.Buffer
	s := NewStream(&out, env, res, gapScrubber(secret))
	assert.ErrorIs(t, s.Add(res.Data...), ErrItemWithheld)
	assert.False(t, s.Started())
	assert.Empty(t, out.String())
	res.Status, res.Message = StatusFailed, s.WithheldMessage()
	env.Finish()
	assert.True(t, s.Finish(env))
	got := decodeStreamed(t, out.String(), secret)
	assert.Contains(t, got.Message, "withheld")
	assert.Empty(t, got.ActionResults[0].Data)
}

// A tail that masking cannot clear (the message, the summary or the
// state) is replaced by a failed one: the items stay, and the envelope
// says the rest was withheld.
func TestStreamReplacesATailThatWouldDiscloseASecret(t *testing.T) {
	const secret = "Gap-Secret-77"
	for name, place := range map[string]func(env *Envelope){
		"message": func(env *Envelope) { env.ActionResults[0].Message = "Num users: 3, " + secret },
		"summary": func(env *Envelope) { env.ActionResults[0].Summary["x"] = secret },
		"state":   func(env *Envelope) { env.State = map[string]any{"k": secret} },
	} {
		t.Run(name, func(t *testing.T) {
			env := listingEnvelope(3)
			res := env.ActionResults[0]
			var out bytes.Buffer
			s := NewStream(&out, env, res, gapScrubber(secret))
			require.NoError(t, s.Add(res.Data...))
			res.Data, res.Status, res.Message = nil, StatusSuccess, "Num users: 3"
			place(env)
			env.Finish()
			assert.True(t, s.Finish(env))
			got := decodeStreamed(t, out.String(), secret)
			assert.Equal(t, StatusFailed, got.Status)
			assert.Contains(t, got.ActionResults[0].Message, "the rest of the result was withheld")
			assert.Contains(t, got.ActionResults[0].Message, "data holds the 3 items written before it")
			assert.Len(t, got.ActionResults[0].Data, 3)
		})
	}
}

// Items added after Close are refused, whatever goroutine adds them, and
// the envelope stays one valid JSON document with the items written before.
func TestStreamClosedWhileItemsArrive(t *testing.T) {
	for round := 0; round < 50; round++ {
		env := listingEnvelope(0)
		res := env.ActionResults[0]
		var out bytes.Buffer
		s := NewStream(&out, env, res, NewScrubber([]string{"sim-api-token-0000"}))
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				if err := s.Add(json.RawMessage(`{"id": "00u` + fmt.Sprint(i) + `"}`)); err != nil {
					assert.ErrorIs(t, err, ErrStreamClosed)
					return
				}
			}
		}()
		for !s.Started() && round%2 == 0 {
		}
		n := s.Close()
		res.Status, res.Message = StatusFailed, "timed out; data holds the "+Items(n)+" listed before"
		env.Finish()
		assert.False(t, s.Finish(env))
		wg.Wait()
		got := decodeStreamed(t, out.String(), "sim-api-token-0000")
		assert.Len(t, got.ActionResults[0].Data, n)
		assert.Equal(t, 1, strings.Count(out.String(), `"action_results"`), "one envelope")
	}
}
