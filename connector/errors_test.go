package connector

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"syscall"
	"testing"

	"github.com/okta/okta-sdk-golang/v2/okta"
	"github.com/stretchr/testify/assert"

	"github.com/soar-okta/okta-connector/oktaapi"
)

func urlErr(err error) error {
	return fmt.Errorf("GET /api/v1/users/me: %w", &url.Error{Op: "Get", URL: "https://acme.okta.com/api/v1/users/me", Err: err})
}

func TestDescribe(t *testing.T) {
	notFound := &oktaapi.APIError{Method: "GET", Path: "/api/v1/users/x", Status: 404, ContentType: "application/json",
		Okta: &okta.Error{ErrorCode: "E0000007", ErrorSummary: "Not found: Resource not found: x (User)"}}
	invalid := &oktaapi.APIError{Status: 400, ContentType: "application/json", Okta: &okta.Error{ErrorCode: "E0000001",
		ErrorSummary: "Api validation failed: password", ErrorCauses: []map[string]any{{"errorSummary": "password: too short"}}}}
	proxy := &oktaapi.APIError{Status: 502, ContentType: "text/html", Snippet: "<html>\n<h1>Bad   gateway</h1>"}
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"okta 404", fmt.Errorf("wrapped: %w", notFound), "Okta error E0000007 (404 Not Found): Not found: Resource not found: x (User)"},
		{"okta causes", invalid, "Okta error E0000001 (400 Bad Request): Api validation failed: password Causes: password: too short"},
		{"401", &oktaapi.APIError{Status: 401, ContentType: "application/json", Okta: &okta.Error{ErrorCode: "E0000011", ErrorSummary: "Invalid token provided"}}, "Check the asset's api_key"},
		{"403", &oktaapi.APIError{Status: 403, ContentType: "application/json", Okta: &okta.Error{ErrorCode: "E0000006", ErrorSummary: "You do not have permission"}}, "lacks the permission"},
		{"403 status", &oktaapi.APIError{Status: 403, ContentType: "application/json", Okta: &okta.Error{ErrorCode: "E0000038", ErrorSummary: "This operation is not allowed in the user's current status."}}, "current status. Check the user's status: Okta allows this operation only from some statuses"},
		{"403 passcode", &oktaapi.APIError{Status: 403, ContentType: "application/json", Okta: &okta.Error{ErrorCode: "E0000068", ErrorSummary: "Invalid Passcode/Answer"}}, "(403 Forbidden): Invalid Passcode/Answer"},
		{"html proxy page", proxy, `HTTP 502 Bad Gateway from the server at base_url, which is not an Okta API answer (content type "text/html"); it begins "<html> <h1>Bad gateway</h1>"`},
		{"non-JSON 200", fmt.Errorf("x: %w", &oktaapi.NonJSONError{ContentType: "text/html"}), "answered with text/html instead of Okta's JSON"},
		{"rate limited", fmt.Errorf("x: %w", &oktaapi.RateLimitError{Retries: 2, Method: "GET", Path: "/api/v1/users"}), "E0000047"},
		{"too large", fmt.Errorf("x: %w", oktaapi.ErrResponseTooLarge), "larger than the connector accepts"},
		{"deadline", urlErr(context.DeadlineExceeded), "timed out waiting for Okta at acme.okta.com"},
		{"cancelled", context.Canceled, "cancelled"},
		{"unknown CA", urlErr(x509.UnknownAuthorityError{}), "TLS certificate of acme.okta.com could not be verified"},
		{"wrong host", urlErr(x509.HostnameError{Certificate: &x509.Certificate{}, Host: "acme.okta.com"}), "could not be verified"},
		{"expired", urlErr(x509.CertificateInvalidError{Cert: &x509.Certificate{}, Reason: x509.Expired}), "could not be verified"},
		{"dns", urlErr(&net.DNSError{Err: "no such host", Name: "acme.okta.com", IsNotFound: true}), "cannot resolve the host at acme.okta.com"},
		{"refused", urlErr(&net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}), "connection was refused"},
		{"reset", urlErr(&net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}), "closed before Okta finished answering"},
		{"body cut", &oktaapi.BodyReadError{Err: io.ErrUnexpectedEOF}, "closed before Okta finished answering"},
		{"truncated JSON", io.ErrUnexpectedEOF, "could not be read as the expected JSON"},
		{"bad JSON", &json.SyntaxError{Offset: 3}, "could not be read as the expected JSON"},
		{"plain", errors.New("something else"), "something else"},
	}
	seen := map[string]string{}
	for _, c := range cases {
		got := Describe(c.err)
		assert.Contains(t, got, c.want, c.name)
		if prev, dup := seen[got]; dup && c.name != "wrong host" && c.name != "expired" {
			t.Errorf("%s and %s share the message %q: each fault needs its own", prev, c.name, got)
		}
		seen[got] = c.name
	}
}
