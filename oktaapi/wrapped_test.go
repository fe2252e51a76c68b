package oktaapi

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/internal/jsonlimit"
)

// A wrapped page is held to the bounds of a list page: its items count
// against the request's read budget, and its nesting is checked before it
// is decoded.
func TestReadWrappedBounds(t *testing.T) {
	req, _ := http.NewRequest(http.MethodGet, "https://acme.okta.example/api/v1/iam/assignees/users?limit=2", nil)
	resp := &http.Response{Request: req, Header: http.Header{}}
	wrapped := func(b ListBounds) *listing {
		l := testListing(b)
		l.path, l.wrapped = "/api/v1/iam/assignees/users", true
		return l
	}

	page, next, err := readWrapped([]byte(`{"value":[{"id":"00u1"},{"id":"00u2"}],"_links":{"next":{"href":"https://acme.okta.example/api/v1/iam/assignees/users?after=00u2&limit=2"}}}`), wrapped(ListBounds{}), resp)
	require.NoError(t, err)
	assert.Len(t, page, 2)
	assert.Equal(t, "/api/v1/iam/assignees/users?after=00u2&limit=2", next)

	page, next, err = readWrapped([]byte(`{"value":[]}`), wrapped(ListBounds{}), resp)
	require.NoError(t, err)
	assert.Empty(t, page)
	assert.Empty(t, next, "no next link: the last page")

	_, _, err = readWrapped([]byte(`{"value":[{"id":"00u1"},{"id":"00u2"}]}`), wrapped(ListBounds{Items: 1}), resp)
	var bound *ListBoundError
	assert.ErrorAs(t, err, &bound)

	deep := `{"value":[` + strings.Repeat("[", jsonlimit.MaxDepth+1) + strings.Repeat("]", jsonlimit.MaxDepth+1) + `]}`
	_, _, err = readWrapped([]byte(deep), wrapped(ListBounds{}), resp)
	var depth *jsonlimit.DepthError
	assert.ErrorAs(t, err, &depth)
}
