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
// secret is told every credential minted on the way (client assertions,
// access tokens) so that none is ever printed.
func newSDKClient(ctx context.Context, s Settings, log zerolog.Logger, secret func(string)) (*okta.Client, string, error) {
	origin, loopback, err := checkBaseURL(s.BaseURL)
	if err != nil {
		return nil, "", err
	}
	u, _ := url.Parse(origin)
	httpClient, err := newHTTPClient(ctx, s, u.Host, log, secret)
	if err != nil {
		return nil, "", err
	}
	auth := []okta.ConfigSetter{
		okta.WithAuthorizationMode("SSWS"),
		okta.WithToken(s.APIKey),
		okta.WithClientId(""),
		okta.WithScopes(nil),
		okta.WithPrivateKeySigner(nil),
	}
	if s.ClientID != "" {
		signer, err := newAssertionSigner(s, secret)
		if err != nil {
			return nil, "", err
		}
		auth = []okta.ConfigSetter{
			okta.WithAuthorizationMode("PrivateKey"),
			okta.WithToken(""),
			okta.WithClientId(s.ClientID),
			okta.WithScopes(s.Scopes),
			okta.WithPrivateKeySigner(signer),
		}
	}
	settings := append([]okta.ConfigSetter{
		okta.WithOrgUrl(origin),
		okta.WithPrivateKey(""),
		okta.WithPrivateKeyId(""),
		okta.WithClientAssertion(""),
		okta.WithCache(false),
		okta.WithCacheManager(nil),
		okta.WithHttpClientPtr(httpClient),
		okta.WithConnectionTimeout(int64(requestTimeout / time.Second)),
		// The invocation's deadline bounds each request, retries and
		// rate-limit waits included; the transport does both.
		okta.WithRequestTimeout(0),
		okta.WithRateLimitMaxRetries(0),
		okta.WithRateLimitMaxBackOff(0),
		okta.WithUserAgentExtra("okta-soar-connector/" + Version),
		// The SDK's own https check stays on for every real host; the
		// connector's base_url rules already allow http for loopback only.
		okta.WithTestingDisableHttpsCheck(loopback),
	}, auth...)
	_, client, err := okta.NewClient(ctx, settings...)
	if err != nil {
		return nil, "", fmt.Errorf("cannot build the Okta client: %v", err)
	}
	return client, origin, nil
}

// requestTimeout bounds the wait for the headers of one answer.
const requestTimeout = 60 * time.Second

// Version is the connector's version, reported by --version and in the
// User-Agent.
var Version = "1.0.0"
