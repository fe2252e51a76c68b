package oktaapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/okta/okta-sdk-golang/v2/okta"

	"github.com/soar-okta/okta-connector/internal/jsonlimit"
	"github.com/soar-okta/okta-connector/internal/jsonscan"
	"github.com/soar-okta/okta-connector/internal/textcut"
	"github.com/soar-okta/okta-connector/oktaapi/internal/transport"
)

// rawPage is one page of a collection: its items' text as Okta sent it.
type rawPage []json.RawMessage

// Listing pages are read by the client itself, not decoded by the SDK. The
// SDK's decoder scans a page twice (once to find the value, once more to
// hand it to a raw item) and copies it; on large listings that was most of
// the connector's own time. A page request is built by the SDK's request
// executor, so it is authenticated and labelled exactly as every other
// request, then sent through the stack's page door (transport.Stack.Pages),
// the same stack without the nesting check the SDK's door makes: readPage
// checks the page once and splits it into items without decoding them.
// Its Link header is read here too, as the SDK reads it.

// firstPage fetches the first page of the listing l: its path with query.
// buf, when not nil, receives the page's text (see fetchPage).
func (c *Client) firstPage(ctx context.Context, l *listing, query url.Values, buf *bytes.Buffer) (answer, error) {
	exec := c.org.sdk.CloneRequestExecutor()
	req, err := exec.NewRequest(http.MethodGet, l.path+"?"+query.Encode(), nil)
	if err != nil {
		return answer{}, fmt.Errorf("%s %s: %w", http.MethodGet, l.path, authFailure(err, c.org.scopes))
	}
	return c.fetchPage(ctx, l, req, l.path, buf)
}

// nextPage fetches the page next, the link the previous page's answer
// carried, asking for size items when size > 0 (as the link asks
// otherwise). A link the listing already followed is refused, so that a
// server repeating itself cannot make a listing loop, and so is one past
// the listing's page bound. buf is as for firstPage.
func (c *Client) nextPage(ctx context.Context, l *listing, next string, size int, buf *bytes.Buffer) (answer, error) {
	if err := l.follow(next); err != nil {
		return answer{}, err
	}
	return c.fetchLink(ctx, l, next, size, buf)
}

// fetchLink is nextPage once the listing has recorded the link.
func (c *Client) fetchLink(ctx context.Context, l *listing, next string, size int, buf *bytes.Buffer) (answer, error) {
	if size > 0 {
		next = withLimit(next, size)
	}
	exec := c.org.sdk.CloneRequestExecutor()
	req, err := exec.NewRequest(http.MethodGet, next, nil)
	if err != nil {
		return answer{}, fmt.Errorf("%s %s: %w", http.MethodGet, next, err)
	}
	return c.fetchPage(ctx, l, req, next, buf)
}

// answer is the answer to a page request, read but not checked yet: the
// page's text, and its next-page link. A wrapped page (listing.wrapped)
// carries its link in its text: it is read with the page.
type answer struct {
	body    []byte         // nil: an empty answer, an empty last page
	next    string         // "" on the last page
	nextErr error          // a next-page link that must not be followed
	wrapped *http.Response // the answer of a wrapped page, for readWrapped
}

// fetchPage sends a page request of the listing l and reads the answer as
// the SDK would judge it: an error answer becomes an APIError (label names
// the request in it), an empty one an empty page, a JSON one a page (its
// text, checked by answer.page), any other a NonJSONError. The page's
// text is read into buf, emptied first, when buf is not nil (the page is
// then valid until buf is used again), and into memory of its own
// otherwise.
func (c *Client) fetchPage(ctx context.Context, l *listing, req *http.Request, label string, buf *bytes.Buffer) (answer, error) {
	resp, err := c.org.pages.Do(req.WithContext(c.sending(ctx)))
	if err != nil {
		return answer{}, fmt.Errorf("%s %s: %w", http.MethodGet, label, err)
	}
	defer resp.Body.Close()
	if err := okta.CheckResponseForError(resp); err != nil {
		return answer{}, wrapSDKError(http.MethodGet, label, &okta.Response{Response: resp}, err)
	}
	if buf == nil {
		buf = new(bytes.Buffer)
		if n := resp.ContentLength; n > 0 && n <= 64<<20 {
			buf.Grow(int(n) + 1)
		}
	}
	buf.Reset()
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		return answer{}, fmt.Errorf("%s %s: %w", http.MethodGet, label, err)
	}
	body := buf.Bytes()
	if len(body) == 0 {
		return answer{}, nil
	}
	if ct := resp.Header.Get("Content-Type"); !pageType(ct) {
		return answer{}, fmt.Errorf("%s %s: %w", http.MethodGet, label, nonJSON(ct))
	}
	a := answer{body: body}
	if l.wrapped {
		a.wrapped = resp
		return a, nil
	}
	a.next, a.nextErr = nextLink(resp, l)
	return a, nil
}

// link is the next-page link a will be followed by, if the page checks
// out, or "" (as for a wrapped page, whose link is in its text).
func (a answer) link() string {
	if a.body == nil || a.nextErr != nil {
		return ""
	}
	return a.next
}

// page checks the page of a (readPage, readWrapped) and its next-page
// link.
func (a answer) page(l *listing) (rawPage, string, error) {
	if a.body == nil {
		return nil, "", nil
	}
	if a.wrapped != nil {
		return readWrapped(a.body, l, a.wrapped)
	}
	page, err := readPage(a.body, l)
	if err != nil {
		return nil, "", err
	}
	if a.nextErr != nil {
		return nil, "", a.nextErr
	}
	return page, a.next, nil
}

