package connector

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// linkError reports a Link header no Okta org sends: one that does not
// parse, or that points at another scheme or host. The SDK would either
// fail on it or quietly rewrite it onto base_url, so it is refused before
// the SDK sees it.
type linkError struct{ link, why string }

func (e *linkError) Error() string {
	return fmt.Sprintf("Okta's answer carries a paging link %s that %s; stopping instead of following it", quoteForMessage(e.link), e.why)
}

// checkLinks looks at every Link header entry of a response from scheme://host.
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
			if err != nil {
				return &linkError{link: raw, why: "is not a URL"}
			}
			if u.IsAbs() && (!strings.EqualFold(u.Scheme, scheme) || !strings.EqualFold(u.Host, host)) {
				return &linkError{link: raw, why: "leaves " + scheme + "://" + host}
			}
			if !u.IsAbs() && u.Host != "" {
				return &linkError{link: raw, why: "names another host"}
			}
		}
	}
	return nil
}
