package connector

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/soar-okta/okta-connector/internal/textcut"
)

// linkError reports a Link header no Okta org sends: one that does not
// parse, that is not an absolute URL, that carries user information, or
// that points at another scheme or host. The SDK would either
// fail on it or quietly rewrite it onto base_url, so it is refused before
// the SDK sees it.
type linkError struct{ link, why string }

func (e *linkError) Error() string {
	return fmt.Sprintf("Okta's answer carries a paging link %s that %s; stopping instead of following it", textcut.QuoteValue(e.link), e.why)
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
				return &linkError{link: entry, why: "is not of the form <URL>; rel=..."}
			}
			raw := entry[1:end]
			u, err := url.Parse(raw)
			switch {
			case err != nil:
				return &linkError{link: raw, why: "is not a URL"}
			case !u.IsAbs() || u.Opaque != "":
				return &linkError{link: raw, why: "is not an absolute " + scheme + " URL, as Okta's links always are"}
			case u.User != nil:
				return &linkError{link: raw, why: "carries user information"}
			case !sameOrigin(u, scheme, host):
				return &linkError{link: raw, why: "leaves " + scheme + "://" + host}
			}
		}
	}
	return nil
}
