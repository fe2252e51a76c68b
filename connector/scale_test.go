package connector

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/schema"
)

const scaleManifest = `{
  "name": "t",
  "configuration": {},
  "actions": [{
    "action": "add member", "identifier": "add_member", "description": "d", "verbose": "", "type": "generic", "read_only": false,
    "parameters": {
      "group": {"description": "g", "data_type": "string", "required": true, "contains": ["okta group id"], "order": 0},
      "user": {"description": "u", "data_type": "string", "required": true, "contains": ["okta user id", "user name"], "order": 1},
      "note": {"description": "n", "data_type": "string", "required": false, "contains": ["email"], "order": 2}
    },
    "output": []
  }]
}`

func scaleAction(t *testing.T) *schema.Action {
	t.Helper()
	app, err := schema.Parse([]byte(scaleManifest))
	require.NoError(t, err)
	act, err := app.Lookup("", "add_member")
	require.NoError(t, err)
	return act
}

func TestTargetParamsComeFromContains(t *testing.T) {
	assert.Equal(t, []string{"group", "user"}, targetParams(scaleAction(t)))
}

func TestExpandRuns(t *testing.T) {
	act := scaleAction(t)
	commas := Scale{MaxTargets: 10, SplitCommaLists: true}
	cases := []struct {
		name string
		in   map[string]any
		sc   Scale
		want []map[string]any
		fail string
	}{
		{"single values stay as given", map[string]any{"group": " g1 ", "user": "u1", "note": "a, b"}, Scale{MaxTargets: 10},
			[]map[string]any{{"group": " g1 ", "user": "u1", "note": "a, b"}}, ""},
		{"a string with commas is one target", map[string]any{"group": "Ops, Tier 1", "user": "ceo@corp,cfo@corp"}, Scale{MaxTargets: 10},
			[]map[string]any{{"group": "Ops, Tier 1", "user": "ceo@corp,cfo@corp"}}, ""},
		{"a string that looks like a JSON list is one target", map[string]any{"group": `["a", "b"]`, "user": "u1"}, Scale{MaxTargets: 10},
			[]map[string]any{{"group": `["a", "b"]`, "user": "u1"}}, ""},
		{"comma list when the asset opts in, in input order, blanks and repeats dropped", map[string]any{"group": "g1", "user": "u3, u1,,u3 , u2,"}, commas,
			[]map[string]any{{"group": "g1", "user": "u3"}, {"group": "g1", "user": "u1"}, {"group": "g1", "user": "u2"}}, ""},
		{"JSON array keeps commas inside names", map[string]any{"group": []any{"Ops, Tier 1", "Ops, Tier 1", " Sales "}, "user": "u1"}, Scale{MaxTargets: 10},
			[]map[string]any{{"group": "Ops, Tier 1", "user": "u1"}, {"group": "Sales", "user": "u1"}}, ""},
		{"JSON array entries are not split on commas even when the asset opts in", map[string]any{"group": []any{"a, b", "c"}, "user": "u1"}, commas,
			[]map[string]any{{"group": "a, b", "user": "u1"}, {"group": "c", "user": "u1"}}, ""},
		{"cross product, first-declared parameter slowest", map[string]any{"group": []any{"g1", "g2"}, "user": []any{"u1", "u2"}}, Scale{MaxTargets: 10},
			[]map[string]any{{"group": "g1", "user": "u1"}, {"group": "g1", "user": "u2"}, {"group": "g2", "user": "u1"}, {"group": "g2", "user": "u2"}}, ""},
		{"a list of blanks leaves an empty value for validation", map[string]any{"group": []any{" ", ""}, "user": "u1"}, Scale{MaxTargets: 10},
			[]map[string]any{{"group": "", "user": "u1"}}, ""},
		{"list over the cap", map[string]any{"group": "g1", "user": []any{"u1", "u2", "u3"}}, Scale{MaxTargets: 2}, nil,
			`parameter "user" lists 3 targets, more than the 2 one request may act on (the asset's max_targets)`},
		{"cross product over the cap", map[string]any{"group": []any{"g1", "g2"}, "user": []any{"u1", "u2"}}, Scale{MaxTargets: 3}, nil,
			`the lists of parameters "group" and "user" make 4 combinations, more than the 3`},
		{"non-string entry", map[string]any{"group": []any{"g1", 5.0}, "user": "u1"}, Scale{MaxTargets: 10}, nil,
			`parameter "group": entry 2 of the list is a number, not a string`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			jobs, err := expandRuns(act, []map[string]any{c.in}, c.sc)
			require.NoError(t, err)
			if c.fail != "" {
				require.Len(t, jobs, 1)
				assert.Contains(t, jobs[0].fail, c.fail)
				assert.Equal(t, c.in, jobs[0].params)
				return
			}
			var got []map[string]any
			for _, j := range jobs {
				require.Empty(t, j.fail)
				got = append(got, j.params)
			}
			assert.Equal(t, c.want, got)
		})
	}
}

