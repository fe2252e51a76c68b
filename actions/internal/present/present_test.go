package present

import (
	"encoding/json"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/soar-okta/okta-connector/connector"
)

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 users", 1: "1 user", 2: "2 users"} {
		assert.Equal(t, want, Plural(n, "user"))
	}
	assert.Equal(t, "3 proxies", Plural(3, "proxy"))
}

func TestObjects(t *testing.T) {
	items := []json.RawMessage{json.RawMessage(`{"id":"a"}`), json.RawMessage(`{"id":"b"}`)}
	assert.Equal(t, []any{items[0], items[1]}, Objects(items))
}

func TestSetCursor(t *testing.T) {
	q := url.Values{}
	assert.NoError(t, SetCursor(connector.Params{}, q))
	assert.Empty(t, q)
	assert.NoError(t, SetCursor(connector.Params{"after": "00u1abc"}, q))
	assert.Equal(t, "00u1abc", q.Get("after"))
	err := SetCursor(connector.Params{"after": "../users"}, url.Values{})
	assert.ErrorContains(t, err, "next_after")
}
