package schema

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/internal/textcut"
)

func TestValidateParameters(t *testing.T) {
	probe, err := loadProbe(t).Lookup("probe", "")
	require.NoError(t, err)
	defaults := map[string]any{"flag": false, "kind": "UI"}
	with := func(kv ...any) map[string]any {
		m := map[string]any{"user_id": "00u1"}
		for k, v := range defaults {
			m[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	long := strings.Repeat("x", 100)

	tests := []struct {
		name     string
		in       map[string]any
		want     map[string]any
		problems []string
	}{
		{"defaults filled in", map[string]any{"user_id": "00u1"}, with(), nil},
		{"string kept as given", map[string]any{"user_id": " 00u1 "}, with("user_id", " 00u1 "), nil},
		{"number for a string rejected", map[string]any{"user_id": 123}, nil,
			[]string{"user_id: got 123, expected a string"}},
		{"long value shortened", map[string]any{"user_id": "1", "ratio": long}, nil,
			[]string{`ratio: got "` + strings.Repeat("x", 55) + `...", expected a number`}},

		// required values
		{"required absent", map[string]any{}, nil, []string{"user_id: missing (required)"}},
		{"required null", map[string]any{"user_id": nil}, nil,
			[]string{"user_id: got an empty value, but a value is required"}},
		{"required empty", map[string]any{"user_id": ""}, nil,
			[]string{"user_id: got an empty value, but a value is required"}},
		{"required white space", map[string]any{"user_id": " \t"}, nil,
			[]string{"user_id: got an empty value, but a value is required"}},

		// optional blanks are absent
		{"optional null dropped", map[string]any{"user_id": "00u1", "ratio": nil, "secret": nil}, with(), nil},
		{"optional empty dropped, default applies", map[string]any{"user_id": "00u1", "kind": "", "flag": " "}, with(), nil},

		// limit: a positive whole number
		{"limit int", map[string]any{"user_id": "00u1", "limit": 50}, with("limit", 50), nil},
		{"limit integral float", map[string]any{"user_id": "00u1", "limit": 50.0}, with("limit", 50), nil},
		{"limit string", map[string]any{"user_id": "00u1", "limit": "50"}, with("limit", 50), nil},
		{"limit padded string", map[string]any{"user_id": "00u1", "limit": " 50 "}, with("limit", 50), nil},
		{"limit exponent", map[string]any{"user_id": "00u1", "limit": 1e3}, with("limit", 1000), nil},
		{"limit exponent string", map[string]any{"user_id": "00u1", "limit": "1e3"}, with("limit", 1000), nil},
		{"limit one", map[string]any{"user_id": "00u1", "limit": 1}, with("limit", 1), nil},
		{"limit zero", map[string]any{"user_id": "00u1", "limit": 0}, nil,
			[]string{"limit: got 0, expected a positive whole number"}},
		{"limit negative", map[string]any{"user_id": "00u1", "limit": -1}, nil,
			[]string{"limit: got -1, expected a positive whole number"}},
		{"limit fraction", map[string]any{"user_id": "00u1", "limit": 2.5}, nil,
			[]string{"limit: got 2.5, expected a positive whole number"}},
		{"limit fraction string", map[string]any{"user_id": "00u1", "limit": "2.5"}, nil,
			[]string{`limit: got "2.5", expected a positive whole number`}},
		{"limit word", map[string]any{"user_id": "00u1", "limit": "ten"}, nil,
			[]string{`limit: got "ten", expected a positive whole number`}},
		{"limit boolean", map[string]any{"user_id": "00u1", "limit": true}, nil,
			[]string{"limit: got true, expected a positive whole number"}},
		{"limit too large", map[string]any{"user_id": "00u1", "limit": 1e20}, nil,
			[]string{"limit: got 100000000000000000000, expected a positive whole number no larger than 9007199254740991"}},

		// other numerics
		{"numeric fraction", map[string]any{"user_id": "00u1", "ratio": 0.5}, with("ratio", 0.5), nil},
		{"numeric string", map[string]any{"user_id": "00u1", "ratio": "-2.5"}, with("ratio", -2.5), nil},
		{"numeric int becomes float64", map[string]any{"user_id": "00u1", "ratio": 3}, with("ratio", 3.0), nil},
		{"numeric NaN string", map[string]any{"user_id": "00u1", "ratio": "NaN"}, nil,
			[]string{`ratio: got "NaN", expected a number`}},
		{"numeric hex string", map[string]any{"user_id": "00u1", "ratio": "0x10"}, nil,
			[]string{`ratio: got "0x10", expected a number`}},

		// booleans
		{"boolean true", map[string]any{"user_id": "00u1", "flag": true}, with("flag", true), nil},
		{"boolean string", map[string]any{"user_id": "00u1", "flag": "true"}, with("flag", true), nil},
		{"boolean string any case", map[string]any{"user_id": "00u1", "flag": " FALSE "}, with("flag", false), nil},
		{"boolean yes", map[string]any{"user_id": "00u1", "flag": "yes"}, nil,
			[]string{`flag: got "yes", expected true or false`}},
		{"boolean one", map[string]any{"user_id": "00u1", "flag": 1}, nil,
			[]string{"flag: got 1, expected true or false"}},

		// value lists
		{"value list match", map[string]any{"user_id": "00u1", "kind": "Email"}, with("kind", "Email"), nil},
		{"value list is case-sensitive", map[string]any{"user_id": "00u1", "kind": "email"}, nil,
			[]string{`kind: got "email", expected one of "Email", "UI" (case-sensitive)`}},
		{"value list wrong type", map[string]any{"user_id": "00u1", "kind": 5}, nil,
			[]string{`kind: got 5, expected one of "Email", "UI" (case-sensitive)`}},

		// secrets
		{"password kept", map[string]any{"user_id": "00u1", "secret": "hunter2"}, with("secret", "hunter2"), nil},
		{"password never shown", map[string]any{"user_id": "00u1", "secret": 12345}, nil,
			[]string{"secret: got a value of 5 characters, expected a string"}},

		// unknown names and ordering
		{"unknown name", map[string]any{"user_id": "00u1", "bogus": "hunter2"}, nil,
			[]string{"bogus: unknown parameter (accepted: user_id, secret, limit, ratio, flag, kind)"}},
		{"problems in declaration order, unknown last", map[string]any{"zz": 1, "aa": 2, "kind": "x", "limit": 0}, nil,
			[]string{
				"user_id: missing (required)",
				"limit: got 0, expected a positive whole number",
				`kind: got "x", expected one of "Email", "UI" (case-sensitive)`,
				"aa: unknown parameter (accepted: user_id, secret, limit, ratio, flag, kind)",
				"zz: unknown parameter (accepted: user_id, secret, limit, ratio, flag, kind)",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := probe.Validate(tt.in)
			assertValidation(t, SubjectParameter, tt.want, tt.problems, got, err, "hunter2")
		})
	}
}

// whole, minimum and maximum, as declared.
func TestValidateDeclaredBounds(t *testing.T) {
	bounds, err := loadProbe(t).Lookup("", "bounds")
	require.NoError(t, err)
	tests := []struct {
		name     string
		in       map[string]any
		want     map[string]any
		problems []string
	}{
		{"whole at its minimum", map[string]any{"pages": 0}, map[string]any{"pages": 0}, nil},
		{"whole at its maximum, as text", map[string]any{"pages": "10"}, map[string]any{"pages": 10}, nil},
		{"whole above its maximum", map[string]any{"pages": 11}, nil,
			[]string{"pages: got 11, expected a whole number of at least 0 no larger than 10"}},
		{"whole below its minimum", map[string]any{"pages": -1}, nil,
			[]string{"pages: got -1, expected a whole number of at least 0"}},
		{"whole given a fraction", map[string]any{"pages": 2.5}, nil,
			[]string{"pages: got 2.5, expected a whole number of at least 0"}},
		{"whole without bounds takes negatives", map[string]any{"offset": -5}, map[string]any{"offset": -5}, nil},
		{"whole without bounds stays exact", map[string]any{"offset": 1e16}, nil,
			[]string{"offset: got 10000000000000000, expected a whole number no larger than 9007199254740991"}},
		{"whole without bounds, far below", map[string]any{"offset": -1e16}, nil,
			[]string{"offset: got -10000000000000000, expected a whole number"}},
		{"number within its bounds stays float64", map[string]any{"weight": "0.5", "ceiling": 100}, map[string]any{"weight": 0.5, "ceiling": 100.0}, nil},
		{"number below its minimum", map[string]any{"weight": 0.4}, nil,
			[]string{"weight: got 0.4, expected a number of at least 0.5"}},
		{"number above its maximum", map[string]any{"weight": 3}, nil,
			[]string{"weight: got 3, expected a number of at least 0.5 no larger than 2.5"}},
		{"maximum alone", map[string]any{"ceiling": 101}, nil,
			[]string{"ceiling: got 101, expected a number no larger than 100"}},
		{"maximum alone, no minimum", map[string]any{"ceiling": -1000}, map[string]any{"ceiling": -1000.0}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := bounds.Validate(tt.in)
			assertValidation(t, SubjectParameter, tt.want, tt.problems, got, err)
		})
	}
}

func TestValidateDoesNotModifyInput(t *testing.T) {
	probe, err := loadProbe(t).Lookup("probe", "")
	require.NoError(t, err)
	in := map[string]any{"user_id": "00u1", "limit": "7", "ratio": nil}
	got, err := probe.Validate(in)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"user_id": "00u1", "limit": "7", "ratio": nil}, in)
	assert.Equal(t, 7, got["limit"])
}

