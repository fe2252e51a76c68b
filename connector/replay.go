package connector

import (
	"context"
	"errors"
)

// startReplay starts the embedded simulated org.
func (inv *invocation) startReplay(ctx context.Context) (*ReplayTarget, error) {
	if inv.program.Replay == nil {
		return nil, errors.New("this build has no simulated org")
	}
	return inv.program.Replay(ctx)
}

// configFor points a request's configuration at the simulated org: its
// address and token replace the request's credentials, and settings for
// reaching a real org (TLS, proxy) are dropped; every other one is kept.
func (t *ReplayTarget) configFor(cfg map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range cfg {
		out[k] = v
	}
	out["base_url"] = t.BaseURL
	out["api_key"] = t.APIKey
	for _, k := range []string{"verify_server_cert", "client_id", "private_key", "private_key_id", "scopes", "proxy_url", "ca_cert"} {
		delete(out, k)
	}
	return out
}
