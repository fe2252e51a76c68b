package connector

import (
	"bytes"
	"cmp"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"github.com/soar-okta/okta-connector/internal/jsonlimit"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/soar-okta/okta-connector/internal/jsonscan"
)

// maxResponseBytes caps one response body; a larger one fails the call
// instead of exhausting memory.
const maxResponseBytes = 64 << 20

// errResponseTooLarge is returned when a response body passes maxResponseBytes.
var errResponseTooLarge = fmt.Errorf("the response body is larger than %d MiB", maxResponseBytes>>20)

// newHTTPClient builds the one HTTP client the SDK uses. Nothing comes from
// the environment: the proxy is proxy_url or none, and the trust store is
// the system's plus ca_cert. Redirects are never followed, so credentials
// stay on base_url. ctx bounds requests the SDK sends without a context
// (the access token request).
func newHTTPClient(ctx context.Context, s Settings, host string, log zerolog.Logger, secret func(string)) (*http.Client, error) {
	roots, err := certPool(s.RootCAs, s.CACert)
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
			InsecureSkipVerify: !s.VerifyCert, //nolint:gosec // the asset asked for it explicitly
			RootCAs:            roots,
		},
		TLSHandshakeTimeout:    15 * time.Second,
		ResponseHeaderTimeout:  requestTimeout,
		MaxIdleConnsPerHost:    16,
		IdleConnTimeout:        30 * time.Second,
		MaxResponseHeaderBytes: 1 << 20,
		ForceAttemptHTTP2:      true,
	}
	if s.Proxy != nil {
		// Every request to base_url (always https with a proxy) goes through
		// a CONNECT tunnel: the proxy sees the host name, never the
		// requests or their Authorization header.
		tr.Proxy = http.ProxyURL(s.Proxy)
		tr.ProxyConnectHeader = http.Header{"User-Agent": {"okta-soar-connector/" + Version}}
	}
	// Each attempt on the wire is paced by the rate-limit budget
	// (pacing.go); retries and 429 waits wrap the paced transport.
	retry := &retryTransport{next: newPacer(tr, log), base: cmp.Or(max(s.RetryBase, 0), defaultRetryBase), log: log}
	return &http.Client{
		Transport: &guardTransport{next: retry, host: host, ctx: ctx, secret: secret},
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}, nil
}

// certPool is base (or the system's trust store) plus the certificates of
// pemText. base is not changed.
func certPool(base *x509.CertPool, pemText string) (*x509.CertPool, error) {
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
// body rather than its URL, and caps response bodies.
type guardTransport struct {
	next   http.RoundTripper
	host   string
	ctx    context.Context
	secret func(string)
}

func (g *guardTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !strings.EqualFold(req.URL.Host, g.host) {
		return nil, fmt.Errorf("refused to send a request to %q: only %q (base_url) receives credentials", req.URL.Host, g.host)
	}
	if req.Context().Done() == nil && g.ctx != nil {
		req = req.WithContext(g.ctx)
	}
	g.noteBearer(req.Header.Get("Authorization"))
	isToken := req.Method == http.MethodPost && req.URL.EscapedPath() == tokenPath
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
	if isToken && (resp.StatusCode >= 500 || resp.StatusCode != http.StatusOK && !isJSON(resp.Header.Get("Content-Type"))) {
		// Not an OAuth answer: a gateway or proxy page, which the SDK
		// would report without its status.
		return nil, apiErrorFrom(req.Method, tokenPath, resp)
	}
	passRaw(req, resp)
	resp.Body = &cappedBody{r: resp.Body, left: maxResponseBytes}
	if isJSON(resp.Header.Get("Content-Type")) {
		// A page relabelled for readPage is checked there, in the pass
		// that splits it; any other JSON answer is checked here.
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
// MaxDepth before the SDK decodes it; the body is handed on as read.
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
	if token, ok := strings.CutPrefix(auth, "Bearer "); ok && g.secret != nil {
		g.secret(token)
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
		return 0, errResponseTooLarge
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if err != nil && err != io.EOF {
		err = &bodyReadError{err: err}
	}
	return n, err
}

// bodyReadError marks a failure while reading a response body (the
// connection broke), as opposed to a complete body that is not valid JSON.
type bodyReadError struct{ err error }

func (e *bodyReadError) Error() string { return "reading Okta's answer: " + e.err.Error() }
func (e *bodyReadError) Unwrap() error { return e.err }

func (c *cappedBody) Close() error { return c.r.Close() }
