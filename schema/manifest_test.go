package schema

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seedContract is the machine-readable form of the Splunk SOAR Okta app that
// app.json must stay compatible with.
type seedContract struct {
	Actions []struct {
		Action     string `json:"action"`
		Identifier string `json:"identifier"`
		Type       string `json:"type"`
		ReadOnly   bool   `json:"read_only"`
		Parameters []struct {
			Name     string   `json:"name"`
			Required bool     `json:"required"`
			DataType string   `json:"data_type"`
			Contains []string `json:"contains"`
		} `json:"parameters"`
		Output []Output `json:"output"`
	} `json:"actions"`
}

func loadSeed(t *testing.T) seedContract {
	t.Helper()
	data, err := os.ReadFile("testdata/seed000-splunk-okta.json")
	require.NoError(t, err)
	var seed seedContract
	require.NoError(t, json.Unmarshal(data, &seed))
	require.Len(t, seed.Actions, 19)
	return seed
}

// nonNil makes nil and empty lists compare equal.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func TestManifestKeepsSeedContract(t *testing.T) {
	app := loadApp(t)
	seed := loadSeed(t)
	require.GreaterOrEqual(t, len(app.Actions), len(seed.Actions))
	for i, want := range seed.Actions {
		t.Run(want.Identifier, func(t *testing.T) {
			got := app.Actions[i]
			assert.Equal(t, want.Action, got.Name)
			assert.Equal(t, want.Identifier, got.Identifier)
			assert.Equal(t, want.Type, got.Type)
			assert.Equal(t, want.ReadOnly, got.ReadOnly)

			var names []string
			for order, wp := range want.Parameters {
				names = append(names, wp.Name)
				gp := got.Parameters[wp.Name]
				require.NotNil(t, gp, "parameter %s", wp.Name)
				assert.Equal(t, wp.Required, gp.Required, "%s required", wp.Name)
				assert.Equal(t, nonNil(wp.Contains), nonNil(gp.Contains), "%s contains", wp.Name)
				assert.Equal(t, order, gp.Order, "%s order", wp.Name)
				if gp.DataType != TypePassword {
					assert.Equal(t, wp.DataType, gp.DataType, "%s data_type", wp.Name)
				}
			}
			assert.Equal(t, nonNil(names), got.ParamNames()[:len(names)])

			// The seed's outputs appear in the same order, exactly as declared.
			next := 0
			for _, o := range got.Output {
				if next < len(want.Output) && o.DataPath == want.Output[next].DataPath {
					w := want.Output[next]
					assert.Equal(t, w.DataType, o.DataType, "%s data_type", o.DataPath)
					assert.Equal(t, nonNil(w.Contains), nonNil(o.Contains), "%s contains", o.DataPath)
					next++
				}
			}
			if next < len(want.Output) {
				t.Errorf("output %q (and any after it) missing or out of order", want.Output[next].DataPath)
			}
		})
	}
}

func TestManifestCommonOutputs(t *testing.T) {
	for _, act := range loadApp(t).Actions {
		paths := map[string]string{}
		for _, o := range act.Output {
			paths[o.DataPath] = o.DataType
		}
		want := map[string]string{
			"action_result.status":             TypeString,
			"action_result.message":            TypeString,
			"summary.total_objects":            TypeNumeric,
			"summary.total_objects_successful": TypeNumeric,
		}
		for _, name := range act.ParamNames() {
			want["action_result.parameter."+name] = ""
		}
		for path, dt := range want {
			got, ok := paths[path]
			if assert.True(t, ok, "%s: no output %s", act.Name, path) && dt != "" {
				assert.Equal(t, dt, got, "%s: %s", act.Name, path)
			}
		}
	}
}

