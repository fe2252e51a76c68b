package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testManifest = `{
  "name": "Test",
  "configuration": {},
  "actions": [
    {
      "action": "look up", "identifier": "lookup", "type": "investigate",
      "parameters": {
        "user": {"data_type": "string", "contains": ["okta user id"], "order": 0},
        "group": {"data_type": "string", "contains": ["okta group id"], "order": 1},
        "secret": {"data_type": "password", "order": 2},
        "token": {"data_type": "password", "order": 3}
      },
      "output": [
        {"data_path": "action_result.status", "data_type": "string"},
        {"data_path": "action_result.parameter.user", "data_type": "string", "contains": ["okta user id"]},
        {"data_path": "action_result.parameter.secret", "data_type": "password"},
        {"data_path": "action_result.data.*.id", "data_type": "string"},
        {"data_path": "action_result.data.*.never", "data_type": "string", "contains": ["url"]},
        {"data_path": "summary.total_objects", "data_type": "numeric"}
      ]
    },
    {
      "action": "other", "identifier": "other", "type": "generic",
      "output": [{"data_path": "action_result.data.*.email", "data_type": "string", "contains": ["email"]}]
    }
  ]
}`

// goldens writes a manifest and golden envelopes into a directory and
// returns the arguments that point the command at them.
func goldens(t *testing.T, files map[string]string) []string {
	t.Helper()
	dir := t.TempDir()
	app := filepath.Join(dir, "app.json")
	require.NoError(t, os.WriteFile(app, []byte(testManifest), 0o644))
	golden := filepath.Join(dir, "golden")
	require.NoError(t, os.Mkdir(golden, 0o755))
	for name, body := range files {
		require.NoError(t, os.WriteFile(filepath.Join(golden, name), []byte(body), 0o644))
	}
	return []string{"-app", app, "-golden", golden}
}

var testGoldens = map[string]string{
	"lookup__full.json": `{"status": "success", "summary": {"total_objects": 1}, "action_results": [{
		"status": "success",
		"parameter": {"user": "00u1", "group": "00g1", "secret": "********", "token": "********", "context": {"guid": "x"}},
		"data": [{"id": "00u1", "email": "a@example.com", "count": 3, "flag": true, "mixed": "1", "gone": null}, {"mixed": 2}]}]}`,
	"lookup__small.json": `{"action_results": [{"status": "failed", "data": []}], "summary": {"total_objects": 1}}`,
	// another action whose identifier starts the same way
	"lookup_more__x.json": `{"action_results": [{"data": [{"elsewhere": 1}]}]}`,
}

func decodeReports(t *testing.T, out []byte) []report {
	t.Helper()
	var reports []report
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var r report
		require.NoError(t, dec.Decode(&r))
		reports = append(reports, r)
	}
	return reports
}

func TestRun(t *testing.T) {
	lookup := report{
		Action:  "lookup",
		Goldens: 2,
		Missing: []entry{
			{"action_result.data.*.count", "numeric", nil},
			{"action_result.data.*.email", "string", []string{"email"}},
			{"action_result.data.*.flag", "boolean", nil},
			{"action_result.data.*.mixed", "numeric", nil},
			{"action_result.data.*.mixed", "string", nil},
			{"action_result.parameter.group", "string", []string{"okta group id"}},
			{"action_result.parameter.token", "password", nil},
		},
		Unseen: []entry{{"action_result.data.*.never", "string", []string{"url"}}},
	}
	other := report{Action: "other", Goldens: 0, Missing: []entry{},
		Unseen: []entry{{"action_result.data.*.email", "string", []string{"email"}}}}

	tests := []struct {
		name  string
		extra []string
		want  []report
		err   string
	}{
		{"one action by identifier", []string{"-action", "lookup"}, []report{lookup}, ""},
		{"one action by name", []string{"-action", "look up"}, []report{lookup}, ""},
		{"every action, in app.json's order", nil, []report{lookup, other}, ""},
		{"an unknown action", []string{"-action", "nope"}, nil, `unknown action identifier "nope"`},
		{"a stray argument", []string{"lookup"}, nil, `unexpected argument "lookup"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := run(append(goldens(t, testGoldens), tt.extra...), &out)
			if tt.err != "" {
				assert.ErrorContains(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, decodeReports(t, out.Bytes()))
		})
	}
}

// What missing lists can be pasted into app.json as it is.
func TestMissingEntriesAreOutputs(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(append(goldens(t, testGoldens), "-action", "lookup"), &out))
	var r struct{ Missing []json.RawMessage }
	require.NoError(t, json.Unmarshal(out.Bytes(), &r))
	require.NotEmpty(t, r.Missing)
	assert.JSONEq(t, `{"data_path": "action_result.parameter.group", "data_type": "string", "contains": ["okta group id"]}`, string(r.Missing[5]))
	assert.JSONEq(t, `{"data_path": "action_result.data.*.count", "data_type": "numeric"}`, string(r.Missing[0]))
}

func TestRunRefusesBrokenInput(t *testing.T) {
	args := goldens(t, map[string]string{"lookup__bad.json": `{"action_results": [`})
	assert.ErrorContains(t, run(args, io.Discard), "lookup__bad.json")
	assert.Error(t, run([]string{"-app", filepath.Join(t.TempDir(), "missing.json")}, io.Discard))
}

// The repository's goldens show no data path app.json lacks: the golden
// test asserts as much by path, this by path and type.
func TestRepositoryOutputsCoverTheGoldens(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run([]string{"-app", "../../app.json", "-golden", "../../fixtures/golden"}, &out))
	reports := decodeReports(t, out.Bytes())
	require.NotEmpty(t, reports)
	for _, r := range reports {
		assert.Positive(t, r.Goldens, r.Action)
		assert.Empty(t, r.Missing, "%s: run make outputs ACTION=%s and add the entries to app.json", r.Action, r.Action)
	}
}
