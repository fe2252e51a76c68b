package connector

import (
	"bytes"
	"encoding/json"
	"reflect"

	"github.com/soar-okta/okta-connector/internal/jsonscan"
)

// rawPage is one page of a collection: its items' text as Okta sent it.
// The SDK's decoder has checked the page is valid JSON before it calls
// UnmarshalJSON, so the items are only split, not decoded again: on large
// listings that decoding was most of the connector's own time.
type rawPage []json.RawMessage

// UnmarshalJSON keeps one copy of the page and slices the items out of it.
func (p *rawPage) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		*p = nil
		return nil
	}
	if len(b) == 0 || b[0] != '[' {
		return &json.UnmarshalTypeError{Value: pageKindOf(b), Type: reflect.TypeOf(rawPage{})}
	}
	data := append([]byte(nil), b...)
	items, _, err := jsonscan.SplitArray(data, 0)
	if err != nil {
		return err
	}
	page := make(rawPage, len(items))
	for i, it := range items {
		page[i] = it
	}
	*p = page
	return nil
}

func pageKindOf(b []byte) string {
	if len(b) == 0 {
		return "nothing"
	}
	switch b[0] {
	case '{':
		return "object"
	case '"':
		return "string"
	case 't', 'f':
		return "bool"
	}
	return "number"
}
