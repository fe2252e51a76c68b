package e2e

import (
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/fixtures/simorg"
)

// forwardProxy is a small CONNECT proxy: it opens tunnels, records what it
// saw (the CONNECT targets and headers, any plain forwarded request, and
// every byte the client sent through a tunnel), and can demand basic
// credentials.
type forwardProxy struct {
	user, password string            // required when set
	redirect       map[string]string // CONNECT target → the address dialled instead

	mu       sync.Mutex
	connects []string
	headers  []http.Header
	plain    []string
	tunneled bytes.Buffer
}

func (p *forwardProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.headers = append(p.headers, r.Header.Clone())
	if r.Method != http.MethodConnect {
		p.plain = append(p.plain, r.Method+" "+r.URL.String())
		p.mu.Unlock()
		http.Error(w, "this proxy only tunnels", http.StatusMethodNotAllowed)
		return
	}
	p.connects = append(p.connects, r.Host)
	p.mu.Unlock()
	if p.user != "" {
		want := "Basic " + base64.StdEncoding.EncodeToString([]byte(p.user+":"+p.password))
		if r.Header.Get("Proxy-Authorization") != want {
			w.Header().Set("Proxy-Authenticate", `Basic realm="proxy"`)
			http.Error(w, "credentials needed", http.StatusProxyAuthRequired)
			return
		}
	}
	target := r.Host
	if to, ok := p.redirect[target]; ok {
		target = to
	}
	upstream, err := net.DialTimeout("tcp", target, 5*time.Second)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusOK)
	client, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		upstream.Close()
		return
	}
	go func() {
		_, _ = io.Copy(client, upstream)
		client.Close()
	}()
	// Anything the client sent along with the CONNECT is tunnel data.
	if n := buf.Reader.Buffered(); n > 0 {
		head, _ := buf.Reader.Peek(n)
		p.record(head)
		_, _ = upstream.Write(head)
	}
	_, _ = io.Copy(io.MultiWriter(upstream, writerFunc(p.record)), client)
	upstream.Close()
}

type writerFunc func([]byte)

func (f writerFunc) Write(b []byte) (int, error) { f(b); return len(b), nil }

func (p *forwardProxy) record(b []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.tunneled.Write(b)
}

func (p *forwardProxy) seen() (connects []string, headers []http.Header, plain []string, tunneled string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.connects...), append([]http.Header(nil), p.headers...), append([]string(nil), p.plain...), p.tunneled.String()
}

// startProxy serves p over http, or over https with a certificate of its
// own (not the one the simulated org shares with every httptest server).
func startProxy(t *testing.T, p *forwardProxy, tlsProxy bool) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(p)
	if tlsProxy {
		srv.TLS = &tls.Config{Certificates: []tls.Certificate{selfSigned(t)}}
		srv.StartTLS()
	} else {
		srv.Start()
	}
	t.Cleanup(srv.Close)
	return srv
}

func selfSigned(t *testing.T) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(7),
		Subject:      pkix.Name{CommonName: "test proxy"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		IsCA:         true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

func withCredentials(raw, user, password string) string {
	u, _ := url.Parse(raw)
	u.User = url.UserPassword(user, password)
	return u.String()
}

func TestProxyCarriesEveryRequestInATunnel(t *testing.T) {
	cases := []struct {
		name     string
		tlsProxy bool
		user     string
	}{
		{"http proxy", false, ""},
		{"http proxy with credentials", false, "soar"},
		{"https proxy trusted through ca_cert", true, "soar"},
	}
	const proxyPassword = "Pr0xy-S3cret/with:odd@chars"
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, p, cfg := simProgram(t)
			proxy := &forwardProxy{user: c.user, password: proxyPassword}
			srv := startProxy(t, proxy, c.tlsProxy)
			cfg["proxy_url"] = srv.URL
			if c.user != "" {
				cfg["proxy_url"] = withCredentials(srv.URL, c.user, proxyPassword)
			}
			if c.tlsProxy {
				cfg["ca_cert"] = string(certPEM(srv))
			}
			req := request("set_password", cfg, map[string]any{"id": "dana.whitfield@example.com", "new_password": "Tunnel-Pw-4711"})
			req["debug_level"] = 1
			code, env, stderr := invoke(t, p, req)
			require.Equal(t, connector.ExitSuccess, code, resultMessage(env))

			connects, headers, plain, tunneled := proxy.seen()
			host := strings.TrimPrefix(sim.URL, "https://")
			require.NotEmpty(t, connects)
			for _, target := range connects {
				assert.Equal(t, host, target, "the only tunnel goes to base_url's host")
			}
			assert.Empty(t, plain, "no request is forwarded outside a tunnel")
			for _, h := range headers {
				assert.Empty(t, h.Get("Authorization"), "the proxy never sees the Okta credentials")
			}
			for _, secret := range []string{simorg.Token, "Tunnel-Pw-4711", "/api/v1/users"} {
				assert.NotContains(t, tunneled, secret, "the tunnel carries TLS, not clear text")
			}
			assert.NotEmpty(t, sim.Requests(), "the requests reached the org")

			out, _ := json.Marshal(env)
			for _, secret := range []string{proxyPassword, url.QueryEscape(proxyPassword), simorg.Token, "Tunnel-Pw-4711"} {
				assert.NotContains(t, string(out), secret)
				assert.NotContains(t, stderr, secret)
			}
		})
	}
}