func TestValidateNoParameters(t *testing.T) {
	ping, err := loadProbe(t).Lookup("", "ping")
	require.NoError(t, err)
	got, err := ping.Validate(nil)
	require.NoError(t, err)
	assert.Empty(t, got)

	_, err = ping.Validate(map[string]any{"x": 1})
	assert.EqualError(t, err, `invalid parameters for "ping": x: unknown parameter (this action takes no parameters)`)
}

func TestValidationErrorMessage(t *testing.T) {
	act, err := loadApp(t).Lookup("list users", "")
	require.NoError(t, err)
	_, err = act.Validate(map[string]any{"limit": 0, "bogus": true})
	assert.EqualError(t, err, `invalid parameters for "list users": limit: got 0, expected a positive whole number; bogus: unknown parameter (accepted: query, filter, search, limit, sort_by, sort_order, after)`)

	_, err = loadApp(t).ValidateConfig(map[string]any{"api_key": "secret-token", "verify_server_cert": "no"})
	assert.EqualError(t, err, `invalid configuration: base_url: missing (required); verify_server_cert: got "no", expected true or false`)
}

func TestValidateRealLimits(t *testing.T) {
	app := loadApp(t)
	for _, name := range []string{"list users", "list user groups", "list providers"} {
		act, err := app.Lookup(name, "")
		require.NoError(t, err)
		for _, bad := range []any{0, -1, 2.5, "2.5", "abc"} {
			_, err := act.Validate(map[string]any{"limit": bad})
			assert.Error(t, err, "%s limit %v", name, bad)
		}
		got, err := act.Validate(map[string]any{"limit": "50"})
		require.NoError(t, err)
		assert.Equal(t, map[string]any{"limit": 50}, got)
	}
}

