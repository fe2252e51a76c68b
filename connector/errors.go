package connector

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"syscall"

	"github.com/okta/okta-sdk-golang/v2/okta"

	"github.com/soar-okta/okta-connector/internal/jsonlimit"
	"github.com/soar-okta/okta-connector/internal/textcut"
)

// APIError is an HTTP error answer from Okta (or from whatever stands at
// base_url).
type APIError struct {
	Method      string
	Path        string
	Status      int
	ContentType string
	Okta        *okta.Error
	// Snippet is the start of an answer that is not Okta's JSON (up to
	// snippetBytes), for the message.
	Snippet string
	// Challenge is the WWW-Authenticate header of a 401 or 403 answer to
	// an OAuth 2.0 access token.
	Challenge string
}

func (e *APIError) Error() string { return describeAPIError(e) }

// Code is the Okta error code (E0000007, ...), empty for a non-Okta answer.
func (e *APIError) Code() string {
	if e.Okta == nil {
		return ""
	}
	return e.Okta.ErrorCode
}

// IsNotFound reports whether err is Okta's 404 answer.
func IsNotFound(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.Status == http.StatusNotFound
}

// IsAPIError reports whether err is an Okta error answer with this status
// and, when code is not empty, this error code.
func IsAPIError(err error, status int, code string) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.Status == status && (code == "" || ae.Code() == code)
}

// CausesContain reports whether one of the Okta error's causes mentions s.
func CausesContain(err error, s string) bool {
	var ae *APIError
	if !errors.As(err, &ae) || ae.Okta == nil {
		return false
	}
	for _, c := range ae.Okta.ErrorCauses {
		for _, v := range c {
			if str, ok := v.(string); ok && strings.Contains(strings.ToLower(str), strings.ToLower(s)) {
				return true
			}
		}
	}
	return false
}

// nonJSONPrefix is how the SDK reports a 2xx answer it cannot decode.
const nonJSONPrefix = "could not build a response for type: "

func wrapSDKError(method, path string, resp *okta.Response, err error) error {
	var oe *okta.Error
	if errors.As(err, &oe) && resp != nil && resp.Response != nil {
		ae := &APIError{Method: method, Path: path, Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Okta: oe, Challenge: bearerChallenge(resp.Header)}
		if !isJSON(ae.ContentType) || oe.ErrorCode == "" && oe.ErrorSummary == "" && oe.ErrorDescription == "" {
			ae.Okta = nil
			ae.Snippet = readSnippet(resp.Body)
		}
		return ae
	}
	if strings.HasPrefix(err.Error(), nonJSONPrefix) {
		ct := strings.TrimPrefix(err.Error(), nonJSONPrefix)
		if ct == "" {
			ct = "no content type"
		}
		return fmt.Errorf("%s %s: %w", method, path, &nonJSONError{contentType: ct})
	}
	return fmt.Errorf("%s %s: %w", method, path, err)
}

type nonJSONError struct{ contentType string }

func (e *nonJSONError) Error() string {
	return fmt.Sprintf("the server at base_url answered with %s instead of Okta's JSON: check that base_url is the Okta org itself, not a proxy, portal or sign-in page", e.contentType)
}

func isJSON(ct string) bool {
	return strings.Contains(strings.ToLower(ct), "json")
}

// apiErrorFrom reads an error answer the SDK will not see (the transport
// keeps it) and closes its body.
func apiErrorFrom(method, path string, resp *http.Response) *APIError {
	ae := &APIError{Method: method, Path: path, Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type")}
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, snippetBytes))
	_ = resp.Body.Close()
	var oe okta.Error
	if isJSON(ae.ContentType) && json.Unmarshal(raw, &oe) == nil && (oe.ErrorCode != "" || oe.ErrorSummary != "") {
		ae.Okta = &oe
	} else {
		ae.Snippet = string(raw)
	}
	return ae
}