func certPEM(srv *httptest.Server) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
}

func TestProxyFailuresHaveClearMessages(t *testing.T) {
	closed := func() string {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		defer l.Close()
		return "http://" + l.Addr().String()
	}()
	cases := []struct {
		name  string
		proxy func(t *testing.T) string
		want  []string
	}{
		{"credentials missing", func(t *testing.T) string {
			return startProxy(t, &forwardProxy{user: "soar", password: "right-password"}, false).URL
		}, []string{"proxy_url", "Proxy Authentication Required", "user name and password"}},
		{"wrong password", func(t *testing.T) string {
			return withCredentials(startProxy(t, &forwardProxy{user: "soar", password: "right-password"}, false).URL, "soar", "wrong-password")
		}, []string{"Proxy Authentication Required"}},
		{"nothing listening", func(*testing.T) string { return closed }, []string{"proxy_url", "check the proxy's host and port"}},
		{"https proxy with an untrusted certificate", func(t *testing.T) string {
			return startProxy(t, &forwardProxy{}, true).URL
		}, []string{"proxy_url", "certificate", "ca_cert"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, p, cfg := simProgram(t)
			p.RetryBase = fastRetries
			cfg["proxy_url"] = c.proxy(t)
			req := request("test_connectivity", cfg)
			req["debug_level"] = 1
			code, env, stderr := invoke(t, p, req)
			assert.Equal(t, connector.ExitFailed, code)
			for _, w := range c.want {
				assert.Contains(t, resultMessage(env), w)
			}
			assert.Empty(t, sim.Requests(), "nothing reached the org")
			assert.NotContains(t, stderr+resultMessage(env), "wrong-password")
		})
	}
}

func TestProxyConfiguration(t *testing.T) {
	sim, p, cfg := simProgram(t)
	plainHTTP := map[string]any{"base_url": "http://127.0.0.1:9", "api_key": simorg.Token, "proxy_url": "http://127.0.0.1:3128"}
	cases := []struct {
		name string
		cfg  map[string]any
		want string
	}{
		{"not a URL", map[string]any{"proxy_url": "proxy:3128"}, "proxy_url is not a URL"},
		{"socks", map[string]any{"proxy_url": "socks5://127.0.0.1:1080"}, "must start with http:// or https://"},
		{"with a path", map[string]any{"proxy_url": "http://127.0.0.1:3128/pac"}, "without a path"},
		{"password is never echoed", map[string]any{"proxy_url": "ftp://soar:Echo-Me-Not-99@127.0.0.1:3128"}, "xxxxx"},
		{"plain http base_url", plainHTTP, "needs an https base_url"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			merged := map[string]any{}
			for k, v := range cfg {
				merged[k] = v
			}
			for k, v := range c.cfg {
				merged[k] = v
			}
			code, env, stderr := invoke(t, p, request("test_connectivity", merged))
			assert.Equal(t, connector.ExitUnusable, code)
			assert.Contains(t, env.Message, c.want)
			assert.NotContains(t, env.Message+stderr, "Echo-Me-Not-99")
		})
	}
	assert.Empty(t, sim.Requests())
}

