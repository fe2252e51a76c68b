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

func TestSecrets(t *testing.T) {
	app := loadApp(t)
	setPassword, err := app.Lookup("", "set_password")
	require.NoError(t, err)
	createUser, err := app.Lookup("", "create_user")
	require.NoError(t, err)
	getUser, err := app.Lookup("", "get_user")
	require.NoError(t, err)
	tests := []struct {
		name string
		act  *Action
		cfg  map[string]any
		runs []map[string]any
		want []string
	}{
		{"none", setPassword, nil, nil, []string{}},
		{"configuration passwords", nil, map[string]any{"api_key": "tok1", "private_key": "-----BEGIN-----", "base_url": "https://x.okta.com"}, nil,
			[]string{"-----BEGIN-----", "tok1"}},
		{"empty and null configuration passwords skipped", nil, map[string]any{"api_key": "", "private_key": nil}, nil, []string{}},
		{"a configuration password given as a number", nil, map[string]any{"api_key": 1234567}, nil, []string{"1234567"}},
		{"undeclared configuration keys ignored", nil, map[string]any{"apikey": "tok1"}, nil, []string{}},
		{"the action's password parameters, longest first, without repeats", setPassword, map[string]any{"api_key": "tok1"},
			[]map[string]any{{"new_password": "longer-secret", "id": "00u1"}, {"new_password": "tok1"}},
			[]string{"longer-secret", "tok1"}},
		{"every password parameter of the action", createUser, nil,
			[]map[string]any{{"password": "Pa55word!", "recovery_answer": "blue", "login": "ann@example.com"}},
			[]string{"Pa55word!", "blue"}},
		{"a password parameter given as a number", setPassword, nil, []map[string]any{{"new_password": 12345678}}, []string{"12345678"}},
		{"a password parameter given as null", setPassword, nil, []map[string]any{{"new_password": nil}}, []string{}},
		{"another action's password parameter is not this action's", getUser, nil, []map[string]any{{"new_password": "not-declared-here"}}, []string{}},
		{"without an action, any action's password parameter", nil, nil, []map[string]any{{"new_password": "declared-elsewhere"}}, []string{"declared-elsewhere"}},
		{"non-secret parameters ignored", nil, nil, []map[string]any{{"user_id": "00u1", "query": "ann"}}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, app.Secrets(tt.act, tt.cfg, tt.runs))
		})
	}
}

// SecretValues is Secrets without an action.
func TestSecretValues(t *testing.T) {
	app := loadApp(t)
	cfg := map[string]any{"api_key": "tok1"}
	params := []map[string]any{{"new_password": "longer-secret", "id": "00u1"}, {"password": "other"}}
	assert.Equal(t, app.Secrets(nil, cfg, params), app.SecretValues(cfg, params...))
	assert.Equal(t, []string{"longer-secret", "other", "tok1"}, app.SecretValues(cfg, params...))
}