// bearerChallenge returns the WWW-Authenticate header when it answers a
// bearer token.
func bearerChallenge(h http.Header) string {
	if c := h.Get("WWW-Authenticate"); strings.HasPrefix(c, "Bearer") {
		return c
	}
	return ""
}

// challengeParam reads one parameter (scope, error, ...) of a challenge.
func challengeParam(challenge, name string) string {
	_, rest, ok := strings.Cut(challenge, name+"=\"")
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, "\"")
	return v
}

func describeAPIError(e *APIError) string {
	statusText := fmt.Sprintf("%d %s", e.Status, http.StatusText(e.Status))
	if e.Okta == nil {
		msg := fmt.Sprintf("HTTP %s from the server at base_url, which is not an Okta API answer (content type %q)", statusText, e.ContentType)
		if s := strings.TrimSpace(e.Snippet); s != "" {
			msg += "; it begins " + textcut.Quote(oneLine(s), 80, textcut.Ellipsis)
		}
		msg += ": check base_url and any proxy between the connector and Okta"
		if e.Path == tokenPath {
			msg = "getting an OAuth 2.0 access token failed: " + msg
		}
		return msg
	}
	return joinSentences(e.reason(), apiErrorHint(e))
}

// reason is the Okta error code, status, summary and causes, without the
// advice Describe adds for the status.
func (e *APIError) reason() string {
	statusText := fmt.Sprintf("%d %s", e.Status, http.StatusText(e.Status))
	o := e.Okta
	summary := o.ErrorSummary
	if summary == "" {
		summary = o.ErrorDescription
	}
	if summary == "" {
		summary = o.ErrorMessage
	}
	msg := "Okta error"
	if o.ErrorCode != "" {
		msg += " " + o.ErrorCode
	}
	msg += fmt.Sprintf(" (%s): %s", statusText, summary)
	if causes := errorCauses(o); causes != "" {
		msg += " Causes: " + causes
	}
	return msg
}

// apiErrorHint says what to check for an Okta error answer.
func apiErrorHint(e *APIError) string {
	oauth := e.Challenge != ""
	switch {
	case oauth && e.Status == http.StatusForbidden && challengeParam(e.Challenge, "error") == "insufficient_scope":
		scope := challengeParam(e.Challenge, "scope")
		return fmt.Sprintf("The access token lacks the scope %s that %s %s needs: grant %s to the service app in Okta (Okta API Scopes tab) and add it to the asset's scopes", scope, e.Method, e.Path, scope)
	case oauth && e.Status == http.StatusUnauthorized:
		return "Okta did not accept the OAuth 2.0 access token: check that the service app is active and still has its grants, then run the action again"
	case oauth && e.Status == http.StatusForbidden:
		return "The service app lacks the permission this action needs: assign it an admin role that allows it"
	case e.Status == http.StatusUnauthorized:
		return "Check the asset's api_key: the token is invalid, expired or revoked, or belongs to another org"
	case e.Status == http.StatusForbidden:
		return forbiddenHint(e.Okta.ErrorCode)
	case transientStatus(e.Status):
		return "Okta, or a gateway or proxy in front of it, was unavailable and stayed so after the connector retried: check Okta's status page and any proxy, then run the action again"
	}
	return ""
}

// joinSentences appends the sentence next to msg.
func joinSentences(msg, next string) string {
	if next == "" {
		return msg
	}
	if strings.HasSuffix(msg, ".") {
		return msg + " " + next
	}
	return msg + ". " + next
}

// Refusal describes an Okta error answer that refuses an operation for
// the object's state: code, summary and causes, without the advice for the
// HTTP status (a 403 here is not a missing permission). Any other error is
// described as Describe does.
func Refusal(err error) string {
	var ae *APIError
	if errors.As(err, &ae) && ae.Okta != nil {
		return ae.reason()
	}
	return Describe(err)
}

