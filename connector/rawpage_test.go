package connector

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/okta/okta-sdk-golang/v2/okta"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func pageResponse(body string) *okta.Response {
	return &okta.Response{Response: &http.Response{Body: io.NopCloser(strings.NewReader(body))}}
}

// A page is split into the same items a full decode gives, byte for byte.
func TestReadPageSplitsLikeTheDecoder(t *testing.T) {
	for _, page := range []string{
		`[]`, ` [ ] `, `[{"id":"00u1"}]`, `[{"a":"x]}\"{["},{"b":[1,{"c":null}]}, "s", 12.5e3, true, null]`,
		"[\n  {\"profile\": {\"login\": \"o'neil+soc@example.com\", \"x\": \"\\\\\"}}\n]",
	} {
		var want []json.RawMessage
		require.NoError(t, json.Unmarshal([]byte(page), &want))
		got, err := readPage(pageResponse(page))
		require.NoError(t, err, page)
		require.Len(t, got, len(want), page)
		for i := range want {
			assert.Equal(t, string(want[i]), string(got[i]), page)
		}
	}
	for _, empty := range []string{``, ` `, `null`} {
		got, err := readPage(pageResponse(empty))
		assert.NoError(t, err)
		assert.Nil(t, got)
	}
	var syn *json.SyntaxError
	for _, bad := range []string{`[{"id": }]`, `[{"id":"a"}`, `[1] [2]`, "[\"a\x01\"]"} {
		_, err := readPage(pageResponse(bad))
		assert.ErrorAs(t, err, &syn, "invalid JSON is refused: %q", bad)
	}
	_, err := readPage(pageResponse(`{"errorCode":"E0000001"}`))
	assert.ErrorContains(t, err, "JSON object instead of a list")
}

// Only a successful JSON answer to a marked request is relabelled.
func TestPassRawRelabelsOnlyMarkedJSONPages(t *testing.T) {
	marked, _ := http.NewRequestWithContext(rawPages(t.Context()), http.MethodGet, "https://acme.okta.example/api/v1/users", nil)
	plain, _ := http.NewRequest(http.MethodGet, "https://acme.okta.example/api/v1/users", nil)
	token, _ := http.NewRequestWithContext(rawPages(t.Context()), http.MethodPost, "https://acme.okta.example/oauth2/v1/token", nil)
	for _, c := range []struct {
		req    *http.Request
		status int
		ct     string
		want   string
	}{
		{marked, 200, "application/json", rawContentType},
		{marked, 200, "application/json; charset=utf-8", rawContentType},
		{marked, 404, "application/json", "application/json"},
		{marked, 200, "text/html", "text/html"},
		{plain, 200, "application/json", "application/json"},
		{token, 200, "application/json", "application/json"},
	} {
		resp := &http.Response{StatusCode: c.status, Header: http.Header{"Content-Type": {c.ct}}}
		passRaw(c.req, resp)
		assert.Equal(t, c.want, resp.Header.Get("Content-Type"))
	}
}
