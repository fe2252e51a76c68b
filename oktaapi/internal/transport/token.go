package transport

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// TokenPath is the org authorization server's token endpoint, where the
// SDK exchanges a signed client assertion for an access token.
const TokenPath = "/oauth2/v1/token"

// TokenAnswerError is an answer of the token endpoint that is neither an
// access token nor an OAuth error: no Okta org sends one, so something
// else stands at base_url. Its body is never shown, since it may hold a
// token.
type TokenAnswerError struct {
	Status      string // "302 Found"
	ContentType string
	Why         string // "with an empty body", ...
}

func (e *TokenAnswerError) Error() string {
	ct := e.ContentType
	if ct == "" {
		ct = "none"
	}
	return fmt.Sprintf("getting an OAuth 2.0 access token failed: the token endpoint at base_url answered %s (content type %q) %s, which is neither an access token nor an OAuth error: check base_url and any proxy between the connector and Okta", e.Status, ct, e.Why)
}

// checkTokenAnswer lets through a token endpoint answer the SDK can use:
// a 200 JSON object with an access token, or an OAuth error (a 4xx JSON
// answer, which the SDK reports). Anything else (no body, null, another
// 2xx, a redirect, a token no header can carry) is refused with a message
// before the SDK reads it. The body read is handed on.
func checkTokenAnswer(resp *http.Response) error {
	ct := resp.Header.Get("Content-Type")
	refuse := func(why string) error {
		return &TokenAnswerError{Status: resp.Status, ContentType: ct, Why: why}
	}
	switch {
	case resp.StatusCode >= 400 && resp.StatusCode < 500 && IsJSON(ct):
		return nil
	case resp.StatusCode != http.StatusOK:
		_ = resp.Body.Close()
		return refuse("instead of 200 OK")
	case !IsJSON(ct):
		_ = resp.Body.Close()
		return refuse("instead of JSON")
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return refuse("with an empty body")
	}
	if bytes.Equal(trimmed, []byte("null")) {
		return refuse("with null")
	}
	var answer map[string]any
	if err := json.Unmarshal(trimmed, &answer); err != nil || answer == nil {
		return refuse("with a body that is not a JSON object")
	}
	token, _ := answer["access_token"].(string)
	switch {
	case token == "":
		return refuse("with no access_token in it")
	case strings.IndexFunc(token, func(r rune) bool { return r <= ' ' || r >= 0x7f }) >= 0:
		return refuse("with an access_token holding characters no token has")
	}
	return nil
}
