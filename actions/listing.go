package actions

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/soar-okta/okta-connector/actions/internal/present"
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
	// paged says the action takes after, a cursor to start from, and
	// returns the next one in its summary (next_after).
	paged bool
	// check refuses parameters that do not go together, before any
	// request is sent.
	check func(connector.Params) error
}

// handler returns the list action's handler: the limit parameter bounds the
// items collected, and every declared query parameter that is set is
// passed through to Okta, which validates its syntax. The items are
// emitted page by page, so a streamed listing holds one page at a time.
func (l listing) handler() connector.Handler {
	return func(ctx context.Context, c *connector.Call) (connector.Output, error) {
		if l.check != nil {
			if err := l.check(c.Params); err != nil {
				return connector.Output{}, err
			}
		}
		q := url.Values{}
		for param, apiName := range l.query {
			if v := c.Params.String(param); v != "" {
				q.Set(apiName, v)
			}
		}
		if l.paged {
			if err := present.SetCursor(c.Params, q); err != nil {
				return connector.Output{}, err
			}
		}
		n, next, err := c.Okta.ListPagesFrom(ctx, l.path, q, c.Params.Int("limit"), c.Emit)
		if err != nil {
			return connector.Output{}, err
		}
		out := countedOutput(n, l.summaryKey, l.noun)
		if l.paged {
			out = withCursor(out, next)
		}
		return out, nil
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

// withCursor adds to a listing's output where the next run may start:
// next_after in the summary, and a note in the message. next is "" when
// the listing read everything.
func withCursor(out connector.Output, next string) connector.Output {
	if next != "" {
		out.Summary["next_after"] = next
		out.Message += "; more remain: run again with after set to the summary's next_after to read on"
	}
	return out
}

// counted is the output of a listing: the items as data, their number in
// the summary, and a message such as "Num users: 3".
func counted(items []json.RawMessage, summaryKey, noun string) connector.Output {
	return connector.Output{
		Message: fmt.Sprintf("Num %s: %d", noun, len(items)),
		Data:    present.Objects(items),
		Summary: map[string]any{summaryKey: len(items)},
	}
}

// userListing describes a list action on a collection of one user's: GET
// /api/v1/users/{id}{suffix}, the user named by user_id.
type userListing struct {
	suffix     string // e.g. "/devices"
	paged      bool   // Okta pages the collection (limit and after)
	summaryKey string // e.g. "num_devices"
	// message says what the items show about the user.
	message func(u *oktaapi.User, items []json.RawMessage) string
}

// items reads the whole collection of u.
func (l userListing) items(ctx context.Context, c *connector.Call, u *oktaapi.User) ([]json.RawMessage, error) {
	if l.paged {
		return c.Okta.List(ctx, u.Path(l.suffix), nil, 0)
	}
	var items []json.RawMessage
	if err := c.Okta.Get(ctx, u.Path(l.suffix), nil, &items); err != nil {
		return nil, err
	}
	return items, nil
}

// handler returns the list action's handler: the items as data, their
// number and the user's id in the summary.
func (l userListing) handler() connector.Handler {
	return func(ctx context.Context, c *connector.Call) (connector.Output, error) {
		u, err := c.User(ctx, "user_id")
		if err != nil {
			return connector.Output{}, err
		}
		items, err := l.items(ctx, c, u)
		if err != nil {
			return connector.Output{}, err
		}
		return connector.Output{
			Message: l.message(u, items),
			Data:    present.Objects(items),
			Summary: map[string]any{"user_id": u.ID, l.summaryKey: len(items)},
		}, nil
	}
}
