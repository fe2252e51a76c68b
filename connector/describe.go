package connector

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"

	"github.com/soar-okta/okta-connector/internal/jsonlimit"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// Describe turns any error from a handler into one sentence an analyst can
// act on.
func Describe(err error) string {
	var ae *oktaapi.APIError
	var nj *oktaapi.NonJSONError
	var ue *url.Error
	var dnsErr *net.DNSError
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalidCert x509.CertificateInvalidError
	var verifyErr *tls.CertificateVerificationError
	var recordErr tls.RecordHeaderError
	var bodyErr *oktaapi.BodyReadError
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var link *oktaapi.LinkError
	var deep *jsonlimit.DepthError
	host := ""
	if errors.As(err, &ue) {
		if u, perr := url.Parse(ue.URL); perr == nil {
			host = u.Host
		}
	}
	var tokenErr *oktaapi.TokenError
	var tokenAnswer *oktaapi.TokenAnswerError
	var rateErr *oktaapi.RateLimitError
	var unknown *oktaapi.OutcomeUnknownError
	var lost *oktaapi.ConnectionLostError
	var opErr *net.OpError
	switch {
	case errors.As(err, &unknown):
		return unknown.Error()
	case errors.As(err, &tokenErr):
		return tokenErr.Error()
	case errors.As(err, &tokenAnswer):
		return tokenAnswer.Error()
	case errors.As(err, &rateErr):
		return rateErr.Error()
	case errors.As(err, &lost):
		return lost.Error()
	case errors.As(err, &opErr) && opErr.Op == "proxyconnect", proxyRefusal(err):
		return describeProxyError(err)
	case errors.As(err, &ae):
		return ae.Error()
	case errors.As(err, &link):
		return link.Error()
	case errors.As(err, &deep):
		return deep.Error()
	case errors.As(err, &nj):
		return nj.Error()
	case errors.Is(err, oktaapi.ErrResponseTooLarge):
		return "Okta's answer was larger than the connector accepts (" + oktaapi.ErrResponseTooLarge.Error() + "): narrow the request with a filter or a limit"
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out waiting for Okta" + onHost(host) + ": the org did not answer within the time allowed; check the network path to base_url, or raise the timeout"
	case errors.Is(err, context.Canceled):
		return "the run was cancelled before Okta answered"
	case errors.As(err, &unknownCA), errors.As(err, &hostErr), errors.As(err, &invalidCert), errors.As(err, &verifyErr):
		return "the TLS certificate of" + orBaseURL(host) + " could not be verified (" + oktaapi.RootCause(err) + "): fix the certificate chain, or give the private CA that signed it in ca_cert; set verify_server_cert to false only for a test org"
	case errors.As(err, &recordErr):
		return "TLS handshake with" + orBaseURL(host) + " failed: the server does not speak https on that port; check base_url"
	case errors.As(err, &dnsErr):
		return "cannot resolve the host" + onHost(host) + " of base_url: check the org's address and DNS"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "cannot connect to" + orBaseURL(host) + ": the connection was refused; check base_url and that the network allows https to Okta"
	case errors.As(err, &bodyErr), errors.Is(err, syscall.ECONNRESET), ue != nil && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)):
		return "the connection to" + orBaseURL(host) + " was closed before Okta finished answering; it may be a proxy or a network fault, so run the action again"
	case errors.As(err, &syn), errors.As(err, &typ), errors.Is(err, io.ErrUnexpectedEOF):
		return "Okta's answer could not be read as the expected JSON (" + oktaapi.RootCause(err) + "): check that base_url is the Okta org"
	case strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		return "TLS handshake with" + orBaseURL(host) + " failed: the server does not speak https on that port; check base_url"
	case ue != nil && ue.Timeout():
		return "timed out waiting for Okta" + onHost(host) + ": check the network path to base_url"
	case ue != nil:
		return "cannot reach Okta" + onHost(host) + ": " + oktaapi.RootCause(err)
	}
	return err.Error()
}

func onHost(host string) string {
	if host == "" {
		return ""
	}
	return " at " + host
}

func orBaseURL(host string) string {
	if host == "" {
		return " base_url"
	}
	return " " + host
}

// proxySetting names where a proxy comes from, for messages.
const proxySetting = "proxy_url (or, when it is empty, HTTPS_PROXY or HTTP_PROXY in the asset's environment variables)"

// describeProxyError explains a failure to open the CONNECT tunnel.
func describeProxyError(err error) string {
	cause := oktaapi.RootCause(err)
	msg := "cannot open a tunnel to Okta through the proxy in " + proxySetting + " (" + cause + ")"
	switch {
	case strings.Contains(cause, "Proxy Authentication Required"):
		return msg + ": the proxy wants credentials; put the user name and password in its URL, as in http://user:password@proxy.example.com:3128"
	case errors.Is(err, syscall.ECONNREFUSED):
		return msg + ": nothing accepts connections at that address; check the proxy's host and port"
	case strings.Contains(cause, "certificate"):
		return msg + ": the proxy's TLS certificate could not be verified; give its CA in ca_cert"
	}
	return msg + ": check the proxy's URL and that the proxy allows CONNECT to the org's host on port 443"
}

// proxyRefusal reports whether err is a proxy's refusal of a CONNECT: the
// HTTP transport reports it as the bare status text of the proxy's answer.
func proxyRefusal(err error) bool {
	cause := oktaapi.RootCause(err)
	for code := 400; code < 600; code++ {
		if text := http.StatusText(code); text != "" && text == cause {
			return true
		}
	}
	return false
}

// Refusal describes an Okta error answer that refuses an operation for
// the object's state: code, summary and causes, without the advice for the
// HTTP status (a 403 here is not a missing permission). Any other error is
// described as Describe does.
func Refusal(err error) string {
	var ae *oktaapi.APIError
	if errors.As(err, &ae) && ae.Okta != nil {
		return ae.Reason()
	}
	return Describe(err)
}
