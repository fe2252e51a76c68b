package connector

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/soar-okta/okta-connector/internal/textcut"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// Settings is the validated asset configuration, in the two parts that go
// to different places: how to reach the org (credentials included), which
// only builds the Okta client, and what handlers may read.
type Settings struct {
	Okta   oktaapi.Config
	Action ActionSettings
}

// ActionSettings are the asset settings a handler may read (Call.Settings):
// no credential is among them.
type ActionSettings struct {
	// AuthMode says how requests are authenticated: AuthAPIToken or
	// AuthOAuth.
	AuthMode string
	// ClientID and Scopes are the OAuth 2.0 service app's, when AuthMode
	// is AuthOAuth.
	ClientID string
	Scopes   []string
	// PollInterval is push_poll_interval_ms: how often a push verification
	// is polled.
	PollInterval time.Duration
	// PollEventTypes is poll_event_types: the comma-separated System Log
	// event types on poll ingests.
	PollEventTypes string
}

// Authentication modes, as test connectivity reports them.
const (
	AuthAPIToken = "an API token (SSWS)"
	AuthOAuth    = "OAuth 2.0 client credentials with a private-key JWT"
)

// authMode says how requests made with cfg are authenticated.
func authMode(cfg oktaapi.Config) string {
	if cfg.OAuth() {
		return AuthOAuth
	}
	return AuthAPIToken
}

// DefaultScopes are requested when the asset names none: read and manage
// for every resource family the actions use.
var DefaultScopes = []string{
	"okta.users.read", "okta.users.manage",
	"okta.groups.read", "okta.groups.manage",
	"okta.roles.read", "okta.roles.manage",
	"okta.apps.read", "okta.apps.manage",
	"okta.idps.read",
	"okta.networkZones.read", "okta.networkZones.manage",
	"okta.logs.read",
	"okta.apiTokens.read", "okta.apiTokens.manage",
	"okta.idps.manage",
	"okta.threatInsights.read", "okta.threatInsights.manage",
	"okta.trustedOrigins.read", "okta.trustedOrigins.manage",
}

// settingsFrom reads the validated, defaulted configuration map.
// env is the platform's per-asset environment (environment_variables),
// which may name a proxy when the asset's proxy_url is empty.
func settingsFrom(cfg map[string]any, env map[string]string) (Settings, error) {
	o := oktaapi.Config{VerifyCert: true, Version: Version}
	a := ActionSettings{PollInterval: 3 * time.Second}
	str := func(k string) string { v, _ := cfg[k].(string); return strings.TrimSpace(v) }
	o.BaseURL = str("base_url")
	o.APIKey, _ = cfg["api_key"].(string)
	a.PollEventTypes, _ = cfg["poll_event_types"].(string)
	if v, ok := cfg["verify_server_cert"].(bool); ok {
		o.VerifyCert = v
	}
	if v, ok := number(cfg["push_poll_interval_ms"]); ok {
		if v < 1 || v > 60000 {
			return Settings{}, fmt.Errorf("push_poll_interval_ms must be between 1 and 60000, got %v", v)
		}
		a.PollInterval = time.Duration(v * float64(time.Millisecond))
	}
	if err := readAuth(&o, str("client_id"), cfg, str("private_key_id"), str("scopes")); err != nil {
		return Settings{}, err
	}
	proxy, from := str("proxy_url"), "proxy_url"
	if proxy == "" {
		proxy, from = environmentProxy(env, o.BaseURL)
	}
	if err := readTransport(&o, proxy, from, cfg); err != nil {
		return Settings{}, err
	}
	if err := checkHeaderValue("api_key", o.APIKey); err != nil {
		return Settings{}, err
	}
	a.AuthMode, a.ClientID, a.Scopes = authMode(o), o.ClientID, o.Scopes
	return Settings{Okta: o, Action: a}, nil
}

