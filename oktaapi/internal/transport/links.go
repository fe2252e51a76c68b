package transport

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/soar-okta/okta-connector/internal/textcut"
)

// LinkError reports a Link header no Okta org sends: one that does not
// parse, that is not an absolute URL, that carries user information, or
// that points at another scheme or host. The SDK would either fail on it
// or quietly rewrite it onto base_url, and the page reader would follow
// it, so it is refused before either sees it. That every link is on
// base_url is checked here, for every answer; that a next-page link stays
// in the collection being listed is the page reader's check.
type LinkError struct{ Link, Why string }

func (e *LinkError) Error() string {
	return fmt.Sprintf("Okta's answer carries a paging link %s that %s; stopping instead of following it", textcut.QuoteValue(e.Link), e.Why)
}

// checkLinks looks at every Link header entry of a response from
// scheme://host: each must be an absolute URL on that exact origin.
func checkLinks(resp *http.Response, scheme, host string) error {
	for _, header := range resp.Header.Values("Link") {
		for _, entry := range strings.Split(header, ",") {
			entry = strings.TrimSpace(entry)
			if entry == "" {
				continue
			}
			open, end := strings.IndexByte(entry, '<'), strings.IndexByte(entry, '>')
			if open != 0 || end < 0 {
				return &LinkError{Link: entry, Why: "is not of the form <URL>; rel=..."}
			}
			if err := checkLink(entry[1:end], scheme, host); err != nil {
				return err
			}
		}
	}
	return nil
}

// CheckLinkFrom checks a paging link an answer to the request at from
// carries in its body (Okta's IAM API pages that way) as a Link header's
// is checked: an absolute URL on from's exact origin.
func CheckLinkFrom(raw string, from *url.URL) error {
	scheme := strings.ToLower(from.Scheme)
	return checkLink(raw, scheme, canonicalHost(scheme, from))
}

// checkLink checks one link of an answer from scheme://host.
func checkLink(raw, scheme, host string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return &LinkError{Link: raw, Why: "is not a URL"}
	case !u.IsAbs() || u.Opaque != "":
		return &LinkError{Link: raw, Why: "is not an absolute " + scheme + " URL, as Okta's links always are"}
	case u.User != nil:
		return &LinkError{Link: raw, Why: "carries user information"}
	case !sameOrigin(u, scheme, host):
		return &LinkError{Link: raw, Why: "leaves " + scheme + "://" + host}
	}
	return nil
}
