package connector

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParamsList(t *testing.T) {
	for in, want := range map[string][]string{
		"":                 nil,
		" , ,":             nil,
		"a":                {"a"},
		"b, a ,b,,c":       {"b", "a", "c"},
		"00g1,00g1, 00g2 ": {"00g1", "00g2"},
	} {
		assert.Equal(t, want, Params{"ids": in}.List("ids"), "%q", in)
	}
}

func TestParamsObject(t *testing.T) {
	obj, err := Params{"p": `{"title":"Analyst","level":10}`}.Object("p")
	require.NoError(t, err)
	assert.Equal(t, "Analyst", obj["title"])
	assert.Equal(t, json.Number("10"), obj["level"])

	obj, err = Params{"p": "  "}.Object("p")
	assert.NoError(t, err)
	assert.Nil(t, obj)

	for _, bad := range []string{`[1]`, `"x"`, `null`, `{"a":1} {}`, `{"a":`, `1`} {
		_, err := Params{"p": bad}.Object("p")
		assert.ErrorContains(t, err, `parameter "p" must be a JSON object`, bad)
	}
}
