package connector

import (
	"encoding/json"
	"maps"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/schema"
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

func TestPlatformParams(t *testing.T) {
	app, err := schema.Parse([]byte(`{"name":"t","configuration":{},"actions":[
		{"action":"on poll","identifier":"on_poll","description":"d","verbose":"","type":"ingest","read_only":true,"parameters":{
			"start_time":{"description":"s","data_type":"string","order":0},"end_time":{"description":"e","data_type":"string","order":1}},"output":[]},
		{"action":"get user","identifier":"get_user","description":"d","verbose":"","type":"investigate","read_only":true,"parameters":{
			"start_time":{"description":"s","data_type":"string","order":0}},"output":[]}]}`))
	require.NoError(t, err)
	poll, _ := app.Lookup("", "on_poll")
	other, _ := app.Lookup("", "get_user")
	ctx := map[string]any{"artifact_id": 1.0}
	cases := []struct {
		name   string
		action *schema.Action
		raw    map[string]any
		want   map[string]any
	}{
		{"context is dropped", other, map[string]any{"start_time": "a", "context": ctx}, map[string]any{"start_time": "a"}},
		{"nothing to drop", other, map[string]any{"start_time": "a"}, map[string]any{"start_time": "a"}},
		{"a numeric window is the platform's on an ingest action", poll, map[string]any{"start_time": 1736899200000.0, "end_time": json.Number("1736985600000"), "context": ctx}, map[string]any{}},
		{"a text window is the analyst's", poll, map[string]any{"start_time": "24h", "end_time": "1736985600000"}, map[string]any{"start_time": "24h", "end_time": "1736985600000"}},
		{"a number elsewhere is left for validation", other, map[string]any{"start_time": 5.0}, map[string]any{"start_time": 5.0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := maps.Clone(c.raw)
			assert.Equal(t, c.want, platformParams(c.action, c.raw))
			assert.Equal(t, before, c.raw, "the request's own map is left alone")
		})
	}
}
