package oktaapi

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAPIPathAccepts(t *testing.T) {
	for _, p := range []string{
		"/api/v1/users",
		"/api/v1/users/00ufBAepfJBd0Kh8oOOL/groups",
		"/api/v1/users/dana.whitfield@example.com",
		"/api/v1/users/o'neil+soc@example.com",
		"/api/v1/users/jos%C3%A9@example.com",
		"/api/v1/users/a%2Bb%40example.com",
		"/api/v1/zones/nzo3JdWq9vKe5Hs2Pf0g/lifecycle/deactivate",
		"/api/v1/users/me",
		"/api/v1/.well-known",
		"/api/v1/users/x..y",
	} {
		got, err := APIPath("path", p)
		assert.NoError(t, err, p)
		assert.Equal(t, p, got.String())
	}
}

func TestAPIPathRefuses(t *testing.T) {
	tests := []struct{ path, why string }{
		{"https://evil.example.com/api/v1/users", "does not start with /api/v1/"},
		{"http://127.0.0.1/api/v1/users", "does not start with /api/v1/"},
		{"//evil.example.com/api/v1/users", "does not start with /api/v1/"},
		{"evil.example.com/api/v1/users", "does not start with /api/v1/"},
		{"api/v1/users", "does not start with /api/v1/"},
		{"", "does not start with /api/v1/"},
		{"/", "does not start with /api/v1/"},
		{"/api/v1", "does not start with /api/v1/"},
		{"/api/v10/users", "does not start with /api/v1/"},
		{"/api/v2/users", "does not start with /api/v1/"},
		{"/API/v1/users", "does not start with /api/v1/"},
		{"/oauth2/v1/token", "does not start with /api/v1/"},
		{" /api/v1/users", "does not start with /api/v1/"},
		{"\\api\\v1\\users", "does not start with /api/v1/"},
		{"/api/v1/", "is empty"},
		{"/api/v1//evil.example.com/users", "is empty"},
		{"/api/v1/users/", "is empty"},
		{"/api/v1/users//groups", "is empty"},
		{"/api/v1/../../evil", "is .."},
		{"/api/v1/users/../groups", "is .."},
		{"/api/v1/users/..;/groups", "contains ';'"},
		{"/api/v1/users/..;x=1/groups", "contains ';'"},
		{"/api/v1/users/00u1;/../groups", "contains ';'"},
		{"/api/v1/apps/0oa1;v=2", "contains ';', a path parameter"},
		{"/api/v1/users/..%3b/groups", "hides ';'"},
		{"/api/v1/users/..%3B/groups", "hides ';'"},
		{"/api/v1/./users", "is ."},
		{"/api/v1/users/.", "is ."},
		{"/api/v1/%2e%2e/admin", "hides '.'"},
		{"/api/v1/%2E%2E/admin", "hides '.'"},
		{"/api/v1/.%2e/admin", "hides '.'"},
		{"/api/v1/users%2f..%2fgroups", "hides '/'"},
		{"/api/v1/users%2Fme", "hides '/'"},
		{"/api/v1/users%5c..%5cgroups", "hides '\\\\'"},
		{"/api/v1/users%3flimit=1", "hides '?'"},
		{"/api/v1/users%23x", "hides '#'"},
		{"/api/v1/users%252e%252e", "hides '%'"},
		{"/api/v1/users%00", "control character (U+0000)"},
		{"/api/v1/users%0d%0aX-Injected:%201", "control character (U+000D)"},
		{"/api/v1/users%20", "U+0020"},
		{"/api/v1/users%e2%80%ae", "invisible or control character (U+202E)"},
		{"/api/v1/users%c2%a0", "(U+00A0)"},
		{"/api/v1/users%ef%bc%8f..", "look-alike"},
		{"/api/v1/users%e2%88%95groups", "look-alike"},
		{"/api/v1/users%ef%bc%8e%ef%bc%8e", "look-alike"},
		{"/api/v1/%c0%ae%c0%ae/admin", "invalid UTF-8"},
		{"/api/v1/users%zz", "hexadecimal"},
		{"/api/v1/users%2", "hexadecimal"},
		{"/api/v1/users?limit=1", "contains '?'"},
		{"/api/v1/users#frag", "contains '#'"},
		{"/api/v1/users\\..\\groups", "contains '\\\\'"},
		{"/api/v1/users\r\nX-Injected: 1", "(U+000D)"},
		{"/api/v1/users\x00", "control character (U+0000)"},
		{"/api/v1/us ers", "a space"},
		{"/api/v1/users\t", "U+0009"},
		{"/api/v1/users／..／groups", "non-ASCII"},
		{"/api/v1/users\u202e", "non-ASCII"},
		{"/api/v1/usérs", "non-ASCII"},
		{"/api/v1/users/{id}", "contains '{'"},
		{"/api/v1/users/\"x\"", "contains '\"'"},
		{"/api/v1/users/<script>", "contains '<'"},
		{"/api/v1/" + strings.Repeat("a", 2100), "at most 2048"},
	}
	assert.GreaterOrEqual(t, len(tests), 30)
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			got, err := APIPath("path", tc.path)
			if assert.Error(t, err, "accepted as %q", got) {
				assert.Contains(t, err.Error(), tc.why)
				assert.True(t, strings.HasPrefix(err.Error(), "path "), err.Error())
			}
		})
	}
}
