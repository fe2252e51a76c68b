package oktaapi

import (
	"context"
	"crypto/x509"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/okta/okta-sdk-golang/v2/okta"
	"github.com/rs/zerolog"

	"github.com/soar-okta/okta-connector/oktaapi/internal/transport"
)

// Config is how the connector reaches one Okta org: base_url, the
// credentials, and how the connection is made. The connector reads it
// from the asset configuration (connector.Settings); nothing comes from
// the environment or the SDK's own configuration files.
type Config struct {
	BaseURL string
	APIKey  string
	// OAuth 2.0 client credentials with a private-key JWT; used instead of
	// APIKey when ClientID is set.
	ClientID     string
	PrivateKey   string
	PrivateKeyID string
	Scopes       []string

	VerifyCert bool
	// Proxy, when set, carries every request (CONNECT tunnels for https).
	Proxy *url.URL
	// CACert is extra PEM the org's (or the proxy's) certificate may chain to.
	CACert string
	// RootCAs, when set, replaces the system roots (the embedded simulated
	// org's certificate in replay mode and tests).
	RootCAs *x509.CertPool
	// RetryBase is the first back-off of a retried request; zero means the
	// default. Tests make it short.
	RetryBase time.Duration
	// Version is the connector's version, for the User-Agent.
	Version string
}

// OAuth reports whether requests are authenticated with OAuth 2.0 rather
// than the API token.
func (c Config) OAuth() bool { return c.ClientID != "" }

// SecretSink is told every credential minted on the way (client
// assertions, access tokens), so that none is ever printed: the
// invocation's scrubber.
type SecretSink = transport.SecretSink

// Org is the connection to one Okta org that every run of an invocation
// shares: the SDK client, the HTTP stack under it, and base_url's origin.
// Each run talks to it through its own Client (Org.Client).
type Org struct {
	sdk    *okta.Client
	pages  *http.Client // the stack's page door (page.go)
	origin string
	scopes []string
}

// Connect builds the Okta SDK client from cfg alone. Every SDK setting is
// given explicitly, so OKTA_CLIENT_* variables and okta.yaml files on the
// host cannot change credentials or behaviour. secrets is told every
// credential minted on the way; ctx bounds the requests the SDK sends
// without a context of their own (the access token request).
func Connect(ctx context.Context, cfg Config, log zerolog.Logger, secrets SecretSink) (*Org, error) {
	origin, loopback, err := transport.CheckBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	u, _ := url.Parse(origin)
	stack, err := transport.New(transport.Config{
		Host: u.Host, VerifyCert: cfg.VerifyCert, CACert: cfg.CACert, RootCAs: cfg.RootCAs, Proxy: cfg.Proxy,
		Version: cfg.Version, RetryBase: cfg.RetryBase, Secrets: secrets, Log: log, Context: ctx,
	})
	if err != nil {
		return nil, err
	}
	auth := []okta.ConfigSetter{
		okta.WithAuthorizationMode("SSWS"),
		okta.WithToken(cfg.APIKey),
		okta.WithClientId(""),
		okta.WithScopes(nil),
		okta.WithPrivateKeySigner(nil),
	}
	if cfg.OAuth() {
		signer, err := newAssertionSigner(cfg.PrivateKey, cfg.PrivateKeyID, secrets)
		if err != nil {
			return nil, err
		}
		auth = []okta.ConfigSetter{
			okta.WithAuthorizationMode("PrivateKey"),
			okta.WithToken(""),
			okta.WithClientId(cfg.ClientID),
			okta.WithScopes(cfg.Scopes),
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
		okta.WithHttpClientPtr(stack.SDK),
		okta.WithConnectionTimeout(int64(transport.RequestTimeout / time.Second)),
		// The invocation's deadline bounds each request, retries and
		// rate-limit waits included; the stack does both.
		okta.WithRequestTimeout(0),
		okta.WithRateLimitMaxRetries(0),
		okta.WithRateLimitMaxBackOff(0),
		okta.WithUserAgentExtra(transport.UserAgent(cfg.Version)),
		// The SDK's own https check stays on for every real host; the
		// connector's base_url rules already allow http for loopback only.
		okta.WithTestingDisableHttpsCheck(loopback),
	}, auth...)
	_, client, err := okta.NewClient(ctx, settings...)
	if err != nil {
		return nil, fmt.Errorf("cannot build the Okta client: %v", err)
	}
	return &Org{sdk: client, pages: stack.Pages, origin: origin, scopes: client.GetConfig().Okta.Client.Scopes}, nil
}

// CheckCACert checks ca_cert: PEM holding at least one certificate.
func CheckCACert(pemText string) error {
	_, err := transport.CertPool(nil, pemText)
	return err
}