// max_targets bounds the whole request: parameter sets multiply with
// their lists, and neither many sets nor many lists pass the bound.
func TestExpandRunsBoundsTheWholeRequest(t *testing.T) {
	act := scaleAction(t)
	list := []any{"u1", "u2", "u3"}
	many := func(n int, p map[string]any) []map[string]any {
		out := make([]map[string]any, n)
		for i := range out {
			out[i] = p
		}
		return out
	}
	cases := []struct {
		name string
		runs []map[string]any
		max  int
		want int
		err  string
	}{
		{"sets of lists within the bound", many(3, map[string]any{"group": "g", "user": list}), 9, 9, ""},
		{"sets of lists past the bound", many(4, map[string]any{"group": "g", "user": list}), 9, 0, "expand to more than the 9 action results"},
		{"more sets than the bound", many(10, map[string]any{"group": "g", "user": "u"}), 9, 0, "holds 10 parameter sets, more than the 9"},
		{"one refused set counts once", append(many(1, map[string]any{"group": "g", "user": []any{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}}), many(8, map[string]any{"group": "g", "user": "u"})...), 9, 9, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			jobs, err := expandRuns(act, c.runs, Scale{MaxTargets: c.max})
			if c.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), c.err)
				assert.Contains(t, err.Error(), "max_targets")
				return
			}
			require.NoError(t, err)
			assert.Len(t, jobs, c.want)
		})
	}
}

// The asset's scale settings are read from the validated configuration,
// whose ranges app.json declares.
func TestScaleSettings(t *testing.T) {
	assert.Equal(t, Scale{MaxTargets: 1000, MaxConcurrency: 8}, scaleFrom(map[string]any{}))
	assert.Equal(t, Scale{MaxTargets: 5, MaxConcurrency: 1}, scaleFrom(map[string]any{"max_targets": 5, "max_concurrency": 1.0}))
	assert.True(t, scaleFrom(map[string]any{"split_comma_lists": true}).SplitCommaLists)
}

func TestRunPoolBoundsConcurrencyAndRunsEveryJob(t *testing.T) {
	for _, workers := range []int{1, 3, 8} {
		var running, peak atomic.Int32
		done := make([]bool, 40)
		var mu sync.Mutex
		runPool(len(done), workers, func(i int) {
			n := running.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			time.Sleep(2 * time.Millisecond)
			running.Add(-1)
			if i == 7 {
				panic("job seven")
			}
			mu.Lock()
			done[i] = true
			mu.Unlock()
		}, func(i int, p any) {
			mu.Lock()
			done[i] = p == "job seven"
			mu.Unlock()
		})
		assert.LessOrEqual(t, peak.Load(), int32(workers))
		if workers > 1 {
			assert.Greater(t, peak.Load(), int32(1), "jobs ran at the same time")
		}
		for i, d := range done {
			assert.True(t, d, "job %d with %d workers", i, workers)
		}
	}
}