func TestValidateConfig(t *testing.T) {
	app := loadProbe(t)
	tests := []struct {
		name     string
		in       map[string]any
		want     map[string]any
		problems []string
	}{
		{"defaults", map[string]any{"base_url": "https://x.okta.com", "api_key": "s3cr3t-token"},
			map[string]any{"base_url": "https://x.okta.com", "api_key": "s3cr3t-token", "verify_server_cert": true, "poll_ms": 3000}, nil},
		{"coerced", map[string]any{"base_url": "https://x.okta.com", "api_key": "s3cr3t-token", "verify_server_cert": "False", "poll_ms": "500"},
			map[string]any{"base_url": "https://x.okta.com", "api_key": "s3cr3t-token", "verify_server_cert": false, "poll_ms": 500}, nil},
		{"secret missing", map[string]any{"base_url": "https://x.okta.com", "api_key": "  "}, nil,
			[]string{"api_key: got an empty value, but a value is required"}},
		{"secret of the wrong type", map[string]any{"base_url": "https://x.okta.com", "api_key": 1234567}, nil,
			[]string{"api_key: got a value of 7 characters, expected a string"}},
		{"unknown key value not shown", map[string]any{"base_url": "https://x.okta.com", "api_key": "s3cr3t-token", "apikey": "s3cr3t-token"}, nil,
			[]string{"apikey: unknown configuration key (accepted: base_url, api_key, verify_server_cert, poll_ms)"}},
		{"interval must be whole", map[string]any{"base_url": "https://x.okta.com", "api_key": "s3cr3t-token", "poll_ms": 0.5}, nil,
			[]string{"poll_ms: got 0.5, expected a positive whole number"}},
		{"interval above its maximum", map[string]any{"base_url": "https://x.okta.com", "api_key": "s3cr3t-token", "poll_ms": 60001}, nil,
			[]string{"poll_ms: got 60001, expected a positive whole number no larger than 60000"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := app.ValidateConfig(tt.in)
			assertValidation(t, SubjectConfiguration, tt.want, tt.problems, got, err, "s3cr3t", "1234567")
		})
	}
}

// assertValidation checks a Validate or ValidateConfig result: either the
// expected values, or exactly the expected problems with no secret quoted.
func assertValidation(t *testing.T, subject string, want map[string]any, problems []string, got map[string]any, err error, secrets ...string) {
	t.Helper()
	if problems == nil {
		require.NoError(t, err)
		assert.Equal(t, want, got)
		return
	}
	var verr *ValidationError
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, subject, verr.Subject)
	shown := make([]string, len(verr.Problems))
	for i, p := range verr.Problems {
		shown[i] = textcut.Shown(p)
	}
	assert.Equal(t, problems, shown, "the problems as they read once written out")
	assert.Nil(t, got)
	for _, s := range secrets {
		assert.NotContains(t, err.Error(), s)
	}
}
