package oktaapi

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckID(t *testing.T) {
	cases := []struct {
		in string
		ok bool
	}{
		{"00u1a2b3c4d5e6f7g8h9", true},
		{"ann.lee@example.com", true},
		{"ann.lee+soc@example.com", true},
		{"SUPER_ADMIN", true},
		{"ann~lee", true},
		{"", false},
		{".", false},
		{"..", false},
		{"../groups", false},
		{"00u1/lifecycle/suspend", false},
		{"00u1?limit=1", false},
		{"00u1#frag", false},
		{"00u1%2F..", false},
		{"00u1 ", false},
		{" 00u1", false},
		{"00u1\t", false},
		{"00u1\r\nX-Evil: 1", false},
		{"00u1\x00", false},
		{"ann o'neil@example.com", false},
		{"o'neil@example.com", false},
		{"ünïcode@example.com", false},
		{"a\\b", false},
		{string(make([]byte, 300)), false},
	}
	for _, c := range cases {
		_, err := CheckID("user_id", c.in)
		if c.ok {
			assert.NoError(t, err, "%q", c.in)
		} else {
			assert.Error(t, err, "%q", c.in)
		}
	}
}

func TestCheckIDMessageNamesTheProblem(t *testing.T) {
	_, err := CheckID("user_id", "00u1/../../groups")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "user_id")
	assert.Contains(t, err.Error(), "'/'")
}

// A path is built from IDs only; an id Okta returned that could not stand
// in a path is refused with a message naming the request it was meant for.
func TestPathsAreBuiltFromCheckedIDs(t *testing.T) {
	id := func(v string) ID {
		t.Helper()
		x, err := CheckID("id", v)
		require.NoError(t, err)
		return x
	}
	assert.Equal(t, "/api/v1/users/00u1/roles/ra1", PathOf("/api/v1/users/{}/roles/{}", id("00u1"), id("ra1")).String())
	for _, v := range []string{"a/b", "..", "", "ufs1/../../groups", "00u1?x=1"} {
		_, err := CheckReturnedID("DELETE", v)
		assert.ErrorContains(t, err, "refused to send a DELETE request for an object: the id", v)
	}
	_, err := CheckReturnedID("GET", "ra1/x")
	assert.ErrorContains(t, err, `the id "ra1/x" contains '/' at position 4, which an Okta identifier never has`)
	assert.Panics(t, func() { PathOf("/api/v1/users/{}/roles/{}", id("00u1")) })
	assert.Panics(t, func() { PathOf("/api/v1/users/{}", id("00u1"), id("extra")) })
	assert.Panics(t, func() { PathOf("/api/v1/users/{}", ID{}) }, "the zero ID is no id")
}

func TestQuoteLiteral(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"ann@example.com", `"ann@example.com"`, true},
		{`o'neil@example.com`, `"o'neil@example.com"`, true},
		{`x" or profile.login sw "`, `"x\" or profile.login sw \""`, true},
		{`back\slash`, `"back\\slash"`, true},
		{`trailing\`, `"trailing\\"`, true},
		{"ünïcode", `"ünïcode"`, true},
		{"line\nbreak", "", false},
		{"nul\x00", "", false},
		{"bad\xffutf8", "", false},
	}
	for _, c := range cases {
		got, err := QuoteLiteral("login", c.in)
		if !c.ok {
			assert.Error(t, err, "%q", c.in)
			continue
		}
		require.NoError(t, err, "%q", c.in)
		assert.Equal(t, c.want, got)
	}
}
