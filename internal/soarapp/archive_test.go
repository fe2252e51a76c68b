package soarapp

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type entry struct {
	name string
	mode int64
	data string
}

func readArchive(t *testing.T, data []byte) []entry {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	require.NoError(t, err)
	tr := tar.NewReader(zr)
	var out []entry
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return out
		}
		require.NoError(t, err)
		body, err := io.ReadAll(tr)
		require.NoError(t, err)
		assert.Equal(t, 0, hdr.Uid)
		out = append(out, entry{hdr.Name, hdr.Mode, string(body)})
	}
}

func TestWriteArchive(t *testing.T) {
	files := []File{
		{Name: "okta.json", Mode: 0o644, Data: []byte("{}")},
		{Name: "okta-connector", Mode: 0o755, Data: []byte("binary")},
	}
	when := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	var a, b bytes.Buffer
	require.NoError(t, WriteArchive(&a, "okta", files, when))
	require.NoError(t, WriteArchive(&b, "okta", files, when))
	assert.Equal(t, a.Bytes(), b.Bytes(), "the same inputs give the same archive")

	assert.Equal(t, []entry{
		{"okta/", 0o755, ""},
		{"okta/okta.json", 0o644, "{}"},
		{"okta/okta-connector", 0o755, "binary"},
	}, readArchive(t, a.Bytes()))
}

func TestWriteArchiveRefusesNames(t *testing.T) {
	for _, name := range []string{"../okta.json", "/etc/passwd", "a/../../b", "./x", ""} {
		err := WriteArchive(io.Discard, "okta", []File{{Name: name, Mode: 0o644}}, time.Now())
		assert.Error(t, err, "%q", name)
	}
	err := WriteArchive(io.Discard, "okta", []File{{Name: "a", Mode: 0o644}, {Name: "a", Mode: 0o644}}, time.Now())
	assert.Error(t, err, "a repeated name")
	assert.Error(t, WriteArchive(io.Discard, "a/b", nil, time.Now()), "a nested top folder")
}

func TestCheckLinuxAMD64(t *testing.T) {
	self, err := os.Executable()
	require.NoError(t, err)
	exe, err := os.ReadFile(self)
	require.NoError(t, err)
	if runtime.GOOS == "linux" && runtime.GOARCH == "amd64" {
		assert.NoError(t, CheckLinuxAMD64(exe))
	} else {
		assert.Error(t, CheckLinuxAMD64(exe))
	}
	assert.Error(t, CheckLinuxAMD64([]byte("#!/bin/sh\necho hello\n")))
}
