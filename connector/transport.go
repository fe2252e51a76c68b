package connector

import (
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/rs/zerolog"
)

// maxResponseBytes caps one response body; a larger one fails the call
// instead of exhausting memory.
const maxResponseBytes = 64 << 20

// errResponseTooLarge is returned when a response body passes maxResponseBytes.
var errResponseTooLarge = fmt.Errorf("the response body is larger than %d MiB", maxResponseBytes>>20)

// newHTTPClient builds the one HTTP client the SDK uses. Nothing comes from
// the environment: no proxy variables, no system-wide TLS settings beyond the
// trust store. Redirects are never followed, so credentials stay on base_url.
func newHTTPClient(s Settings, host string, log zerolog.Logger) *http.Client {
	tr := &http.Transport{
		Proxy: nil,
		DialContext: (&net.Dialer{
			Timeout:   15 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		TLSClientConfig: &tls.Config{
			MinVersion:         tls.VersionTLS12,
			InsecureSkipVerify: !s.VerifyCert, //nolint:gosec // the asset asked for it explicitly
			RootCAs:            s.RootCAs,
		},
		TLSHandshakeTimeout:    15 * time.Second,
		ResponseHeaderTimeout:  120 * time.Second,
		MaxIdleConnsPerHost:    16,
		IdleConnTimeout:        30 * time.Second,
		MaxResponseHeaderBytes: 1 << 20,
		ForceAttemptHTTP2:      true,
	}
	return &http.Client{
		Transport: &guardTransport{next: tr, host: host, log: log},
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// guardTransport refuses any request to a host other than base_url's, logs
// each request as method, path and status, and caps response bodies.
type guardTransport struct {
	next http.RoundTripper
	host string
	log  zerolog.Logger
}

func (g *guardTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !strings.EqualFold(req.URL.Host, g.host) {
		return nil, fmt.Errorf("refused to send a request to %q: only %q (base_url) receives credentials", req.URL.Host, g.host)
	}
	start := time.Now()
	resp, err := g.next.RoundTrip(req)
	ev := g.log.Debug().Str("method", req.Method).Str("path", req.URL.EscapedPath())
	if err != nil {
		ev.Str("error", err.Error()).Dur("elapsed_ms", time.Since(start)).Msg("okta request failed")
		return nil, err
	}
	ev.Int("status", resp.StatusCode).Dur("elapsed_ms", time.Since(start)).Msg("okta request")
	if err := checkLinks(resp, req.URL.Scheme, req.URL.Host); err != nil {
		_ = resp.Body.Close()
		return nil, err
	}
	resp.Body = &cappedBody{r: resp.Body, left: maxResponseBytes}
	return resp, nil
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
