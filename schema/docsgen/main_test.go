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
	readme := filepath.Join(dir, "README.md")
	args := []string{"-app", "../../app.json", "-readme", readme}

	// Stale before the first run, then created with the reference.
	require.Error(t, run(append(args, "-check"), io.Discard))
	require.NoError(t, run(args, io.Discard))
	data, err := os.ReadFile(readme)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(data), schema.BeginMarker+"\n"))
	assert.Contains(t, string(data), "### action: 'list users'")
	require.NoError(t, run(append(args, "-check"), io.Discard))

	// Text outside the markers survives a rewrite.
	edited := "# Okta connector\n\n" + strings.Replace(string(data), "### action: 'get user'", "### action: 'stale'", 1) + "More.\n"
	require.NoError(t, os.WriteFile(readme, []byte(edited), 0o644))
	require.Error(t, run(append(args, "-check"), io.Discard))
	require.NoError(t, run(args, io.Discard))
	data, err = os.ReadFile(readme)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(data), "# Okta connector\n\n"+schema.BeginMarker))
	assert.True(t, strings.HasSuffix(string(data), schema.EndMarker+"\nMore.\n"))
	assert.NotContains(t, string(data), "'stale'")
}
