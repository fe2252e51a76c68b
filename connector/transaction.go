package connector

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/soar-okta/okta-connector/internal/textcut"
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
func (o *Okta) PollTransaction(ctx context.Context, tx Transaction, prefix string, every time.Duration) (Transaction, error) {
	for tx.FactorResult == "WAITING" {
		path, err := pollPath(tx.Links.Poll.Href, prefix)
		if err != nil {
			return tx, err
		}
		if err := Sleep(ctx, every); err != nil {
			return tx, err
		}
		var next Transaction
		if err := o.Get(ctx, path, nil, &next); err != nil {
			return tx, err
		}
		tx = next
	}
	return tx, nil
}

func pollPath(href, prefix string) (string, error) {
	u, err := url.Parse(href)
	if err != nil || !strings.HasPrefix(u.EscapedPath(), prefix) {
		return "", fmt.Errorf("Okta's poll link %s is not a transaction of this factor", textcut.QuoteValue(href))
	}
	id, err := PathSegment("transaction id", strings.TrimPrefix(u.EscapedPath(), prefix))
	if err != nil {
		return "", err
	}
	return prefix + id, nil
}

// Sleep waits for d or until ctx ends.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
