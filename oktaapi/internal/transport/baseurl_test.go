package transport

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCheckBaseURL(t *testing.T) {
	cases := []struct {
		in, origin string
		loopback   bool
		errPart    string
	}{
		{in: "https://acme.okta.com", origin: "https://acme.okta.com"},
		{in: "https://acme.okta.com/", origin: "https://acme.okta.com"},
		{in: "  https://acme.okta.com  ", origin: "https://acme.okta.com"},
		{in: "HTTPS://acme.okta.com", origin: "https://acme.okta.com"},
		{in: "https://acme.okta.com:8443", origin: "https://acme.okta.com:8443"},
		{in: "https://acme.okta.com:443", origin: "https://acme.okta.com"},
		{in: "https://acme.okta.com:443/", origin: "https://acme.okta.com"},
		{in: "https://acme.okta.com:", origin: "https://acme.okta.com"},
		{in: "https://ACME.Okta.com", origin: "https://acme.okta.com"},
		{in: "https://acme.okta.com:80", origin: "https://acme.okta.com:80"},
		{in: "http://localhost:80", origin: "http://localhost", loopback: true},
		{in: "http://127.0.0.1:443", origin: "http://127.0.0.1:443", loopback: true},
		{in: "https://[::1]:443", origin: "https://[::1]", loopback: true},
		{in: "http://localhost:8080", origin: "http://localhost:8080", loopback: true},
		{in: "http://127.0.0.1:9000", origin: "http://127.0.0.1:9000", loopback: true},
		{in: "http://127.8.9.10", origin: "http://127.8.9.10", loopback: true},
		{in: "http://[::1]:9000", origin: "http://[::1]:9000", loopback: true},
		{in: "https://127.0.0.1:9000", origin: "https://127.0.0.1:9000", loopback: true},
		{in: "http://acme.okta.com", errPart: "must use https"},
		{in: "http://localhost.evil.com", errPart: "must use https"},
		{in: "http://10.0.0.1", errPart: "must use https"},
		{in: "ftp://acme.okta.com", errPart: "must start with https://"},
		{in: "acme.okta.com", errPart: "not an absolute URL"},
		{in: "", errPart: "not an absolute URL"},
		{in: "https://user:pw@acme.okta.com", errPart: "must not carry credentials"},
		{in: "https://acme.okta.com/api/v1", errPart: "without a path"},
		{in: "https://acme.okta.com?x=1", errPart: "without query"},
		{in: "https://acme.okta.com#x", errPart: "without query or fragment"},
	}
	for _, c := range cases {
		origin, loopback, err := CheckBaseURL(c.in)
		if c.errPart != "" {
			if assert.Error(t, err, c.in) {
				assert.Contains(t, err.Error(), c.errPart, c.in)
				assert.NotContains(t, err.Error(), "pw@", "credentials must not be echoed")
			}
			continue
		}
		if assert.NoError(t, err, c.in) {
			assert.Equal(t, c.origin, origin, c.in)
			assert.Equal(t, c.loopback, loopback, c.in)
		}
	}
}

// Okta's links are absolute URLs on base_url's origin, without the
// default port; anything else in a Link header is refused.
func TestCheckLinks(t *testing.T) {
	cases := []struct {
		link, why string
	}{
		{"https://acme.okta.com/api/v1/users?after=1", ""},
		{"https://ACME.okta.com/api/v1/users?after=1", ""},
		{"https://acme.okta.com:443/api/v1/users?after=1", ""},
		{"https://acme.okta.com:8443/api/v1/users?after=1", "leaves"},
		{"https://evil.example/api/v1/users?after=1", "leaves"},
		{"http://acme.okta.com/api/v1/users?after=1", "leaves"},
		{"//x:y@/api/v1/users", "is not an absolute https URL"},
		{"//evil.example/api/v1/users", "is not an absolute https URL"},
		{"/api/v1/users?after=1", "is not an absolute https URL"},
		{"https://x:y@acme.okta.com/api/v1/users", "carries user information"},
		{"https:acme.okta.com/api/v1/users", "is not an absolute https URL"},
	}
	for _, c := range cases {
		resp := &http.Response{Header: http.Header{"Link": {"<" + c.link + `>; rel="next"`}}}
		err := checkLinks(resp, "https", "acme.okta.com")
		if c.why == "" {
			assert.NoError(t, err, c.link)
		} else {
			assert.ErrorContains(t, err, c.why, c.link)
		}
	}
}