func TestManifestDetails(t *testing.T) {
	app := loadApp(t)
	assert.Equal(t, "Okta", app.Name)
	assert.Equal(t, "identity management", app.Type)
	assert.Equal(t, "1.0.0", app.AppVersion)
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`, app.AppID)

	cfg := map[string]struct {
		dataType string
		required bool
		def      any
	}{
		"base_url":              {TypeString, true, nil},
		"api_key":               {TypePassword, false, nil},
		"verify_server_cert":    {TypeBoolean, false, true},
		"push_poll_interval_ms": {TypeNumeric, false, 3000.0},
		"poll_event_types":      {TypeString, false, app.Configuration["poll_event_types"].Default},
		"client_id":             {TypeString, false, nil},
		"private_key":           {TypePassword, false, nil},
		"private_key_id":        {TypeString, false, nil},
		"scopes":                {TypeString, false, nil},
		"proxy_url":             {TypeString, false, nil},
		"ca_cert":               {TypeString, false, nil},
		"max_targets":           {TypeNumeric, false, 1000.0},
		"max_concurrency":       {TypeNumeric, false, 8.0},
		"split_comma_lists":     {TypeBoolean, false, false},
	}
	assert.Len(t, app.Configuration, len(cfg))
	for name, want := range cfg {
		p := app.Configuration[name]
		require.NotNil(t, p, name)
		assert.Equal(t, want.dataType, p.DataType, name)
		assert.Equal(t, want.required, p.Required, name)
		assert.Equal(t, want.def, p.Default, name)
		assert.NotEmpty(t, p.Description, name)
	}

	valueLists := map[[2]string][]string{
		{"reset password", "receive_type"}:       {"Email", "UI"},
		{"send push notification", "factortype"}: {"push", "sms", "token:software:totp"},
		{"contain user", "mode"}:                 {"suspend", "deactivate"},
		{"assign role", "type"}: {"SUPER_ADMIN", "ORG_ADMIN", "APP_ADMIN", "USER_ADMIN", "HELP_DESK_ADMIN",
			"READ_ONLY_ADMIN", "MOBILE_ADMIN", "API_ACCESS_MANAGEMENT_ADMIN", "REPORT_ADMIN", "GROUP_MEMBERSHIP_ADMIN"},
		{"list providers", "type"}:       {"SAML2", "FACEBOOK", "GOOGLE", "LINKEDIN", "MICROSOFT", "OIDC", "OKTA", "IWA", "AgentlessDSSO", "X509"},
		{"create zone", "usage"}:         {"POLICY", "BLOCKLIST"},
		{"update zone", "update_type"}:   {"APPEND", "OVERRIDE"},
		{"custom api request", "method"}: {"GET", "POST", "PUT", "PATCH", "DELETE"},
		{"set user risk", "risk_level"}:  {"HIGH", "MEDIUM", "LOW"},
	}
	for _, logAction := range []string{"get logs", "get failed logins", "get group assignments", "get application assignments", "get application authentication"} {
		valueLists[[2]string{logAction, "sort_order"}] = []string{"ASCENDING", "DESCENDING"}
	}
	for k, v := range map[[2]string][]string{
		{"set threatinsight", "action"}:  {"none", "audit", "block"},
		{"list users", "sort_order"}:     {"asc", "desc"},
		{"create user", "provider_type"}: {"OKTA", "ACTIVE_DIRECTORY", "LDAP", "FEDERATION", "SOCIAL", "IMPORT"},
		{"create user", "next_login"}:    {"changePassword"},
	} {
		valueLists[k] = v
	}
	for _, act := range app.Actions {
		assert.NotEmpty(t, act.Description, act.Name)
		assert.NotEmpty(t, act.Verbose, act.Name)
		for name, p := range act.Parameters {
			assert.NotEmpty(t, p.Description, "%s %s", act.Name, name)
			assert.Equal(t, valueLists[[2]string{act.Name, name}], p.ValueList, "%s %s", act.Name, name)
			chainable := false
			for _, c := range p.Contains {
				chainable = chainable || strings.HasPrefix(c, "okta ")
			}
			assert.Equal(t, chainable, p.Primary, "%s %s primary", act.Name, name)
		}
	}
	setPassword, err := app.Lookup("set password", "")
	require.NoError(t, err)
	assert.Equal(t, TypePassword, setPassword.Parameters["new_password"].DataType)
}

func TestParseRejectsMalformedManifests(t *testing.T) {
	action := func(params string) string {
		return `{"name": "X", "actions": [{"action": "a", "identifier": "a", "type": "generic", "parameters": {` + params + `}}]}`
	}
	tests := []struct {
		name, manifest, want string
	}{
		{"not JSON", `{`, "manifest:"},
		{"no actions", `{"name": "X", "actions": []}`, "declares no actions"},
		{"duplicate identifier", `{"name": "X", "actions": [
			{"action": "a", "identifier": "same", "type": "generic"},
			{"action": "b", "identifier": "same", "type": "generic"}]}`, `identifier "same" is already used by action "a"`},
		{"duplicate name", `{"name": "X", "actions": [
			{"action": "a", "identifier": "a", "type": "generic"},
			{"action": "a", "identifier": "b", "type": "generic"}]}`, `action "a": declared twice`},
		{"bad identifier", `{"name": "X", "actions": [{"action": "a", "identifier": "Get User", "type": "generic"}]}`, "identifier"},
		{"unknown action type", `{"name": "X", "actions": [{"action": "a", "identifier": "a", "type": "fix"}]}`, `unknown type "fix"`},
		{"unknown action key", `{"name": "X", "actions": [{"action": "a", "identifier": "a", "type": "generic", "readonly": true}]}`, `unknown field "readonly"`},
		{"unknown parameter key", action(`"p": {"data_type": "string", "requried": true}`), `unknown field "requried"`},
		{"unknown data type", action(`"p": {"data_type": "int"}`), `parameter "p": unknown data_type "int"`},
		{"shared order", action(`"p": {"data_type": "string"}, "q": {"data_type": "string"}`), `share order 0`},
		{"default outside value list", action(`"p": {"data_type": "string", "value_list": ["A"], "default": "B"}`), `default "B" is not in value_list`},
		{"value list on a number", action(`"p": {"data_type": "numeric", "value_list": ["1"]}`), "value_list needs data_type string"},
		{"repeated value", action(`"p": {"data_type": "string", "value_list": ["A", "A"]}`), "repeats a value"},
		{"default of the wrong type", action(`"p": {"data_type": "boolean", "default": "yes"}`), "is not a boolean"},
		{"default below the minimum", action(`"limit": {"data_type": "numeric", "whole": true, "minimum": 1, "default": 0}`), "default 0 is not a positive whole number"},
		{"default not whole", action(`"n": {"data_type": "numeric", "whole": true, "default": 2.5}`), "default 2.5 is not a whole number"},
		{"default above the maximum", action(`"n": {"data_type": "numeric", "minimum": 0.5, "maximum": 2, "default": 3}`), "default 3 is not a number of at least 0.5 no larger than 2"},
		{"whole on a string", action(`"n": {"data_type": "string", "whole": true}`), "whole, minimum and maximum need data_type numeric, not string"},
		{"minimum on a boolean", action(`"n": {"data_type": "boolean", "minimum": 1}`), "need data_type numeric, not boolean"},
		{"fractional bound of a whole number", action(`"n": {"data_type": "numeric", "whole": true, "maximum": 9.5}`), "maximum 9.5 is not a whole number"},
		{"bound beyond exact whole numbers", action(`"n": {"data_type": "numeric", "whole": true, "minimum": -1e16}`), "minimum -1e+16 is beyond the whole numbers a JSON number holds exactly"},
		{"minimum above maximum", action(`"n": {"data_type": "numeric", "minimum": 5, "maximum": 4}`), "minimum 5 is larger than maximum 4"},
		{"misspelt constraint", action(`"n": {"data_type": "numeric", "minimun": 1}`), `unknown field "minimun"`},
		{"password default", action(`"p": {"data_type": "password", "default": "x"}`), "cannot have a default"},
		{"unknown output type", `{"name": "X", "actions": [{"action": "a", "identifier": "a", "type": "generic",
			"output": [{"data_path": "action_result.x", "data_type": "list"}]}]}`, `unknown data_type "list"`},
		{"bad configuration", `{"name": "X", "configuration": {"k": {"data_type": "secret"}},
			"actions": [{"action": "a", "identifier": "a", "type": "generic"}]}`, `configuration: configuration "k": unknown data_type "secret"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app, err := Parse([]byte(tt.manifest))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Nil(t, app)
		})
	}
}

