package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/schema"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "docs", "actions.md")
	args := []string{"-app", "../../app.json", "-out", out}

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
