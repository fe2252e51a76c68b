package connector

import (
	"encoding/json"
	"maps"
	"net"
	"net/netip"
	"net/url"
	"strings"

	"github.com/soar-okta/okta-connector/schema"
)

// contextKey is the member of a parameter object that Splunk SOAR fills
// with its own metadata (artifact_id, guid, parent_action_run). It is not
// a parameter: it is never validated, never reaches Okta, and is echoed in
// the result's parameter as given.
const contextKey = "context"

// scheduleWindow lists the parameters of an ingest action in which Splunk
// SOAR sends its own schedule window, as epoch milliseconds in JSON
// numbers, on every poll. The action's own parameters of those names take
// text (a one-off window an analyst asks for); the platform's numbers are
// not such a request, and the checkpoint governs.
var scheduleWindow = []string{"start_time", "end_time"}

// platformParams returns the parameter set as the action validates it:
// without the platform's metadata (context), and for an ingest action
// without the platform's schedule window given as numbers.
func platformParams(action *schema.Action, raw map[string]any) map[string]any {
	var drop []string
	if _, ok := raw[contextKey]; ok {
		drop = append(drop, contextKey)
	}
	if action.Type == "ingest" {
		for _, k := range scheduleWindow {
			switch raw[k].(type) {
			case float64, json.Number:
				drop = append(drop, k)
			}
		}
	}
	if len(drop) == 0 {
		return raw
	}
	out := maps.Clone(raw)
	for _, k := range drop {
		delete(out, k)
	}
	return out
}

// echo is a result's parameter member: the parameters, secrets masked,
// with the platform's metadata from raw put back as it was given.
func echo(action *schema.Action, params, raw map[string]any) map[string]any {
	out := action.Masked(params)
	if meta, ok := raw[contextKey]; ok {
		out[contextKey] = meta
	}
	return out
}

// environmentProxy picks the proxy the platform's per-asset environment
// names for requests to baseURL: HTTPS_PROXY, then HTTP_PROXY (each also in
// lower case), unless NO_PROXY covers baseURL's host. from names the
// variable for messages; both are empty when no proxy applies. A value
// without a scheme is read as http://, as curl and Go read it.
func environmentProxy(env map[string]string, baseURL string) (proxy, from string) {
	if len(env) == 0 {
		return "", ""
	}
	for _, name := range []string{"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"} {
		if v := strings.TrimSpace(env[name]); v != "" {
			proxy, from = v, name+" in the asset's environment variables"
			break
		}
	}
	if proxy == "" {
		return "", ""
	}
	noProxy := env["NO_PROXY"]
	if strings.TrimSpace(noProxy) == "" {
		noProxy = env["no_proxy"]
	}
	if u, err := url.Parse(baseURL); err == nil && noProxyCovers(noProxy, u) {
		return "", ""
	}
	if !strings.Contains(proxy, "://") {
		proxy = "http://" + proxy
	}
	return proxy, from
}

// noProxyCovers reports whether a NO_PROXY list names u's host: "*" names
// every host; an entry is a host name (covering its subdomains too; a
// leading dot covers the subdomains only), an IP address or a CIDR range,
// each optionally with a port that must then match.
func noProxyCovers(list string, u *url.URL) bool {
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if port == "" {
		port = "443"
		if u.Scheme == "http" {
			port = "80"
		}
	}
	ip, ipErr := netip.ParseAddr(host)
	for _, entry := range strings.FieldsFunc(strings.ToLower(list), func(r rune) bool { return r == ',' || r == ' ' }) {
		if entry == "*" {
			return true
		}
		if prefix, err := netip.ParsePrefix(entry); err == nil {
			if ipErr == nil && prefix.Contains(ip) {
				return true
			}
			continue
		}
		name, entryPort := entry, ""
		if h, p, err := net.SplitHostPort(entry); err == nil {
			name, entryPort = h, p
		}
		if entryPort != "" && entryPort != port {
			continue
		}
		name = strings.Trim(name, "[]")
		if a, err := netip.ParseAddr(name); err == nil {
			if ipErr == nil && a == ip {
				return true
			}
			continue
		}
		if strings.HasPrefix(name, "*.") {
			name = name[1:]
		}
		if strings.HasPrefix(name, ".") {
			if strings.HasSuffix(host, name) {
				return true
			}
			continue
		}
		if host == name || strings.HasSuffix(host, "."+name) {
			return true
		}
	}
	return false
}
