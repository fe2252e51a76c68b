package transport

import (
	"bytes"
	"cmp"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/soar-okta/okta-connector/internal/jsonlimit"
	"github.com/soar-okta/okta-connector/internal/jsonscan"
)

// maxResponseBytes caps one response body; a larger one fails the call
// instead of exhausting memory.
const maxResponseBytes = 64 << 20

// ErrResponseTooLarge is returned when a response body passes
// maxResponseBytes.
var ErrResponseTooLarge = fmt.Errorf("the response body is larger than %d MiB", maxResponseBytes>>20)

// RequestTimeout bounds the wait for the headers of one answer.
const RequestTimeout = 60 * time.Second

// UserAgent is the connector's product token in the User-Agent of every
// request: after the SDK's own tokens on API requests, alone on a proxy's
// CONNECT request.
func UserAgent(version string) string { return "okta-soar-connector/" + version }

// SecretSink is told every credential the stack mints or carries on the
// way (a client assertion, an access token), so that none is ever printed:
// the invocation's scrubber.
type SecretSink interface {
	Add(secret string)
}

// Config is what the stack is built from. Nothing comes from the
// environment: the proxy is Proxy or none, and the trust store is RootCAs
// (or the system's) plus CACert.
type Config struct {
	Host       string // base_url's host: the only one that receives requests
	VerifyCert bool   // verify_server_cert
	CACert     string // extra PEM the org's (or the proxy's) certificate may chain to
	RootCAs    *x509.CertPool
	Proxy      *url.URL // carries every request in CONNECT tunnels when set
	Version    string   // the connector's version, for the CONNECT request's User-Agent
	// RetryBase is the first back-off of a retried request; zero means
	// defaultRetryBase.
	RetryBase time.Duration
	Secrets   SecretSink
	Log       zerolog.Logger
	// Context bounds requests sent without a context of their own (the
	// SDK's access token request).
	Context context.Context
}

// Stack is the HTTP stack to base_url, with two doors onto it. Both share
// the connections, the retry layer and the rate-limit pacer; they differ
// in one check only.
type Stack struct {
	// SDK is the client the Okta SDK sends with. A JSON answer is checked
	// against jsonlimit.MaxDepth before the SDK decodes it.
	SDK *http.Client
	// Pages is the client the connector fetches listing pages with. A
	// successful page is left for the page reader, which checks its
	// nesting in the pass that splits it into items; any other JSON
	// answer is checked as on the SDK door.
	Pages *http.Client
}

