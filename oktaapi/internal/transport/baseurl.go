package transport

import (
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/soar-okta/okta-connector/internal/textcut"
)

// CheckBaseURL applies the base_url rules of docs/configuration.md: https, or http for a
// loopback host only; no credentials, query or fragment; a bare origin.
// It returns the origin the SDK should use (no trailing slash) and whether the
// host is a loopback address.
func CheckBaseURL(raw string) (origin string, loopback bool, err error) {
	s := strings.TrimSpace(raw)
	u, perr := url.Parse(s)
	if perr != nil || u.Host == "" {
		return "", false, fmt.Errorf("base_url %s is not an absolute URL such as https://your-org.okta.com", textcut.Quote(raw, 80, textcut.Ellipsis))
	}
	if u.User != nil {
		return "", false, fmt.Errorf("base_url must not carry credentials; put the token in api_key")
	}
	if u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return "", false, fmt.Errorf("base_url %q must be the org's address only, without query or fragment", u.Redacted())
	}
	if p := strings.TrimRight(u.Path, "/"); p != "" {
		return "", false, fmt.Errorf("base_url %q must be the org's address only, without a path (got %q)", u.Redacted(), u.Path)
	}
	host := u.Hostname()
	loopback = isLoopback(host)
	switch strings.ToLower(u.Scheme) {
	case "https":
	case "http":
		if !loopback {
			return "", false, fmt.Errorf("base_url %q must use https; http is allowed only for localhost and loopback addresses", u.Redacted())
		}
	default:
		return "", false, fmt.Errorf("base_url %s must start with https://", textcut.Quote(raw, 80, textcut.Ellipsis))
	}
	scheme := strings.ToLower(u.Scheme)
	return scheme + "://" + canonicalHost(scheme, u), loopback, nil
}

// defaultPorts are the ports a URL of each scheme leaves unsaid.
var defaultPorts = map[string]string{"https": "443", "http": "80"}

// canonicalHost is u's host as Okta writes it in its links: the name in
// lower case, and the port only when it is not the scheme's default
// (https://acme.okta.com:443 is https://acme.okta.com). Otherwise every
// next-page link, which omits the port, would look like another origin.
func canonicalHost(scheme string, u *url.URL) string {
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if port == defaultPorts[scheme] {
		port = ""
	}
	if port != "" {
		return net.JoinHostPort(host, port)
	}
	if strings.Contains(host, ":") {
		return "[" + host + "]"
	}
	return host
}

// sameOrigin reports whether u is on the origin scheme://host (a
// canonical host from CheckBaseURL), default ports left unsaid or not.
func sameOrigin(u *url.URL, scheme, host string) bool {
	s := strings.ToLower(u.Scheme)
	return s == strings.ToLower(scheme) && canonicalHost(s, u) == strings.ToLower(host)
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