func TestJSONSchemaIsDerived(t *testing.T) {
	act, err := loadApp(t).Lookup("", "list_users")
	require.NoError(t, err)
	doc := act.JSONSchema()
	assert.Equal(t, "object", doc["type"])
	assert.Equal(t, false, doc["additionalProperties"])
	limit := doc["properties"].(map[string]any)["limit"].(map[string]any)
	assert.Equal(t, "integer", limit["type"])
	assert.Equal(t, 1, limit["minimum"])
	assert.Equal(t, maxWhole, limit["maximum"], "a whole number without a declared maximum stays exact")
	assert.Equal(t, "a positive whole number", limit[annotationExpects])
}

// Every property of every derived schema says what it accepts, for
// messages, and gojsonschema compiles the schemas with that annotation.
func TestDerivedSchemasCarryTheirMessages(t *testing.T) {
	app := loadApp(t)
	sets := []*fieldSet{app.config}
	for _, act := range app.Actions {
		sets = append(sets, act.params)
	}
	for _, fs := range sets {
		_, err := fs.compiled()
		require.NoError(t, err, fs.action)
		for _, p := range fs.ordered {
			prop := fs.property(p.Name)
			require.NotNil(t, prop, "%s %s", fs.action, p.Name)
			assert.NotEmpty(t, prop[annotationExpects], "%s %s", fs.action, p.Name)
			assert.Equal(t, p.DataType == TypePassword, prop["writeOnly"] == true, "%s %s", fs.action, p.Name)
		}
		assert.Nil(t, fs.property("undeclared"))
	}
}

