package oktaapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/soar-okta/okta-connector/internal/textcut"
	"github.com/soar-okta/okta-connector/oktaapi/internal/transport"
)

// Transaction is a factor verification in progress, as Okta returns it.
type Transaction struct {
	FactorResult string `json:"factorResult"`
	Links        struct {
		Poll struct {
			Href string `json:"href"`
		} `json:"poll"`
	} `json:"_links"`
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the whole object next to the fields.
func (t *Transaction) UnmarshalJSON(b []byte) error {
	type plain Transaction
	if err := json.Unmarshal(b, (*plain)(t)); err != nil {
		return err
	}
	t.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// PollTransaction polls a WAITING verification until it ends. The poll link
// Okta returned is followed only when its path lies under prefix (the
// factor's transactions), and always on base_url: a link can never send the
// token elsewhere or to another endpoint.
func (c *Client) PollTransaction(ctx context.Context, tx Transaction, prefix Path, every time.Duration) (Transaction, error) {
	for tx.FactorResult == "WAITING" {
		path, err := pollPath(tx.Links.Poll.Href, prefix)
		if err != nil {
			return tx, err
		}
		if err := transport.Sleep(ctx, every); err != nil {
			return tx, err
		}
		var next Transaction
		if err := c.Get(ctx, path, nil, &next); err != nil {
			return tx, err
		}
		tx = next
	}
	return tx, nil
}

// pollPath is the path of the transaction a poll link names, which must
// lie under prefix (ending with "/").
func pollPath(href string, prefix Path) (Path, error) {
	u, err := url.Parse(href)
	if err != nil || !strings.HasPrefix(u.EscapedPath(), prefix.String()) {
		return Path{}, fmt.Errorf("Okta's poll link %s is not a transaction of this factor", textcut.QuoteValue(href))
	}
	id, err := CheckID("transaction id", strings.TrimPrefix(u.EscapedPath(), prefix.String()))
	if err != nil {
		return Path{}, err
	}
	return prefix.child(id), nil
}
