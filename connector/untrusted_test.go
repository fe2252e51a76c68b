package connector

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPathSegment(t *testing.T) {
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
		_, err := PathSegment("user_id", c.in)
		if c.ok {
			assert.NoError(t, err, "%q", c.in)
		} else {
			assert.Error(t, err, "%q", c.in)
		}
	}
}

func TestPathSegmentMessageNamesTheProblem(t *testing.T) {
	_, err := PathSegment("user_id", "00u1/../../groups")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "user_id")
	assert.Contains(t, err.Error(), "'/'")
}

func TestPathRefusesUncheckedSegments(t *testing.T) {
	assert.Equal(t, "/api/v1/users/00u1/roles/ra1", Path("/api/v1/users/{}/roles/{}", "00u1", "ra1"))
	for _, id := range []string{"a/b", "..", "", "ufs1/../../groups", "00u1?x=1"} {
		p := Path("/api/v1/users/00u1/factors/{}", id)
		_, err := (&Okta{}).Do(t.Context(), "DELETE", p, nil, nil, nil)
		assert.ErrorContains(t, err, "refused to send a DELETE request for an object: the id", id)
	}
	_, err := (&Okta{}).Do(t.Context(), "GET", Path("/api/v1/users/{}/roles/{}", "00u1", "ra1/x"), nil, nil, nil)
	assert.ErrorContains(t, err, `the id "ra1/x" contains '/' at position 4, which an Okta identifier never has`)
	assert.Panics(t, func() { Path("/api/v1/users/{}/roles/{}", "00u1") })
	assert.Panics(t, func() { Path("/api/v1/users/{}", "00u1", "extra") })
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