// forbiddenHint says what to check after a 403. Okta also answers 403 for
// refusals that are not about the token's permissions (a user status that
// does not allow the operation, a wrong passcode): those keep their own
// summary without the permission advice.
func forbiddenHint(code string) string {
	switch code {
	case "E0000038":
		return "Check the user's status: Okta allows this operation only from some statuses"
	case "E0000068":
		return ""
	}
	return "The token's admin lacks the permission this action needs: grant a role that allows it (see the action's description)"
}

func errorCauses(o *okta.Error) string {
	var parts []string
	for _, c := range o.ErrorCauses {
		keys := make([]string, 0, len(c))
		for k := range c {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			parts = append(parts, fmt.Sprint(c[k]))
		}
	}
	return strings.Join(parts, "; ")
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// Describe turns any error from a handler into one sentence an analyst can
// act on.
func Describe(err error) string {
	var ae *APIError
	var nj *nonJSONError
	var ue *url.Error
	var dnsErr *net.DNSError
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalidCert x509.CertificateInvalidError
	var verifyErr *tls.CertificateVerificationError
	var recordErr tls.RecordHeaderError
	var bodyErr *bodyReadError
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var link *linkError
	var deep *jsonlimit.DepthError
	host := ""
	if errors.As(err, &ue) {
		if u, perr := url.Parse(ue.URL); perr == nil {
			host = u.Host
		}
	}
	var tokenErr *TokenError
	var tokenAnswer *TokenAnswerError
	var rateErr *RateLimitError
	var paced *RateLimitWait
	var unknown *OutcomeUnknownError
	var lost *ConnectionLostError
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
	case errors.As(err, &paced):
		return paced.Error()
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
	case errors.Is(err, errResponseTooLarge):
		return "Okta's answer was larger than the connector accepts (" + errResponseTooLarge.Error() + "): narrow the request with a filter or a limit"
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out waiting for Okta" + onHost(host) + ": the org did not answer within the time allowed; check the network path to base_url, or raise the timeout"
	case errors.Is(err, context.Canceled):
		return "the run was cancelled before Okta answered"
	case errors.As(err, &unknownCA), errors.As(err, &hostErr), errors.As(err, &invalidCert), errors.As(err, &verifyErr):
		return "the TLS certificate of" + orBaseURL(host) + " could not be verified (" + rootCause(err) + "): fix the certificate chain, or give the private CA that signed it in ca_cert; set verify_server_cert to false only for a test org"
	case errors.As(err, &recordErr):
		return "TLS handshake with" + orBaseURL(host) + " failed: the server does not speak https on that port; check base_url"
	case errors.As(err, &dnsErr):
		return "cannot resolve the host" + onHost(host) + " of base_url: check the org's address and DNS"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "cannot connect to" + orBaseURL(host) + ": the connection was refused; check base_url and that the network allows https to Okta"
	case errors.As(err, &bodyErr), errors.Is(err, syscall.ECONNRESET), ue != nil && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)):
		return "the connection to" + orBaseURL(host) + " was closed before Okta finished answering; it may be a proxy or a network fault, so run the action again"
	case errors.As(err, &syn), errors.As(err, &typ), errors.Is(err, io.ErrUnexpectedEOF):
		return "Okta's answer could not be read as the expected JSON (" + rootCause(err) + "): check that base_url is the Okta org"
	case strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		return "TLS handshake with" + orBaseURL(host) + " failed: the server does not speak https on that port; check base_url"
	case ue != nil && ue.Timeout():
		return "timed out waiting for Okta" + onHost(host) + ": check the network path to base_url"
	case ue != nil:
		return "cannot reach Okta" + onHost(host) + ": " + rootCause(err)
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

func rootCause(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}

// proxySetting names where a proxy comes from, for messages.
const proxySetting = "proxy_url (or, when it is empty, HTTPS_PROXY or HTTP_PROXY in the asset's environment variables)"

// describeProxyError explains a failure to open the CONNECT tunnel.
func describeProxyError(err error) string {
	cause := rootCause(err)
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
	cause := rootCause(err)
	for code := 400; code < 600; code++ {
		if text := http.StatusText(code); text != "" && text == cause {
			return true
		}
	}
	return false
}
