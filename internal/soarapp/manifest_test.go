package soarapp

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var testPlatform = Platform{
	MainModule:        "okta_connector.py",
	PackageName:       "phantom_okta_connector",
	PythonVersion:     "3.13",
	MinPhantomVersion: "7.0.0",
	Logo:              "logo_okta.svg",
	LogoDark:          "logo_okta_dark.svg",
	License:           "Copyright (c) 2026 soar-okta",
	Updated:           time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
}

func decode(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var out map[string]any
	require.NoError(t, json.Unmarshal(data, &out))
	return out
}

// The platform's manifest keeps every action, parameter and output data
// path of app.json as app.json declares it.
func TestManifestKeepsEveryActionParameterAndOutput(t *testing.T) {
	appJSON, err := os.ReadFile("../../app.json")
	require.NoError(t, err)
	manifest, err := Manifest(appJSON, testPlatform)
	require.NoError(t, err)
	app, got := decode(t, appJSON), decode(t, manifest)

	for key, value := range app {
		if key != "actions" {
			assert.Equal(t, value, got[key], "top-level %q", key)
		}
	}
	wantActions, gotActions := app["actions"].([]any), got["actions"].([]any)
	require.Len(t, gotActions, len(wantActions))
	params, outputs := 0, 0
	for i, w := range wantActions {
		want, have := w.(map[string]any), gotActions[i].(map[string]any)
		id := want["identifier"]
		assert.Equal(t, id, have["identifier"], "action %d", i)
		assert.Equal(t, ActionVersions, have["versions"], "%s: versions", id)

		wantParams, haveParams := want["parameters"].(map[string]any), have["parameters"].(map[string]any)
		assert.Len(t, haveParams, len(wantParams), "%s: parameters", id)
		for name, p := range wantParams {
			assert.Equal(t, p, haveParams[name], "%s: parameter %s", id, name)
			params++
		}
		haveOutputs := have["output"].([]any)
		require.Len(t, haveOutputs, len(want["output"].([]any)), "%s: outputs", id)
		for j, o := range want["output"].([]any) {
			assert.Equal(t, o, haveOutputs[j], "%s: output %s", id, o.(map[string]any)["data_path"])
			outputs++
		}

		delete(have, "versions")
		assert.Equal(t, want, have, "%s: nothing else changes", id)
	}
	t.Logf("%d actions, %d parameters and %d output data paths kept", len(wantActions), params, outputs)
}

func TestManifestAddsWhatThePlatformNeeds(t *testing.T) {
	appJSON, err := os.ReadFile("../../app.json")
	require.NoError(t, err)
	manifest, err := Manifest(appJSON, testPlatform)
	require.NoError(t, err)
	got := decode(t, manifest)

	assert.Equal(t, "okta_connector.py", got["main_module"])
	assert.Equal(t, "phantom_okta_connector", got["package_name"])
	assert.Equal(t, "3.13", got["python_version"])
	assert.Equal(t, "7.0.0", got["min_phantom_version"])
	assert.Equal(t, ".*", got["product_version_regex"])
	assert.Equal(t, "logo_okta.svg", got["logo"])
	assert.Equal(t, "logo_okta_dark.svg", got["logo_dark"])
	assert.Equal(t, "Copyright (c) 2026 soar-okta", got["license"])
	assert.Equal(t, false, got["fips_compliant"])
	assert.Equal(t, "2026-01-02T03:04:05.000000Z", got["utctime_updated"])
	assert.Regexp(t, uuidPattern, got["appid"])
	for _, key := range []string{"name", "description", "publisher", "type", "product_vendor", "product_name", "app_version", "configuration", "actions"} {
		assert.Contains(t, got, key)
	}
	// Written as app.json is: the keys in order, then the platform's.
	text := string(manifest)
	assert.Less(t, strings.Index(text, `"appid"`), strings.Index(text, `"actions"`))
	assert.Less(t, strings.Index(text, `"actions"`), strings.Index(text, `"main_module"`))
}

func TestManifestAppID(t *testing.T) {
	build := func(id string) string {
		m, err := Manifest([]byte(`{"appid": "`+id+`", "actions": []}`), testPlatform)
		require.NoError(t, err)
		return decode(t, m)["appid"].(string)
	}
	assert.Equal(t, "45a7babc-6240-448a-9172-b160f4ff9f3f", build("45a7babc-6240-448a-9172-b160f4ff9f3f"))

	derived := build("okta-connector")
	assert.Regexp(t, regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`), derived)
	assert.Equal(t, derived, build("okta-connector"), "the same on every build")
	assert.NotEqual(t, derived, build("okta-connector-2"))
}

func TestManifestKeepsDeclaredVersions(t *testing.T) {
	m, err := Manifest([]byte(`{"appid": "45a7babc-6240-448a-9172-b160f4ff9f3f", "actions": [
		{"action": "a", "versions": "EQ(2.*)"}, {"action": "b"}]}`), testPlatform)
	require.NoError(t, err)
	actions := decode(t, m)["actions"].([]any)
	assert.Equal(t, "EQ(2.*)", actions[0].(map[string]any)["versions"])
	assert.Equal(t, ActionVersions, actions[1].(map[string]any)["versions"])
}

func TestManifestRefuses(t *testing.T) {
	for name, appJSON := range map[string]string{
		"a platform key set by hand":  `{"appid": "x", "main_module": "other.py", "actions": []}`,
		"a repeated key":              `{"appid": "x", "appid": "y", "actions": []}`,
		"not an object":               `[]`,
		"text after the object":       `{"actions": []} {}`,
		"an action that is no object": `{"actions": [1]}`,
		"a number as appid":           `{"appid": 7, "actions": []}`,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Manifest([]byte(appJSON), testPlatform)
			assert.Error(t, err)
		})
	}
}
