package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func indent(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	require.NoError(t, err)
	return append(b, '\n')
}

// Reordered members are the same; anything else is a difference.
func TestCompare(t *testing.T) {
	type ab struct {
		A string         `json:"a"`
		B []any          `json:"b"`
		C map[string]any `json:"c"`
	}
	type ba struct {
		C map[string]any `json:"c"`
		B []any          `json:"b"`
		A string         `json:"a"`
	}
	list := []any{1.5, "x<y", map[string]any{}, []any{}, nil, true}
	old := indent(t, ab{"é", list, map[string]any{"k": 1}})
	assert.Empty(t, compare(old, indent(t, ba{map[string]any{"k": 1}, list, "é"})), "member order only")
	assert.Empty(t, compare(old, old))

	assert.NotEmpty(t, compare(old, indent(t, ba{map[string]any{"k": 2}, list, "é"})), "a value changed")
	assert.NotEmpty(t, compare(old, indent(t, ba{map[string]any{"k": 1}, []any{true, 1.5, "x<y", map[string]any{}, []any{}, nil}, "é"})), "elements reordered")
	assert.NotEmpty(t, compare(old, indent(t, ba{map[string]any{"k": 1, "l": 1}, list, "é"})), "a member added")
	assert.Empty(t, compare([]byte("{\n  \"a\": \"\\u00e9\"\n}\n"), []byte("{\n  \"a\": \"\\u00e9\"\n}\n")))
	assert.Contains(t, compare([]byte("{\n  \"a\": \"\\u00e9\"\n}\n"), []byte("{\n  \"a\": \"é\"\n}\n")), "differ at byte", "an escape is text")
	assert.Contains(t, compare(old, []byte(`{"a":"é","b":[1.5,"x<y",{},[],null,true],"c":{"k":1}}`)), "laid out", "another layout")
	assert.NotEmpty(t, compare(old, []byte(`{"a": `)), "not JSON")
}