// pageType reports whether a page's Content-Type is one the SDK leaves to
// be read as JSON: JSON itself, or the XML and binary types it does not
// refuse outright.
func pageType(ct string) bool {
	return transport.IsJSON(ct) || strings.Contains(ct, "application/xml") || strings.Contains(ct, "application/octet-stream")
}

// nextLink reads the next-page link of a page's answer as the SDK reads a
// Link header: each header line is one link, cut down to its path and
// query, with the request's query parameters the link leaves out added
// back. The stack has already refused any link off base_url
// (transport.LinkError); the next one must also stay in the collection
// being listed, with no user information or host hidden in it. Okta's
// cursors only ever change the query. "" means there is no next page.
func nextLink(resp *http.Response, l *listing) (string, error) {
	var next *url.URL
	for _, link := range resp.Header["Link"] {
		parts := strings.Split(link, ";")
		if len(parts) < 2 || !strings.Contains(link, `rel="next"`) {
			continue
		}
		u, err := url.Parse(strings.TrimRight(strings.TrimLeft(parts[0], "<"), ">"))
		if err != nil {
			return "", fmt.Errorf("%s: Okta's next-page link %s is not a URL; stopping", l.what, textcut.QuoteValue(parts[0]))
		}
		next = u
	}
	if next == nil {
		return "", nil
	}
	return followable(next, resp, l)
}

// followable is the next page's link as the listing requests it: its path
// and query, with the request's query parameters the link leaves out
// added back. It must stay in the collection being listed.
func followable(next *url.URL, resp *http.Response, l *listing) (string, error) {
	next.Scheme, next.Host = "", ""
	if resp.Request != nil {
		q := resp.Request.URL.Query()
		for k, v := range next.Query() {
			q.Set(k, v[0])
		}
		next.RawQuery = q.Encode()
	}
	if next.User != nil || next.Opaque != "" || next.EscapedPath() != l.path {
		return "", fmt.Errorf("%s: the next-page link points at %s, outside this collection; stopping without following it", l.what, textcut.QuoteValue(next.String()))
	}
	return next.String(), nil
}

// wrappedPage is a page of Okta's IAM API: an object holding the items in
// value and the next page's link in _links.next.href.
type wrappedPage struct {
	Value json.RawMessage `json:"value"`
	Links struct {
		Next struct {
			Href string `json:"href"`
		} `json:"next"`
	} `json:"_links"`
}

// readWrapped reads a wrapped page's text: an object within the nesting
// bound whose value is read as a page (readPage), and whose next link,
// checked like a Link header's, must stay in the collection.
func readWrapped(body []byte, l *listing, resp *http.Response) (rawPage, string, error) {
	b := bytes.TrimSpace(body)
	if len(b) == 0 || bytes.Equal(b, []byte("null")) {
		return nil, "", nil
	}
	if _, deep := jsonscan.NestsDeeper(b, jsonlimit.MaxDepth); deep {
		return nil, "", &jsonlimit.DepthError{What: "Okta's answer to " + l.what}
	}
	if b[0] != '{' {
		return nil, "", fmt.Errorf("Okta answered %s with a JSON %s instead of an object holding the list in value", l.what, pageKindOf(b))
	}
	var w wrappedPage
	if err := json.Unmarshal(b, &w); err != nil {
		return nil, "", err
	}
	if len(w.Value) == 0 {
		return nil, "", fmt.Errorf("Okta answered %s with an object without the list in value", l.what)
	}
	page, err := readPage(w.Value, l)
	if err != nil || w.Links.Next.Href == "" {
		return page, "", err
	}
	href := w.Links.Next.Href
	if resp.Request != nil {
		if err := transport.CheckLinkFrom(href, resp.Request.URL); err != nil {
			return nil, "", err
		}
	}
	u, err := url.Parse(href)
	if err != nil {
		return nil, "", fmt.Errorf("%s: Okta's next-page link %s is not a URL; stopping", l.what, textcut.QuoteValue(href))
	}
	next, err := followable(u, resp, l)
	return page, next, err
}

// readPage reads a page's text: it must be valid JSON and an array,
// within the listing's bounds (its items and bytes counted against the
// request's read budget, its nesting within jsonlimit.MaxDepth); its items
// are split out of the one copy of the text.
func readPage(body []byte, l *listing) (rawPage, error) {
	b := bytes.TrimSpace(body)
	if len(b) == 0 || bytes.Equal(b, []byte("null")) {
		return nil, nil
	}
	lim := jsonscan.Limits{Depth: jsonlimit.MaxDepth, Items: l.budget.itemsLeft()}
	if lim.Items <= 0 {
		lim.Items = -1 // none left
	}
	items, problem := jsonscan.CheckItems(b, lim)
	switch problem {
	case jsonscan.TooManyItems:
		return nil, l.tooManyItems()
	case jsonscan.TooDeep:
		return nil, &jsonlimit.DepthError{What: "Okta's answer to " + l.what}
	case jsonscan.Invalid:
		var discard json.RawMessage
		return nil, json.Unmarshal(b, &discard) // the decoder says what is wrong, and where
	}
	if b[0] != '[' {
		return nil, fmt.Errorf("Okta answered a list request with a JSON %s instead of a list", pageKindOf(b))
	}
	if ok, items := l.budget.take(len(items), int64(len(b))); !ok {
		if items {
			return nil, l.tooManyItems()
		}
		return nil, l.tooManyBytes()
	}
	page := make(rawPage, len(items))
	for i, it := range items {
		page[i] = it
	}
	return page, nil
}

func pageKindOf(b []byte) string {
	switch b[0] {
	case '[':
		return "list"
	case '{':
		return "object"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	}
	return "number"
}
