package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPrintVersion(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run([]string{"-app", "../../app.json", "-print-version"}, &out))
	assert.Equal(t, "1.0.0\n", out.String())
}

// linuxBinary builds a small program for linux/amd64, standing in for the
// connector.
func linuxBinary(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/stand\n\ngo 1.21\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n\nfunc main() {}\n"), 0o644))
	cmd := exec.Command("go", "build", "-trimpath", "-o", "stand", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH=amd64", "GOFLAGS=")
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", msg)
	return filepath.Join(dir, "stand")
}

func TestArchive(t *testing.T) {
	binary := linuxBinary(t)
	out := filepath.Join(t.TempDir(), "okta.tgz")
	var stdout bytes.Buffer
	require.NoError(t, run([]string{"-app", "../../app.json", "-soar", "../../soar", "-binary", binary,
		"-out", out, "-updated", "2026-01-02T03:04:05Z"}, &stdout))
	assert.Contains(t, stdout.String(), "wrote "+out)

	data, err := os.ReadFile(out)
	require.NoError(t, err)
	zr, err := gzip.NewReader(bytes.NewReader(data))
	require.NoError(t, err)
	tr := tar.NewReader(zr)
	modes := map[string]int64{}
	contents := map[string][]byte{}
	var names []string
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		names = append(names, hdr.Name)
		modes[hdr.Name] = hdr.Mode
		contents[hdr.Name], err = io.ReadAll(tr)
		require.NoError(t, err)
	}
	assert.Equal(t, []string{"okta/", "okta/okta.json", "okta/okta-connector", "okta/okta_connector.py",
		"okta/logo_okta.svg", "okta/logo_okta_dark.svg"}, names)
	assert.Equal(t, int64(0o755), modes["okta/okta-connector"])
	assert.Equal(t, int64(0o644), modes["okta/okta_connector.py"])

	var manifest map[string]any
	require.NoError(t, json.Unmarshal(contents["okta/okta.json"], &manifest))
	raw, err := os.ReadFile("../../app.json")
	require.NoError(t, err)
	var app struct {
		Actions []json.RawMessage `json:"actions"`
	}
	require.NoError(t, json.Unmarshal(raw, &app))
	assert.Len(t, manifest["actions"], len(app.Actions), "every action of app.json")
	assert.Equal(t, "2026-01-02T03:04:05.000000Z", manifest["utctime_updated"])
	assert.Equal(t, "Copyright (c) 2026 soar-okta", manifest["license"])
	for _, key := range []string{"main_module", "logo", "logo_dark"} {
		assert.Contains(t, contents, "okta/"+manifest[key].(string), "the manifest's %s is in the archive", key)
	}
	assert.True(t, strings.HasPrefix(string(contents["okta/logo_okta.svg"]), "<svg"))
}

func TestArchiveRefusesABinaryThatIsNotLinuxAMD64(t *testing.T) {
	script := filepath.Join(t.TempDir(), "okta-connector")
	require.NoError(t, os.WriteFile(script, []byte("#!/bin/sh\n"), 0o755))
	err := run([]string{"-app", "../../app.json", "-soar", "../../soar", "-binary", script,
		"-out", filepath.Join(t.TempDir(), "x.tgz")}, io.Discard)
	assert.ErrorContains(t, err, "not an ELF executable")
}
