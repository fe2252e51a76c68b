package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/internal/datapath"
	"github.com/soar-okta/okta-connector/schema"
)

// emittedPaths lists the data paths of every scalar value in a result
// envelope, in app.json's notation (see internal/datapath).
func emittedPaths(env map[string]any) []string {
	var out []string
	for _, p := range datapath.Of(env) {
		if len(out) == 0 || out[len(out)-1] != p.DataPath {
			out = append(out, p.DataPath)
		}
	}
	return out
}

// assertPathsDeclared fails for every emitted data path the action's output
// does not declare.
func assertPathsDeclared(t *testing.T, act *schema.Action, env map[string]any) {
	t.Helper()
	declared := map[string]bool{}
	for _, o := range act.Output {
		declared[o.DataPath] = true
	}
	for _, p := range emittedPaths(env) {
		if strings.HasPrefix(p, "action_result.parameter.context.") {
			continue // the platform's own metadata, echoed as it was given
		}
		assert.True(t, declared[p], "action %q emits %s, which app.json does not declare", act.Name, p)
	}
}

func TestEmittedPaths(t *testing.T) {
	env := map[string]any{
		"summary": map[string]any{"total_objects": 1.0},
		"action_results": []any{map[string]any{
			"status": "success",
			"data":   []any{map[string]any{"profile": map[string]any{"login": "a"}, "tags": []any{"x"}, "gone": nil}},
		}},
	}
	assert.Equal(t, []string{
		"action_result.data.*.profile.login",
		"action_result.data.*.tags.*",
		"action_result.status",
		"summary.total_objects",
	}, emittedPaths(env))
}

// Every action has request fixtures and golden results.
func TestEveryActionHasFixtures(t *testing.T) {
	app := mustApp(t)
	count := map[string]int{}
	for _, file := range requestFiles(t) {
		raw, err := os.ReadFile(file)
		require.NoError(t, err)
		var req struct {
			Action     string      `json:"action"`
			Identifier string      `json:"identifier"`
			Fixture    fixtureMeta `json:"fixture"`
		}
		require.NoError(t, json.Unmarshal(raw, &req), file)
		act, err := app.Lookup(req.Action, req.Identifier)
		if err != nil && req.Fixture.ExpectExit == 2 {
			continue // a fixture of an unusable request
		}
		require.NoError(t, err, file)
		count[act.Identifier]++
	}
	for _, act := range app.Actions {
		assert.GreaterOrEqual(t, count[act.Identifier], 2, "action %q needs at least a happy-path and a failure fixture", act.Name)
	}
}

// The action reference, docs/actions.md, is generated from app.json.
func TestDocsActionReferenceIsCurrent(t *testing.T) {
	app := mustApp(t)
	const path = "docs/actions.md"
	ref, err := os.ReadFile(path)
	require.NoError(t, err)
	want, err := schema.ReplaceSection(string(ref), app.Markdown())
	require.NoError(t, err, path)
	assert.True(t, want == string(ref), fmt.Sprintf("%s is stale: run make docs", path))
}
