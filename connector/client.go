package connector

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/okta/okta-sdk-golang/v2/okta"
	"github.com/rs/zerolog"
)

// newSDKClient builds the Okta SDK client from the asset settings alone.
// Every SDK setting is given explicitly, so OKTA_CLIENT_* variables and
// okta.yaml files on the host cannot change credentials or behaviour.
func newSDKClient(ctx context.Context, s Settings, log zerolog.Logger) (*okta.Client, string, error) {
	origin, loopback, err := checkBaseURL(s.BaseURL)
	if err != nil {
		return nil, "", err
	}
	u, _ := url.Parse(origin)
	httpClient := newHTTPClient(s, u.Host, log)
	httpClient.Transport = newPacer(httpClient.Transport, log) // pacing.go
	_, client, err := okta.NewClient(ctx,
		okta.WithOrgUrl(origin),
		okta.WithAuthorizationMode("SSWS"),
		okta.WithToken(s.APIKey),
		okta.WithClientId(""),
		okta.WithScopes(nil),
		okta.WithPrivateKey(""),
		okta.WithPrivateKeyId(""),
		okta.WithPrivateKeySigner(nil),
		okta.WithClientAssertion(""),
		okta.WithCache(false),
		okta.WithCacheManager(nil),
		okta.WithHttpClientPtr(httpClient),
		okta.WithConnectionTimeout(int64(requestTimeout/time.Second)),
		okta.WithRequestTimeout(int64(requestTimeout/time.Second)),
		okta.WithRateLimitMaxRetries(rateLimitRetries),
		okta.WithRateLimitMaxBackOff(int64(rateLimitMaxBackoff/time.Second)),
		okta.WithUserAgentExtra("okta-soar-connector/"+Version),
		// The SDK's own https check stays on for every real host; the
		// connector's base_url rules already allow http for loopback only.
		okta.WithTestingDisableHttpsCheck(loopback),
	)
	if err != nil {
		return nil, "", fmt.Errorf("cannot build the Okta client: %v", err)
	}
	return client, origin, nil
}

// Client settings the asset cannot change.
const (
	requestTimeout      = 60 * time.Second
	rateLimitRetries    = 2
	rateLimitMaxBackoff = 30 * time.Second
)

// Version is the connector's version, reported by --version and in the
// User-Agent.
var Version = "1.0.0"
