package oktaapi

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/okta/okta-sdk-golang/v2/okta"

	"github.com/soar-okta/okta-connector/oktaapi/internal/transport"
)

// The errors of the HTTP stack under the client, as the connector's edge
// (connector.Describe) and the handlers see them. Each one's Error is the
// sentence an analyst reads.
type (
	// APIError is an HTTP error answer from Okta (or from whatever stands
	// at base_url).
	APIError = transport.APIError
	// OutcomeUnknownError is a change that may or may not have been made:
	// it was sent, and no usable answer came. It is never repeated; a
	// DELETE's object is read again (Found, Status).
	OutcomeUnknownError = transport.OutcomeUnknownError
	// RateLimitError is a request Okta's rate limit stopped.
	RateLimitError = transport.RateLimitError
	// ConnectionLostError is a request safe to repeat whose connection
	// kept breaking.
	ConnectionLostError = transport.ConnectionLostError
	// TokenAnswerError is a token endpoint answer that is neither an
	// access token nor an OAuth error.
	TokenAnswerError = transport.TokenAnswerError
	// LinkError is a Link header that leaves base_url.
	LinkError = transport.LinkError
	// BodyReadError is a connection that broke while an answer was read.
	BodyReadError = transport.BodyReadError
)

// ErrResponseTooLarge is an answer larger than the connector reads.
var ErrResponseTooLarge = transport.ErrResponseTooLarge

// RootCause is the text of the innermost error err wraps.
func RootCause(err error) string { return transport.RootCause(err) }

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

// wrapSDKError turns an error of the SDK's request executor into the
// connector's: an Okta error answer becomes an APIError, an answer that is
// not JSON a NonJSONError, anything else is named by its request.
func wrapSDKError(method, path string, resp *okta.Response, err error) error {
	var oe *okta.Error
	if errors.As(err, &oe) && resp != nil && resp.Response != nil {
		return transport.NewAPIError(method, path, resp.Response, oe)
	}
	if ct, ok := strings.CutPrefix(err.Error(), nonJSONPrefix); ok {
		return fmt.Errorf("%s %s: %w", method, path, nonJSON(ct))
	}
	return fmt.Errorf("%s %s: %w", method, path, err)
}

func nonJSON(contentType string) *NonJSONError {
	if contentType == "" {
		contentType = "no content type"
	}
	return &NonJSONError{ContentType: contentType}
}

// NonJSONError is a successful answer that is not JSON: a portal or
// sign-in page at base_url.
type NonJSONError struct{ ContentType string }

func (e *NonJSONError) Error() string {
	return fmt.Sprintf("the server at base_url answered with %s instead of Okta's JSON: check that base_url is the Okta org itself, not a proxy, portal or sign-in page", e.ContentType)
}
