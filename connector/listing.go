package connector

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/soar-okta/okta-connector/oktaapi"
)

// Listing describes a list action: the collection it pages through, the
// parameters passed through as query parameters, and how the result counts
// its items.
type Listing struct {
	Path       oktaapi.Path      // the collection
	Query      map[string]string // parameter name → Okta query parameter
	SummaryKey string            // e.g. "num_users"
	Noun       string            // e.g. "users", for the message
}

// Handler returns the list action's handler: the limit parameter bounds the
// items collected, and every declared query parameter that is set is
// passed through to Okta, which validates its syntax.
func (l Listing) Handler() Handler {
	return func(ctx context.Context, c *Call) (Output, error) {
		q := url.Values{}
		for param, apiName := range l.Query {
			if v := c.Params.String(param); v != "" {
				q.Set(apiName, v)
			}
		}
		items, err := c.Okta.List(ctx, l.Path, q, c.Params.Int("limit"))
		if err != nil {
			return Output{}, err
		}
		return Counted(items, l.SummaryKey, l.Noun), nil
	}
}

// Counted is the output of a listing: the items as data, their number in
// the summary, and a message such as "Num users: 3".
func Counted(items []json.RawMessage, summaryKey, noun string) Output {
	return Output{
		Message: fmt.Sprintf("Num %s: %d", noun, len(items)),
		Data:    Objects(items),
		Summary: map[string]any{summaryKey: len(items)},
	}
}

// Objects turns raw JSON items into data entries.
func Objects(items []json.RawMessage) []any {
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = it
	}
	return out
}
