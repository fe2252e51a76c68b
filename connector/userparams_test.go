package connector

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProfile(t *testing.T) {
	fields := []ProfileField{{"first_name", "firstName"}, {"title", "title"}}
	tests := []struct {
		name   string
		params Params
		want   map[string]any
		err    string
	}{
		{"fields only", Params{"first_name": " Robin ", "title": ""}, map[string]any{"firstName": "Robin"}, ""},
		{"object and fields", Params{"profile": `{"city": "Lyon", "level": 3, "title": "Lead"}`, "title": "Lead"},
			map[string]any{"city": "Lyon", "level": jsonNumber("3"), "title": "Lead"}, ""},
		{"null kept", Params{"profile": `{"secondEmail": null}`}, map[string]any{"secondEmail": nil}, ""},
		{"nothing", Params{}, map[string]any{}, ""},
		{"conflict", Params{"profile": `{"title": "Lead"}`, "title": "Analyst"}, nil,
			`parameter "title" and the title attribute in "profile" give two different values; keep one of them`},
		{"not an object", Params{"profile": `["x"]`}, nil, `parameter "profile" must be a JSON object such as {"title": "Analyst"}, got "[\"x\"]"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.params.Profile("profile", fields)
			if tc.err != "" {
				assert.EqualError(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestCheckedIDs(t *testing.T) {
	ids, err := Params{"group_ids": " 00g1, 00g2 ,,00g1"}.CheckedIDs("group_ids")
	require.NoError(t, err)
	assert.Equal(t, []string{"00g1", "00g2"}, ids)
	_, err = Params{"group_ids": "00g1,../users"}.CheckedIDs("group_ids")
	assert.EqualError(t, err, `group_ids entry "../users" contains '/' at position 3, which an Okta identifier never has`)
}

func jsonNumber(s string) any { return json.Number(s) }

func TestSameJSON(t *testing.T) {
	assert.True(t, SameJSON(json.Number("10.50"), jsonNumber("10.50")))
	assert.False(t, SameJSON("a@example.com", "b@example.com"))
}
