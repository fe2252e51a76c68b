package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "manifest_index_gen.go")
	args := []string{"-app", "../../app.json", "-out", out}

	var stdout bytes.Buffer
	require.NoError(t, run(args, &stdout))
	assert.Equal(t, "wrote "+out+"\n", stdout.String())
	written, err := os.ReadFile(out)
	require.NoError(t, err)
	committed, err := os.ReadFile("../manifest_index_gen.go")
	require.NoError(t, err)
	assert.Equal(t, string(committed), string(written), "the committed index is stale: run go generate ./schema")

	stdout.Reset()
	require.NoError(t, run(args, &stdout))
	assert.Equal(t, out+" is up to date\n", stdout.String())

	bad := filepath.Join(t.TempDir(), "app.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"name": "x", "actions": []}`), 0o644))
	assert.ErrorContains(t, run([]string{"-app", bad, "-out", out}, &stdout), "declares no actions")
	assert.Error(t, run([]string{"-app", filepath.Join(t.TempDir(), "missing.json")}, &stdout))
}
