package datapath

import (
	"encoding/json"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOf(t *testing.T) {
	tests := []struct {
		name string
		env  string
		want []Path
	}{
		{"empty", `{}`, []Path{}},
		{"summary and results", `{"summary": {"total_objects": 1}, "action_results": [
			{"status": "success", "data": [{"profile": {"login": "a"}, "tags": ["x"], "gone": null}]}]}`,
			[]Path{
				{"action_result.data.*.profile.login", String},
				{"action_result.data.*.tags.*", String},
				{"action_result.status", String},
				{"summary.total_objects", Numeric},
			}},
		{"each type once, a path of two types twice", `{"action_results": [
			{"summary": {"n": 1, "ok": true}, "data": [{"v": "1"}, {"v": 2}, {"v": 3}]},
			{"summary": {"n": 2, "ok": false}}]}`,
			[]Path{
				{"action_result.data.*.v", Numeric},
				{"action_result.data.*.v", String},
				{"action_result.summary.n", Numeric},
				{"action_result.summary.ok", Boolean},
			}},
		{"lists of lists", `{"action_results": [{"data": [[1, [true]]]}]}`,
			[]Path{{"action_result.data.*.*", Numeric}, {"action_result.data.*.*.*", Boolean}}},
		{"no action results", `{"action_results": "none", "summary": null}`, []Path{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var env map[string]any
			require.NoError(t, json.Unmarshal([]byte(tt.env), &env))
			assert.Equal(t, tt.want, Of(env))
		})
	}
}

func TestOfNumbersOfEveryGoType(t *testing.T) {
	env := map[string]any{"summary": map[string]any{"a": json.Number("1"), "b": 2, "c": int64(3), "d": 4.5}}
	assert.Equal(t, []Path{{"summary.a", Numeric}, {"summary.b", Numeric}, {"summary.c", Numeric}, {"summary.d", Numeric}}, Of(env))
}

func TestTexts(t *testing.T) {
	v := map[string]any{"a": "x", "b": []any{"y", 1.0, map[string]any{"c": "z"}}}
	got := Texts(v, false)
	sort.Strings(got)
	assert.Equal(t, []string{"x", "y", "z"}, got)
	got = Texts(v, true)
	sort.Strings(got)
	assert.Equal(t, []string{"a", "b", "c", "x", "y", "z"}, got)
}
