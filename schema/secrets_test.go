package schema

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMasked(t *testing.T) {
	app := loadApp(t)
	setPassword, err := app.Lookup("set password", "")
	require.NoError(t, err)
	getUser, err := app.Lookup("get user", "")
	require.NoError(t, err)

	tests := []struct {
		name string
		mask func(map[string]any) map[string]any
		in   map[string]any
		want map[string]any
	}{
		{"password parameter", setPassword.Masked,
			map[string]any{"id": "00u1", "new_password": "Tr0ub4dor&3"},
			map[string]any{"id": "00u1", "new_password": Mask}},
		{"absent password stays absent", setPassword.Masked,
			map[string]any{"id": "00u1"}, map[string]any{"id": "00u1"}},
		{"no secrets", getUser.Masked,
			map[string]any{"user_id": "00u1"}, map[string]any{"user_id": "00u1"}},
		{"nil", getUser.Masked, nil, map[string]any{}},
		{"configuration", app.MaskedConfig,
			map[string]any{"base_url": "https://x.okta.com", "api_key": "00abc", "verify_server_cert": true},
			map[string]any{"base_url": "https://x.okta.com", "api_key": Mask, "verify_server_cert": true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before map[string]any
			if tt.in != nil {
				before = map[string]any{}
				for k, v := range tt.in {
					before[k] = v
				}
			}
			assert.Equal(t, tt.want, tt.mask(tt.in))
			assert.Equal(t, before, tt.in, "input changed")
		})
	}
}

func TestSecretValues(t *testing.T) {
	app := loadApp(t)
	tests := []struct {
		name   string
		cfg    map[string]any
		params []map[string]any
		want   []string
	}{
		{"none", nil, nil, []string{}},
		{"configuration token", map[string]any{"api_key": "tok", "base_url": "https://x.okta.com"}, nil, []string{"tok"}},
		{"empty token skipped", map[string]any{"api_key": ""}, nil, []string{}},
		{"password parameters, longest first, deduplicated", map[string]any{"api_key": "tok"},
			[]map[string]any{{"new_password": "longer-secret", "id": "00u1"}, {"new_password": "tok"}},
			[]string{"longer-secret", "tok"}},
		{"non-secret parameters ignored", nil, []map[string]any{{"user_id": "00u1", "query": "ann"}}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, app.SecretValues(tt.cfg, tt.params...))
		})
	}
}
