package actions

import (
	"context"
	"crypto/rand"
	"math/big"
	"net/url"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// sendChange sends one change of a handler that makes several. In a dry run
// the request is only recorded and sendChange returns nil, so the handler goes
// on and every change it would make is listed in the plan; out then stays
// empty.
func sendChange(ctx context.Context, c *connector.Call, method string, path oktaapi.Path, query url.Values, body, out any) error {
	_, err := c.Okta.Do(ctx, method, path, query, body, out)
	if oktaapi.IsDryRun(err) {
		return nil
	}
	return err
}

// randomSuffixLen is how many random characters add_random_chars appends.
const randomSuffixLen = 10

// randomAlphabet leaves out characters that are easy to misread.
const randomAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"

// randomSuffix returns n characters drawn uniformly from randomAlphabet with
// crypto/rand.
func randomSuffix(n int) (string, error) {
	out := make([]byte, n)
	limit := big.NewInt(int64(len(randomAlphabet)))
	for i := range out {
		k, err := rand.Int(rand.Reader, limit)
		if err != nil {
			return "", err
		}
		out[i] = randomAlphabet[k.Int64()]
	}
	return string(out), nil
}
