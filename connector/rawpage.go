package connector

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/soar-okta/okta-connector/internal/jsonlimit"
	"io"
	"net/http"

	"github.com/okta/okta-sdk-golang/v2/okta"

	"github.com/soar-okta/okta-connector/internal/jsonscan"
)

// rawPage is one page of a collection: its items' text as Okta sent it.
type rawPage []json.RawMessage

// Listing pages are not decoded by the SDK. Its decoder scans a page twice
// (once to find the value, once more to hand it to a raw item) and copies
// it; on large listings that was most of the connector's own time. The
// SDK leaves an application/octet-stream answer to its caller, so for a
// request marked with rawPages the transport relabels a successful JSON
// answer that way, and readPage checks the page once and splits it into
// items without decoding them.
type rawPagesKey struct{}

// rawContentType is how the transport relabels a page for readPage.
const rawContentType = "application/octet-stream"

// rawPages marks ctx's requests as listing pages that readPage will read.
func rawPages(ctx context.Context) context.Context {
	return context.WithValue(ctx, rawPagesKey{}, true)
}

// passRaw relabels a successful JSON answer to a request marked by
// rawPages (the transport's hook).
func passRaw(req *http.Request, resp *http.Response) {
	// Only the page GETs themselves: a token request the SDK makes on the
	// way carries the same context and must be decoded as usual.
	if req.Method == http.MethodGet && resp.StatusCode == http.StatusOK && req.Context().Value(rawPagesKey{}) != nil && isJSON(resp.Header.Get("Content-Type")) {
		resp.Header.Set("Content-Type", rawContentType)
	}
}

// readPage reads the page the SDK left undecoded: it must be valid JSON
// and an array, within the listing's bounds (its items and bytes counted
// against the request's read budget, its nesting within MaxDepth); its
// items are split out of one copy of the text.
func readPage(resp *okta.Response, l *listing) (rawPage, error) {
	if resp == nil || resp.Response == nil || resp.Body == nil {
		return nil, nil
	}
	// The SDK keeps the body it read as a buffer, which io.Copy hands
	// over in one write.
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, resp.Body); err != nil {
		return nil, err
	}
	b := bytes.TrimSpace(buf.Bytes())
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
	case '{':
		return "object"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	}
	return "number"
}