func TestPrivateCertificateAuthority(t *testing.T) {
	sim, _, cfg := simProgram(t, simorg.WithCertificateAuthority())
	other, err := simorg.New(simorg.WithCertificateAuthority())
	require.NoError(t, err)
	t.Cleanup(other.Close)
	cases := []struct {
		name   string
		caCert string
		code   int
		want   []string
	}{
		{"trusted through ca_cert", string(sim.CACertPEM()), connector.ExitSuccess, []string{"Test connectivity passed"}},
		{"ca_cert with escaped newlines", strings.ReplaceAll(string(sim.CACertPEM()), "\n", `\n`), connector.ExitSuccess, []string{"Test connectivity passed"}},
		{"no ca_cert", "", connector.ExitFailed, []string{"TLS certificate", "could not be verified", "ca_cert"}},
		{"another CA", string(other.CACertPEM()), connector.ExitFailed, []string{"TLS certificate", "could not be verified", "unknown authority", "ca_cert"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := map[string]any{"base_url": cfg["base_url"], "api_key": cfg["api_key"]}
			if c.caCert != "" {
				cfg["ca_cert"] = c.caCert
			}
			// program() trusts only the system's store: ca_cert alone
			// must make the org trusted.
			code, env, _ := invoke(t, program(), request("test_connectivity", cfg))
			assert.Equal(t, c.code, code, resultMessage(env))
			for _, w := range c.want {
				assert.Contains(t, resultMessage(env), w)
			}
		})
	}
	code, env, _ := invoke(t, program(), request("test_connectivity", map[string]any{"base_url": sim.URL, "api_key": simorg.Token, "ca_cert": "not a certificate"}))
	assert.Equal(t, connector.ExitUnusable, code)
	assert.Contains(t, env.Message, "ca_cert holds no PEM certificate")
}

// base_url may name the default port (https://org:443); Okta's next links
// leave it out, and every page is still followed. The org is reached as
// 127.0.0.1:443 through a proxy that tunnels that address to it, and
// writes its links as Okta does.
func TestBaseURLWithTheDefaultPort(t *testing.T) {
	sim, p, _ := simProgram(t, simorg.WithPageCap(2))
	var inner atomic.Bool
	sim.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if inner.Load() {
			return false
		}
		inner.Store(true)
		rec := httptest.NewRecorder()
		sim.Handler().ServeHTTP(rec, r)
		inner.Store(false)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		for i, link := range w.Header().Values("Link") {
			w.Header()["Link"][i] = strings.ReplaceAll(link, "127.0.0.1:443/", "127.0.0.1/")
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
		return true
	})
	proxy := &forwardProxy{redirect: map[string]string{"127.0.0.1:443": strings.TrimPrefix(sim.URL, "https://")}}
	srv := startProxy(t, proxy, false)
	cfg := map[string]any{"base_url": "https://127.0.0.1:443", "api_key": simorg.Token, "proxy_url": srv.URL}
	code, env, _ := invoke(t, p, request("list_users", cfg))
	require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
	assert.Len(t, env.ActionResults[0]["data"], 14, "every page is followed")
	var pages int
	for _, r := range sim.Requests() {
		if r.Path == "/api/v1/users" {
			pages++
		}
	}
	assert.Equal(t, 2*7, pages, "7 pages, each seen by the fault and by the org")
}

// echoProxy refuses every CONNECT with a reason phrase that repeats the
// request, headers included, as some proxies do.
func echoProxy(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
				r := bufio.NewReader(conn)
				var lines []string
				for {
					line, err := r.ReadString('\n')
					line = strings.TrimRight(line, "\r\n")
					if err != nil || line == "" {
						break
					}
					lines = append(lines, line)
				}
				fmt.Fprintf(conn, "HTTP/1.1 403 Refused %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", strings.Join(lines, " | "))
			}()
		}
	}()
	return "http://" + l.Addr().String()
}

// A proxy that echoes the CONNECT request in its refusal shows the
// Proxy-Authorization header: the proxy credentials are masked in every
// form the header gives them.
func TestProxyReasonPhraseDoesNotShowTheCredentials(t *testing.T) {
	cases := []struct{ user, password string }{
		{"soar", "Pr0xy-Echo-Pw-55"},
		{"soar-svc", "p@ss:word/with spaces"},
		{"ann", "Pr0xy"},
	}
	for _, c := range cases {
		t.Run(c.password, func(t *testing.T) {
			_, p, cfg := simProgram(t)
			cfg["proxy_url"] = withCredentials(echoProxy(t), c.user, c.password)
			req := request("test_connectivity", cfg)
			req["debug_level"] = 1
			code, stdout, stderr := rawRun(t, p, req)
			assert.Equal(t, connector.ExitFailed, code, stdout)
			envelopeTexts(t, stdout, "failed")
			assert.Contains(t, stdout, "Refused CONNECT", "the message still says what happened")
			assert.Contains(t, stdout, "Proxy-Authorization: Basic ********", "the refusal is shown, its credentials masked")
			basic := base64.StdEncoding.EncodeToString([]byte(c.user + ":" + c.password))
			for _, s := range []string{basic, strings.TrimRight(basic, "="), c.password, url.QueryEscape(c.password), c.user + ":" + c.password} {
				assert.NotContains(t, stdout, s)
				assert.NotContains(t, stderr, s)
			}
		})
	}
}