// New builds the stack. Redirects are never followed, so credentials stay
// on base_url.
func New(cfg Config) (*Stack, error) {
	roots, err := CertPool(cfg.RootCAs, cfg.CACert)
	if err != nil {
		return nil, err
	}
	tr := &http.Transport{
		Proxy: nil,
		DialContext: (&net.Dialer{
			Timeout:   15 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		TLSClientConfig: &tls.Config{
			MinVersion:         tls.VersionTLS12,
			InsecureSkipVerify: !cfg.VerifyCert, //nolint:gosec // the asset asked for it explicitly
			RootCAs:            roots,
		},
		TLSHandshakeTimeout:    15 * time.Second,
		ResponseHeaderTimeout:  RequestTimeout,
		MaxIdleConnsPerHost:    16,
		IdleConnTimeout:        30 * time.Second,
		MaxResponseHeaderBytes: 1 << 20,
		ForceAttemptHTTP2:      true,
	}
	if cfg.Proxy != nil {
		// Every request to base_url (always https with a proxy) goes through
		// a CONNECT tunnel: the proxy sees the host name, never the
		// requests or their Authorization header.
		tr.Proxy = http.ProxyURL(cfg.Proxy)
		tr.ProxyConnectHeader = http.Header{"User-Agent": {UserAgent(cfg.Version)}}
	}
	// Each attempt on the wire is paced by the rate-limit budget
	// (pacing.go); retries and 429 waits wrap the paced transport.
	retry := &retryTransport{next: newPacer(tr, cfg.Log), base: cmp.Or(max(cfg.RetryBase, 0), defaultRetryBase), log: cfg.Log}
	door := func(pages bool) *http.Client {
		return &http.Client{
			Transport: &guardTransport{next: retry, host: cfg.Host, ctx: cfg.Context, secrets: cfg.Secrets, pages: pages},
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse
			},
		}
	}
	return &Stack{SDK: door(false), Pages: door(true)}, nil
}

// CertPool is base (or the system's trust store) plus the certificates of
// pemText. base is not changed.
func CertPool(base *x509.CertPool, pemText string) (*x509.CertPool, error) {
	if strings.TrimSpace(pemText) == "" {
		return base, nil
	}
	pool := base
	if pool == nil {
		var err error
		if pool, err = x509.SystemCertPool(); err != nil {
			pool = x509.NewCertPool()
		}
	} else {
		pool = pool.Clone()
	}
	if !pool.AppendCertsFromPEM([]byte(strings.ReplaceAll(pemText, `\n`, "\n"))) {
		return nil, errors.New("ca_cert holds no PEM certificate: paste the CA certificate from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----")
	}
	return pool, nil
}

// guardTransport refuses any request to a host other than base_url's,
// binds requests without a context to the invocation, keeps the access
// token out of every output, sends the token request's parameters in its
// body rather than its URL, refuses Link headers that leave base_url,
// caps response bodies and refuses JSON nested past jsonlimit.MaxDepth.
type guardTransport struct {
	next    http.RoundTripper
	host    string
	ctx     context.Context
	secrets SecretSink
	pages   bool // the Pages door: a successful page is checked by its reader
}

func (g *guardTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !strings.EqualFold(req.URL.Host, g.host) {
		return nil, fmt.Errorf("refused to send a request to %q: only %q (base_url) receives credentials", req.URL.Host, g.host)
	}
	if req.Context().Done() == nil && g.ctx != nil {
		req = req.WithContext(g.ctx)
	}
	g.noteBearer(req.Header.Get("Authorization"))
	isToken := req.Method == http.MethodPost && req.URL.EscapedPath() == TokenPath
	if isToken {
		req = formInBody(req)
	}
	resp, err := g.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if err := checkLinks(resp, req.URL.Scheme, canonicalHost(strings.ToLower(req.URL.Scheme), req.URL)); err != nil {
		_ = resp.Body.Close()
		return nil, err
	}
	if isToken && (resp.StatusCode >= 500 || resp.StatusCode != http.StatusOK && !IsJSON(resp.Header.Get("Content-Type"))) {
		// Not an OAuth answer: a gateway or proxy page, which the SDK
		// would report without its status.
		return nil, APIErrorFrom(req.Method, TokenPath, resp)
	}
	resp.Body = &cappedBody{r: resp.Body, left: maxResponseBytes}
	page := g.pages && req.Method == http.MethodGet && resp.StatusCode == http.StatusOK
	if IsJSON(resp.Header.Get("Content-Type")) && !page {
		if err := checkDepth(req, resp); err != nil {
			return nil, err
		}
	}
	if isToken {
		if err := checkTokenAnswer(resp); err != nil {
			return nil, err
		}
	}
	return resp, nil
}

// checkDepth reads a JSON answer and refuses one nested deeper than
// jsonlimit.MaxDepth before the SDK decodes it; the body is handed on as
// read.
func checkDepth(req *http.Request, resp *http.Response) error {
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return err
	}
	if _, deep := jsonscan.NestsDeeper(body, jsonlimit.MaxDepth); deep {
		return &jsonlimit.DepthError{What: fmt.Sprintf("Okta's answer to %s %s", req.Method, req.URL.EscapedPath())}
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return nil
}

// noteBearer makes the scrubber mask an access token (the scrubber
// ignores one it already masks).
func (g *guardTransport) noteBearer(auth string) {
	if token, ok := strings.CutPrefix(auth, "Bearer "); ok && g.secrets != nil {
		g.secrets.Add(token)
	}
}

// formInBody moves the token request's parameters (the SDK puts them, the
// client assertion included, in the query string) into the form body, so
// the assertion never appears in a URL that a server might log.
func formInBody(req *http.Request) *http.Request {
	if req.URL.RawQuery == "" || (req.Body != nil && req.Body != http.NoBody) {
		return req
	}
	form := req.URL.RawQuery
	out := req.Clone(req.Context())
	out.URL.RawQuery = ""
	out.Body = io.NopCloser(strings.NewReader(form))
	out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(form)), nil }
	out.ContentLength = int64(len(form))
	out.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return out
}

type cappedBody struct {
	r    io.ReadCloser
	left int64
}

func (c *cappedBody) Read(p []byte) (int, error) {
	if c.left <= 0 {
		var one [1]byte
		if n, err := c.r.Read(one[:]); n == 0 && err != nil {
			return 0, err
		}
		return 0, ErrResponseTooLarge
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if err != nil && err != io.EOF {
		err = &BodyReadError{Err: err}
	}
	return n, err
}

// BodyReadError marks a failure while reading a response body (the
// connection broke), as opposed to a complete body that is not valid JSON.
type BodyReadError struct{ Err error }

func (e *BodyReadError) Error() string { return "reading Okta's answer: " + e.Err.Error() }
func (e *BodyReadError) Unwrap() error { return e.Err }

func (c *cappedBody) Close() error { return c.r.Close() }
