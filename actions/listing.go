package actions

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// listing describes a list action: the collection it pages through, the
// parameters passed through as query parameters, and how the result counts
// its items.
type listing struct {
	path       oktaapi.Path      // the collection
	query      map[string]string // parameter name → Okta query parameter
	summaryKey string            // e.g. "num_users"
	noun       string            // e.g. "users", for the message
}

// handler returns the list action's handler: the limit parameter bounds the
// items collected, and every declared query parameter that is set is
// passed through to Okta, which validates its syntax. The items are
// emitted page by page, so a streamed listing holds one page at a time.
func (l listing) handler() connector.Handler {
	return func(ctx context.Context, c *connector.Call) (connector.Output, error) {
		q := url.Values{}
		for param, apiName := range l.query {
			if v := c.Params.String(param); v != "" {
				q.Set(apiName, v)
			}
		}
		n, err := c.Okta.ListPages(ctx, l.path, q, c.Params.Int("limit"), c.Emit)
		if err != nil {
			return connector.Output{}, err
		}
		return countedOutput(n, l.summaryKey, l.noun), nil
	}
}

// countedOutput is the output of a listing whose n items were emitted
// (connector.Call.Emit): their number in the summary, and a message such
// as "Num users: 3".
func countedOutput(n int, summaryKey, noun string) connector.Output {
	return connector.Output{
		Message: fmt.Sprintf("Num %s: %d", noun, n),
		Summary: map[string]any{summaryKey: n},
	}
}

// counted is the output of a listing: the items as data, their number in
// the summary, and a message such as "Num users: 3".
func counted(items []json.RawMessage, summaryKey, noun string) connector.Output {
	return connector.Output{
		Message: fmt.Sprintf("Num %s: %d", noun, len(items)),
		Data:    objects(items),
		Summary: map[string]any{summaryKey: len(items)},
	}
}

// objects turns raw JSON items into data entries.
func objects(items []json.RawMessage) []any {
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = it
	}
	return out
}
