package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/oktaapi/scopes"
	"github.com/soar-okta/okta-connector/schema"
)

// The scope table is rewritten between its markers from the one scope
// table, and the page's other text is kept.
func TestScopeSection(t *testing.T) {
	got, err := ScopeSection("a\n" + scopesBegin + "\nold\n" + scopesEnd + "\nb\n")
	require.NoError(t, err)
	assert.Equal(t, "a\n"+scopesBegin+"\n"+scopes.Table()+scopesEnd+"\nb\n", got)
	for _, bad := range []string{"no markers", scopesEnd + scopesBegin, scopesBegin + scopesBegin + scopesEnd} {
		_, err := ScopeSection(bad)
		assert.Error(t, err, bad)
	}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "docs", "actions.md")
	scopes := filepath.Join(dir, "configuration.md")
	require.NoError(t, os.WriteFile(scopes, []byte("# Configuration\n\n"+scopesBegin+"\nold table\n"+scopesEnd+"\n\nMore.\n"), 0o644))
	args := []string{"-app", "../../app.json", "-out", out, "-scopes", scopes}

	// Stale before the first run, then created with a preamble and the
	// reference (its folder too).
	require.Error(t, run(append(args, "-check"), io.Discard))
	require.NoError(t, run(args, io.Discard))
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(data), preamble+schema.BeginMarker+"\n"))
	assert.Contains(t, string(data), "### action: 'list users'")
	require.NoError(t, run(append(args, "-check"), io.Discard))

	// Text outside the markers survives a rewrite.
	edited := "# Okta actions\n\n" + strings.Replace(string(data), "### action: 'get user'", "### action: 'stale'", 1) + "More.\n"
	require.NoError(t, os.WriteFile(out, []byte(edited), 0o644))
	require.Error(t, run(append(args, "-check"), io.Discard))
	require.NoError(t, run(args, io.Discard))
	data, err = os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(data), "# Okta actions\n\n"+preamble+schema.BeginMarker))
	assert.True(t, strings.HasSuffix(string(data), schema.EndMarker+"\nMore.\n"))
	assert.NotContains(t, string(data), "'stale'")
}

// The repository's reference is the default output.
func TestDefaultOutIsTheRepositorysReference(t *testing.T) {
	_, err := os.Stat(filepath.Join("..", "..", DefaultOut))
	require.NoError(t, err)
}
