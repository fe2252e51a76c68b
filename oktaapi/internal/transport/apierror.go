package transport

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"

	"github.com/okta/okta-sdk-golang/v2/okta"

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

// IsJSON reports whether a Content-Type names JSON.
func IsJSON(ct string) bool {
	return strings.Contains(strings.ToLower(ct), "json")
}

// NewAPIError is the error of an answer the SDK decoded as an Okta error
// (a 4xx or 5xx answer): an answer that is not Okta's JSON keeps its start
// as the Snippet instead.
func NewAPIError(method, path string, resp *http.Response, oe *okta.Error) *APIError {
	ae := &APIError{Method: method, Path: path, Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Okta: oe, Challenge: bearerChallenge(resp.Header)}
	if !IsJSON(ae.ContentType) || oe.ErrorCode == "" && oe.ErrorSummary == "" && oe.ErrorDescription == "" {
		ae.Okta = nil
		ae.Snippet = readSnippet(resp.Body)
	}
	return ae
}

// APIErrorFrom reads an error answer the SDK will not see (the stack
// keeps it) and closes its body.
func APIErrorFrom(method, path string, resp *http.Response) *APIError {
	ae := &APIError{Method: method, Path: path, Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type")}
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, snippetBytes))
	_ = resp.Body.Close()
	var oe okta.Error
	if IsJSON(ae.ContentType) && json.Unmarshal(raw, &oe) == nil && (oe.ErrorCode != "" || oe.ErrorSummary != "") {
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
		if e.Path == TokenPath {
			msg = "getting an OAuth 2.0 access token failed: " + msg
		}
		return msg
	}
	return joinSentences(e.Reason(), apiErrorHint(e))
}

// Reason is the Okta error code, status, summary and causes, without the
// advice Error adds for the status. The answer must be Okta's (Okta is
// set).
func (e *APIError) Reason() string {
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

// readSnippet returns the start of a response body for a message. The
// message quotes only its first characters, but the cut is made after
// masking (textcut.Quote), so enough is kept for a secret that starts
// there to be recognised whole.
func readSnippet(r io.Reader) string {
	if r == nil {
		return ""
	}
	b, _ := io.ReadAll(io.LimitReader(r, snippetBytes))
	return string(b)
}

// snippetBytes is how much of an error answer is read for its message.
const snippetBytes = 64 << 10
