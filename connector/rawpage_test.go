package connector

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A page is split into the same items a full decode gives, byte for byte.
func TestRawPageSplitsLikeTheDecoder(t *testing.T) {
	for _, page := range []string{
		`[]`, ` [ ] `, `[{"id":"00u1"}]`, `[{"a":"x]}\"{["},{"b":[1,{"c":null}]}, "s", 12.5e3, true, null]`,
		"[\n  {\"profile\": {\"login\": \"o'neil+soc@example.com\", \"x\": \"\\\\\"}}\n]",
	} {
		var want []json.RawMessage
		require.NoError(t, json.Unmarshal([]byte(page), &want))
		var got rawPage
		require.NoError(t, json.Unmarshal([]byte(page), &got), page)
		require.Len(t, got, len(want), page)
		for i := range want {
			assert.Equal(t, string(want[i]), string(got[i]), page)
		}
	}
	var got rawPage
	require.NoError(t, json.Unmarshal([]byte(`null`), &got))
	assert.Nil(t, got)
	var typ *json.UnmarshalTypeError
	assert.ErrorAs(t, json.Unmarshal([]byte(`{"errorCode":"E0000001"}`), &got), &typ)
	assert.Error(t, json.Unmarshal([]byte(`[{"id": }]`), &got), "the decoder still refuses invalid JSON")
}
