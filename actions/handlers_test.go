package actions

import (
	"os"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/schema"
)

// The registration table and app.json name the same actions: no action
// without a handler, no handler without an action.
func TestHandlersMatchTheManifest(t *testing.T) {
	manifest, err := os.ReadFile("../app.json")
	require.NoError(t, err)
	app, err := schema.Parse(manifest)
	require.NoError(t, err)
	var declared []string
	for _, a := range app.Actions {
		declared = append(declared, a.Identifier)
	}
	var handled []string
	for id, h := range Handlers() {
		assert.NotNil(t, h, id)
		handled = append(handled, id)
	}
	slices.Sort(declared)
	slices.Sort(handled)
	assert.Equal(t, declared, handled)
}

// Each call returns a table of its own, which a caller may change.
func TestHandlersIsANewMapEachCall(t *testing.T) {
	a := Handlers()
	delete(a, "get_user")
	assert.Contains(t, Handlers(), "get_user")
}