// readAuth picks the authentication mode: OAuth when both halves of the
// client credentials are given, the API token otherwise.
func readAuth(s *oktaapi.Config, clientID string, cfg map[string]any, keyID, scopes string) error {
	key, _ := cfg["private_key"].(string)
	hasKey := strings.TrimSpace(key) != ""
	switch {
	case clientID != "" && !hasKey:
		return fmt.Errorf("client_id is set but private_key is empty: OAuth 2.0 needs both (the service app's client ID and its PEM private key), or remove client_id to use api_key")
	case clientID == "" && hasKey:
		return fmt.Errorf("private_key is set but client_id is empty: OAuth 2.0 needs both (the service app's client ID and its PEM private key), or remove private_key to use api_key")
	case clientID == "":
		if strings.TrimSpace(s.APIKey) == "" {
			return fmt.Errorf("api_key is empty: give the asset an Okta API token, or client_id and private_key for OAuth 2.0")
		}
		if keyID != "" || scopes != "" {
			return fmt.Errorf("private_key_id and scopes apply to OAuth 2.0 only: set client_id and private_key too, or remove them")
		}
		return nil
	}
	if err := oktaapi.CheckPrivateKey(key); err != nil {
		return err
	}
	s.ClientID, s.PrivateKey, s.PrivateKeyID = clientID, key, keyID
	s.Scopes = DefaultScopes
	if scopes != "" {
		s.Scopes = nil
		for _, sc := range strings.FieldsFunc(scopes, func(r rune) bool { return r == ',' || r == ' ' }) {
			if !validScope(sc) {
				return fmt.Errorf("scopes: %s is not an Okta scope name such as okta.users.read", textcut.QuoteValue(sc))
			}
			s.Scopes = append(s.Scopes, sc)
		}
		if len(s.Scopes) == 0 {
			return fmt.Errorf("scopes lists no scope: give a comma-separated list such as okta.users.read,okta.users.manage, or leave it empty for the default")
		}
	}
	return nil
}

func validScope(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == ':' || r == '-') {
			return false
		}
	}
	return s != ""
}

// readTransport checks the proxy (read from the setting named from) and
// ca_cert.
func readTransport(s *oktaapi.Config, proxy, from string, cfg map[string]any) error {
	if pem, _ := cfg["ca_cert"].(string); strings.TrimSpace(pem) != "" {
		s.CACert = pem
		if err := oktaapi.CheckCACert(pem); err != nil {
			return err
		}
	}
	if proxy == "" {
		return nil
	}
	u, err := url.Parse(proxy)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return fmt.Errorf("%s is not a URL such as http://proxy.example.com:3128", from)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%s %q must start with http:// or https://", from, u.Redacted())
	}
	if strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("%s %q must be the proxy's address only, without a path or query", from, u.Redacted())
	}
	if strings.HasPrefix(strings.ToLower(s.BaseURL), "http://") {
		return fmt.Errorf("%s needs an https base_url: through a proxy, requests travel in a CONNECT tunnel so that the proxy never sees the credentials", from)
	}
	s.Proxy = u
	return nil
}

// secrets lists values of the settings that must never be shown, beyond
// the password-type fields app.json declares: the proxy's credentials, as
// given and as the Proxy-Authorization header sends them (a proxy may
// quote its CONNECT request when it refuses it), and the lines of the
// private key.
func (set Settings) secrets() []string {
	s := set.Okta
	var out []string
	if s.Proxy != nil && s.Proxy.User != nil {
		p, _ := s.Proxy.User.Password()
		pair := s.Proxy.User.Username() + ":" + p
		basic := base64.StdEncoding.EncodeToString([]byte(pair))
		out = append(out, p, pair, s.Proxy.User.String(), basic, strings.TrimRight(basic, "="))
	}
	for _, line := range strings.Split(strings.ReplaceAll(s.PrivateKey, `\n`, "\n"), "\n") {
		if line = strings.TrimSpace(line); len(line) >= 16 && !strings.HasPrefix(line, "-----") {
			out = append(out, line)
		}
	}
	return out
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	}
	return 0, false
}