// Which values must be whole, and their bounds, come from app.json alone:
// every numeric declaration says whether it is whole.
func TestNumericConstraintsAreDeclared(t *testing.T) {
	app := loadApp(t)
	type bounds struct {
		whole    bool
		min, max any
	}
	want := map[string]bounds{
		"configuration push_poll_interval_ms": {true, 1.0, 60000.0},
		"configuration max_targets":           {true, 1.0, 100000.0},
		"configuration max_concurrency":       {true, 1.0, 64.0},
		"on poll container_count":             {true, 1.0, nil},
		"on poll artifact_count":              {true, 1.0, nil},
	}
	got := map[string]bounds{}
	add := func(where string, params map[string]*Param) {
		for name, p := range params {
			if p.DataType != TypeNumeric {
				assert.False(t, p.Whole || p.Minimum != nil || p.Maximum != nil, "%s %s", where, name)
				continue
			}
			b := bounds{whole: p.Whole}
			if p.Minimum != nil {
				b.min = *p.Minimum
			}
			if p.Maximum != nil {
				b.max = *p.Maximum
			}
			got[where+" "+name] = b
			if name == "limit" {
				want[where+" "+name] = bounds{true, 1.0, nil}
			}
		}
	}
	add("configuration", app.Configuration)
	for _, act := range app.Actions {
		add(act.Name, act.Parameters)
	}
	assert.Equal(t, want, got)
}

// The derived documents are handed to gojsonschema as the value its own
// loader would read back from their JSON text, for the configuration and
// every action of app.json.
func TestDerivedSchemasAreHandedAsDecoded(t *testing.T) {
	app := loadApp(t)
	sets := []*fieldSet{app.config}
	for _, a := range app.Actions {
		sets = append(sets, a.params)
	}
	for _, fs := range sets {
		text, err := json.Marshal(fs.doc)
		require.NoError(t, err)
		dec := json.NewDecoder(bytes.NewReader(text))
		dec.UseNumber()
		var want any
		require.NoError(t, dec.Decode(&want))
		assert.Equal(t, want, asDecoded(fs.doc), "%s %s", fs.subject, fs.action)
	}
	assert.Equal(t, map[string]any{"n": json.Number("1e+21"), "f": json.Number("0.5"), "l": []any{"a"}, "w": json.Number("3")},
		asDecoded(map[string]any{"n": 1e21, "f": 0.5, "l": []string{"a"}, "w": 3}))
}
