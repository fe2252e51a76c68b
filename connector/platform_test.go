package connector

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEnvironmentProxy(t *testing.T) {
	const org = "https://acme.okta.com"
	cases := []struct {
		name       string
		env        map[string]string
		base       string
		want, var_ string
	}{
		{"none", nil, org, "", ""},
		{"HTTPS_PROXY", map[string]string{"HTTPS_PROXY": "http://p:3128"}, org, "http://p:3128", "HTTPS_PROXY"},
		{"HTTPS_PROXY before HTTP_PROXY", map[string]string{"HTTP_PROXY": "http://h:1", "HTTPS_PROXY": "http://s:2"}, org, "http://s:2", "HTTPS_PROXY"},
		{"HTTP_PROXY alone", map[string]string{"HTTP_PROXY": "http://h:1"}, org, "http://h:1", "HTTP_PROXY"},
		{"lower case", map[string]string{"https_proxy": "http://l:1"}, org, "http://l:1", "https_proxy"},
		{"blank is unset", map[string]string{"HTTPS_PROXY": "  ", "HTTP_PROXY": "http://h:1"}, org, "http://h:1", "HTTP_PROXY"},
		{"no scheme reads as http", map[string]string{"HTTPS_PROXY": "p:3128"}, org, "http://p:3128", "HTTPS_PROXY"},
		{"NO_PROXY star", map[string]string{"HTTPS_PROXY": "http://p:1", "NO_PROXY": "*"}, org, "", ""},
		{"NO_PROXY domain covers subdomains", map[string]string{"HTTPS_PROXY": "http://p:1", "NO_PROXY": "okta.com"}, org, "", ""},
		{"NO_PROXY leading dot", map[string]string{"HTTPS_PROXY": "http://p:1", "NO_PROXY": ".okta.com"}, org, "", ""},
		{"NO_PROXY leading dot is subdomains only", map[string]string{"HTTPS_PROXY": "http://p:1", "NO_PROXY": ".acme.okta.com"}, org, "http://p:1", "HTTPS_PROXY"},
		{"NO_PROXY wildcard", map[string]string{"HTTPS_PROXY": "http://p:1", "NO_PROXY": "*.okta.com"}, org, "", ""},
		{"NO_PROXY another domain", map[string]string{"HTTPS_PROXY": "http://p:1", "NO_PROXY": "example.com, notokta.com"}, org, "http://p:1", "HTTPS_PROXY"},
		{"NO_PROXY suffix is not a subdomain", map[string]string{"HTTPS_PROXY": "http://p:1", "NO_PROXY": "me.okta.com"}, "https://acme.okta.com", "http://p:1", "HTTPS_PROXY"},
		{"NO_PROXY port matches", map[string]string{"HTTPS_PROXY": "http://p:1", "NO_PROXY": "acme.okta.com:443"}, org, "", ""},
		{"NO_PROXY port differs", map[string]string{"HTTPS_PROXY": "http://p:1", "NO_PROXY": "acme.okta.com:8443"}, org, "http://p:1", "HTTPS_PROXY"},
		{"NO_PROXY CIDR", map[string]string{"HTTPS_PROXY": "http://p:1", "NO_PROXY": "10.0.0.0/8"}, "https://10.1.2.3:8443", "", ""},
		{"NO_PROXY IP", map[string]string{"HTTPS_PROXY": "http://p:1", "no_proxy": "[::1]"}, "https://[::1]:8443", "", ""},
		{"NO_PROXY upper case entry", map[string]string{"HTTPS_PROXY": "http://p:1", "NO_PROXY": "ACME.OKTA.COM"}, org, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, from := environmentProxy(c.env, c.base)
			assert.Equal(t, c.want, got)
			if c.var_ == "" {
				assert.Empty(t, from)
			} else {
				assert.Equal(t, c.var_+" in the asset's environment variables", from)
			}
		})
	}
}

func TestContextIsPlatformMetadata(t *testing.T) {
	raw := map[string]any{"user_id": "a", "context": map[string]any{"artifact_id": 1.0}}
	assert.Equal(t, map[string]any{"user_id": "a"}, withoutContext(raw))
	assert.Contains(t, raw, "context", "the request's own map is left alone")
	plain := map[string]any{"user_id": "a"}
	assert.Equal(t, plain, withoutContext(plain))
}
