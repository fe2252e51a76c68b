package oktaapi

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/internal/jsonlimit"
)

// testListing is a listing of /api/v1/users within bounds.
func testListing(b ListBounds) *listing {
	return &listing{path: "/api/v1/users", what: "list /api/v1/users", budget: NewReadBudget(b), seen: map[[32]byte]bool{}}
}

// A page is split into the same items a full decode gives, byte for byte.
func TestReadPageSplitsLikeTheDecoder(t *testing.T) {
	for _, page := range []string{
		`[]`, ` [ ] `, `[{"id":"00u1"}]`, `[{"a":"x]}\"{["},{"b":[1,{"c":null}]}, "s", 12.5e3, true, null]`,
		"[\n  {\"profile\": {\"login\": \"o'neil+soc@example.com\", \"x\": \"\\\\\"}}\n]",
	} {
		var want []json.RawMessage
		require.NoError(t, json.Unmarshal([]byte(page), &want))
		got, err := readPage([]byte(page), testListing(ListBounds{}))
		require.NoError(t, err, page)
		require.Len(t, got, len(want), page)
		for i := range want {
			assert.Equal(t, string(want[i]), string(got[i]), page)
		}
	}
	for _, empty := range []string{``, ` `, `null`} {
		got, err := readPage([]byte(empty), testListing(ListBounds{}))
		assert.NoError(t, err)
		assert.Nil(t, got)
	}
	var syn *json.SyntaxError
	for _, bad := range []string{`[{"id": }]`, `[{"id":"a"}`, `[1] [2]`, "[\"a\x01\"]"} {
		_, err := readPage([]byte(bad), testListing(ListBounds{}))
		assert.ErrorAs(t, err, &syn, "invalid JSON is refused: %q", bad)
	}
	_, err := readPage([]byte(`{"errorCode":"E0000001"}`), testListing(ListBounds{}))
	assert.ErrorContains(t, err, "JSON object instead of a list")
}

// The next-page link is read as the SDK reads it (the request's query
// parameters the link leaves out added back), and must stay in the
// collection being listed.
func TestNextLink(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "https://acme.okta.example/api/v1/users?limit=200&q=ann", nil)
	for _, c := range []struct {
		links []string
		want  string
		err   string
	}{
		{nil, "", ""},
		{[]string{`<https://acme.okta.example/api/v1/users?limit=200>; rel="self"`}, "", ""},
		{[]string{`<https://acme.okta.example/api/v1/users?limit=200>; rel="self"`, `<https://acme.okta.example/api/v1/users?after=00u9&limit=200>; rel="next"`},
			"/api/v1/users?after=00u9&limit=200&q=ann", ""},
		{[]string{`<https://acme.okta.example/api/v1/groups?after=1>; rel="next"`}, "", "outside this collection"},
		{[]string{`<https://acme.okta.example>; rel="next"`}, "", "outside this collection"},
	} {
		resp := &http.Response{Header: http.Header{"Link": c.links}, Request: req}
		got, err := nextLink(resp, testListing(ListBounds{}))
		if c.err != "" {
			assert.ErrorContains(t, err, c.err, c.links)
			continue
		}
		require.NoError(t, err, c.links)
		assert.Equal(t, c.want, got, c.links)
	}
}

// Pages count against the request's read budget: items and bytes over all
// the pages of a listing, and nesting within jsonlimit.MaxDepth.
func TestReadPageBounds(t *testing.T) {
	deep := strings.Repeat("[", jsonlimit.MaxDepth) + strings.Repeat("]", jsonlimit.MaxDepth)
	cases := []struct {
		name   string
		bounds ListBounds
		pages  []string
		want   string // the error of the last page; "" for none
	}{
		{"items within the bound", ListBounds{Items: 4}, []string{`[1,2]`, `[3,4]`}, ""},
		{"items past the bound on a later page", ListBounds{Items: 3}, []string{`[1,2]`, `[3,4]`}, "more than 3 items, the most one request may read; narrow it with the limit parameter"},
		{"one page past the bound", ListBounds{Items: 3}, []string{`[1,2,3,4]`}, "more than 3 items"},
		{"an empty page when none is left", ListBounds{Items: 2}, []string{`[1,2]`, `[]`}, ""},
		{"bytes past the bound", ListBounds{Bytes: 1 << 20}, []string{`["` + strings.Repeat("a", 600<<10) + `"]`, `["` + strings.Repeat("b", 600<<10) + `"]`}, "more than 1 MiB of pages"},
		{"nesting at the bound", ListBounds{}, []string{`[` + deep[1:len(deep)-1] + `]`}, ""},
		{"nesting past the bound", ListBounds{}, []string{`[` + deep + `]`}, "nests JSON objects or arrays more than 64 levels deep"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := testListing(c.bounds)
			var err error
			for _, p := range c.pages {
				if _, err = readPage([]byte(p), l); err != nil {
					break
				}
			}
			if c.want == "" {
				assert.NoError(t, err)
			} else {
				assert.ErrorContains(t, err, c.want)
			}
		})
	}
}

// A listing follows each next link once, and at most Pages pages.
func TestListingFollowBounds(t *testing.T) {
	l := testListing(ListBounds{Pages: 3})
	require.NoError(t, l.follow("/api/v1/users?after=1"))
	assert.ErrorContains(t, l.follow("/api/v1/users?after=1"), "same next-page link twice")
	require.NoError(t, l.follow("/api/v1/users?after=2"))
	assert.ErrorContains(t, l.follow("/api/v1/users?after=3"), "more than 3 pages")
}
