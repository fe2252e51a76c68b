package schema

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ParseFor finds every action exactly as Parse reads it, by name and by
// identifier, and validates parameters the same way.
func TestParseForAgreesWithParse(t *testing.T) {
	data, err := os.ReadFile("../app.json")
	require.NoError(t, err)
	full, err := Parse(data)
	require.NoError(t, err)
	for _, want := range full.Actions {
		lazy, err := ParseFor(data)
		require.NoError(t, err)
		require.NotNil(t, lazy.index, "the generated index applies to app.json")
		assert.Equal(t, full.Name, lazy.Name)
		assert.Equal(t, full.Configuration, lazy.Configuration)
		got, err := lazy.Lookup(want.Name, want.Identifier)
		require.NoError(t, err, want.Identifier)
		assert.Nil(t, lazy.pending, "%s was found without reading the other actions", want.Identifier)
		// Splunk SOAR sends the identifier in both members; either member
		// may hold either form.
		for _, by := range [][2]string{{want.Name, ""}, {"", want.Identifier}, {want.Identifier, want.Identifier}, {want.Identifier, ""}, {"", want.Name}, {want.Identifier, want.Name}} {
			one, err := ParseFor(data)
			require.NoError(t, err)
			got, err := one.Lookup(by[0], by[1])
			require.NoError(t, err)
			assert.Equal(t, want.Identifier, got.Identifier)
			assert.Nil(t, one.pending)
		}
		assert.Equal(t, want.Parameters, got.Parameters, want.Identifier)
		assert.Equal(t, want.Output, got.Output, want.Identifier)
		assert.Equal(t, [4]any{want.Type, want.ReadOnly, want.Description, want.Verbose}, [4]any{got.Type, got.ReadOnly, got.Description, got.Verbose})
		_, errFull := want.Validate(map[string]any{"limit": "x"})
		_, errLazy := got.Validate(map[string]any{"limit": "x"})
		assert.Equal(t, errFull, errLazy, want.Identifier)
	}
	lazy, err := ParseFor(data)
	require.NoError(t, err)
	_, err = lazy.Lookup("get user", "list_users")
	assert.ErrorContains(t, err, "different actions")
	_, err = lazy.Lookup("", "no_such_action")
	assert.ErrorContains(t, err, "unknown action identifier")
}

func TestParseForRefusesBrokenManifests(t *testing.T) {
	for _, bad := range []string{
		``, `[]`, `{"actions": [`, `{"actions": [{"action": "a"`, `{"name": "x", "actions": {}}`,
		`{"name": "x" "actions": []}`, `{"name": "x", "actions": [1,]}`, `{"configuration": {"k": {"nope": 1}}}`,
		`{"actions": ["unterminated]}`,
	} {
		app, err := ParseFor([]byte(bad))
		if err == nil {
			_, err = app.Lookup("", "a")
		}
		assert.Error(t, err, bad)
	}
	app, err := ParseFor([]byte(`{"name":"x","actions":[{"action":"a","identifier":"a","type":"generic","bogus":1}]}`))
	require.NoError(t, err)
	_, err = app.Lookup("a", "")
	assert.ErrorContains(t, err, "bogus", "a misspelt key of the action used is still refused")
}

// A manifest laid out differently still works: the actions are split.
func TestParseForWithoutTheUsualLayout(t *testing.T) {
	manifest := `{"actions":[{"action":"a b","identifier":"a_b","type":"generic","parameters":{}},` +
		`{"action":"c","identifier":"c","type":"generic"}],"name":"x","configuration":{}}`
	app, err := ParseFor([]byte(manifest))
	require.NoError(t, err)
	act, err := app.Lookup("c", "c")
	require.NoError(t, err)
	assert.Equal(t, "c", act.Identifier)
	assert.Equal(t, "x", app.Name)
	_, err = app.Lookup("", "zz")
	assert.ErrorContains(t, err, "unknown action identifier")
}
