package connector

import (
	"crypto/x509"
	"fmt"
	"time"
)

// Settings is the validated asset configuration the Okta client is built from.
type Settings struct {
	BaseURL      string
	APIKey       string
	VerifyCert   bool
	PollInterval time.Duration
	// PollEventTypes is poll_event_types: the comma-separated System Log
	// event types on poll ingests.
	PollEventTypes string

	// RootCAs, when set, replaces the system roots (the embedded simulated
	// org's certificate in replay mode and tests).
	RootCAs *x509.CertPool
}

// settingsFrom reads the validated, defaulted configuration map.
func settingsFrom(cfg map[string]any) (Settings, error) {
	s := Settings{VerifyCert: true, PollInterval: 3 * time.Second}
	s.BaseURL, _ = cfg["base_url"].(string)
	s.APIKey, _ = cfg["api_key"].(string)
	s.PollEventTypes, _ = cfg["poll_event_types"].(string)
	if v, ok := cfg["verify_server_cert"].(bool); ok {
		s.VerifyCert = v
	}
	if v, ok := number(cfg["push_poll_interval_ms"]); ok {
		if v < 1 || v > 60000 {
			return s, fmt.Errorf("push_poll_interval_ms must be between 1 and 60000, got %v", v)
		}
		s.PollInterval = time.Duration(v * float64(time.Millisecond))
	}
	if s.APIKey == "" {
		return s, fmt.Errorf("api_key is empty: give the asset an Okta API token")
	}
	if err := checkHeaderValue("api_key", s.APIKey); err != nil {
		return s, err
	}
	return s, nil
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
