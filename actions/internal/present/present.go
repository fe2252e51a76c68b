// Package present holds how every action family words and shapes its
// output: counted nouns, raw Okta objects as data entries, and the cursor
// a listing reads on from.
package present

import (
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// Plural counts a noun: "1 gateway", "3 gateways", "2 proxies".
func Plural(n int, noun string) string {
	switch {
	case n == 1:
		return "1 " + noun
	case noun == "proxy":
		return fmt.Sprintf("%d proxies", n)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Objects turns raw JSON items into data entries.
func Objects(items []json.RawMessage) []any {
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = it
	}
	return out
}

// SetCursor puts the after parameter, the cursor a previous run returned
// as next_after, in the query. Okta's cursors are opaque, but none holds
// more than an id does: it is checked like one.
func SetCursor(p connector.Params, q url.Values) error {
	after := p.String("after")
	if after == "" {
		return nil
	}
	id, err := oktaapi.CheckID("after", after)
	if err != nil {
		return fmt.Errorf("%w; give the next_after value of an earlier run's summary", err)
	}
	q.Set("after", id.String())
	return nil
}
