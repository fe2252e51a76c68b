package soarapp

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"debug/elf"
	"fmt"
	"io"
	"path"
	"strings"
	"time"
)

// File is one file of the app archive.
type File struct {
	Name string // path inside the app's folder, e.g. okta.json
	Mode int64  // 0o644, or 0o755 for the binary
	Data []byte
}

// WriteArchive writes the app archive the platform installs: a gzipped tar
// whose only top-level entry is the folder named top, holding files. Owners
// are root and every time is modTime, so the same inputs give the same
// bytes.
func WriteArchive(w io.Writer, top string, files []File, modTime time.Time) error {
	if top == "" || strings.Contains(top, "/") {
		return fmt.Errorf("invalid top folder %q", top)
	}
	modTime = modTime.UTC().Truncate(time.Second)
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	zw.ModTime = modTime
	tw := tar.NewWriter(zw)
	dir := &tar.Header{Typeflag: tar.TypeDir, Name: top + "/", Mode: 0o755, ModTime: modTime, Format: tar.FormatPAX}
	if err := tw.WriteHeader(dir); err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, f := range files {
		clean := path.Clean(f.Name)
		if clean != f.Name || path.IsAbs(clean) || strings.HasPrefix(clean, "../") || clean == ".." || seen[clean] {
			return fmt.Errorf("invalid or repeated file name %q in the archive", f.Name)
		}
		seen[clean] = true
		hdr := &tar.Header{Typeflag: tar.TypeReg, Name: top + "/" + clean, Mode: f.Mode, Size: int64(len(f.Data)), ModTime: modTime, Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if _, err := tw.Write(f.Data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return zw.Close()
}

// CheckLinuxAMD64 reports whether data is a Linux executable for x86-64,
// the platform's architecture.
func CheckLinuxAMD64(data []byte) error {
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("not an ELF executable: %w", err)
	}
	defer f.Close()
	if f.Machine != elf.EM_X86_64 || f.Class != elf.ELFCLASS64 || f.Type != elf.ET_EXEC && f.Type != elf.ET_DYN {
		return fmt.Errorf("built for %v %v (%v), not a linux/amd64 executable; build it with GOOS=linux GOARCH=amd64", f.Class, f.Machine, f.Type)
	}
	if f.OSABI != elf.ELFOSABI_NONE && f.OSABI != elf.ELFOSABI_LINUX {
		return fmt.Errorf("built for OS ABI %v, not Linux; build it with GOOS=linux GOARCH=amd64", f.OSABI)
	}
	return nil
}
