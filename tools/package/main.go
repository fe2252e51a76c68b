// Command package builds the Splunk SOAR app archive that an admin installs
// with Apps -> Install App: the manifest generated from app.json, the
// connector binary built for linux/amd64, the Python main module and the
// logos, in one top-level folder. Run it from the repository root, as
// `make package` does:
//
//	go run ./tools/package -print-version
//	go run ./tools/package -binary dist/linux-amd64/okta-connector -out dist/okta-1.0.0.tgz
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/soar-okta/okta-connector/internal/soarapp"
	"github.com/soar-okta/okta-connector/schema"
)

// What the platform loads, and where each piece comes from in the
// repository.
const (
	topFolder    = "okta"
	manifestName = topFolder + ".json"
	binaryName   = "okta-connector"
	moduleName   = "okta_connector.py"
	logoName     = "logo_okta.svg"
	logoDarkName = "logo_okta_dark.svg"
)

// platform is what Splunk SOAR needs besides app.json. The connector's
// Go build is not FIPS validated, so the app does not claim it.
func platform(app *schema.App, updated time.Time) soarapp.Platform {
	return soarapp.Platform{
		MainModule:        moduleName,
		PackageName:       "phantom_okta_connector",
		PythonVersion:     "3.13",
		MinPhantomVersion: "7.0.0",
		Logo:              logoName,
		LogoDark:          logoDarkName,
		License:           fmt.Sprintf("Copyright (c) %d %s", updated.UTC().Year(), app.Publisher),
		FIPSCompliant:     false,
		Updated:           updated,
	}
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "package:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	flags := flag.NewFlagSet("package", flag.ContinueOnError)
	appPath := flags.String("app", "app.json", "the app manifest")
	binary := flags.String("binary", "", "the connector built for linux/amd64")
	soarDir := flags.String("soar", "soar", "the folder of the Python main module and the logos")
	out := flags.String("out", "", "the archive to write (default dist/okta-VERSION.tgz)")
	updated := flags.String("updated", "", "RFC 3339 time of the last change, for utctime_updated (default now)")
	printVersion := flags.Bool("print-version", false, "print app.json's app_version and stop")
	if err := flags.Parse(args); err != nil {
		return err
	}
	appJSON, err := os.ReadFile(*appPath)
	if err != nil {
		return err
	}
	app, err := schema.Parse(appJSON)
	if err != nil {
		return fmt.Errorf("%s: %w", *appPath, err)
	}
	if *printVersion {
		fmt.Fprintln(stdout, app.AppVersion)
		return nil
	}
	if *binary == "" {
		return errors.New("give the linux/amd64 connector binary with -binary")
	}
	when := time.Now()
	if *updated != "" {
		if when, err = time.Parse(time.RFC3339, *updated); err != nil {
			return fmt.Errorf("-updated: %w", err)
		}
	}
	if *out == "" {
		*out = filepath.Join("dist", fmt.Sprintf("%s-%s.tgz", topFolder, app.AppVersion))
	}

	p := platform(app, when)
	manifest, err := soarapp.Manifest(appJSON, p)
	if err != nil {
		return err
	}
	exe, err := os.ReadFile(*binary)
	if err != nil {
		return err
	}
	if err := soarapp.CheckLinuxAMD64(exe); err != nil {
		return fmt.Errorf("%s: %w", *binary, err)
	}
	files := []soarapp.File{
		{Name: manifestName, Mode: 0o644, Data: manifest},
		{Name: binaryName, Mode: 0o755, Data: exe},
	}
	for _, name := range []string{moduleName, logoName, logoDarkName} {
		data, err := os.ReadFile(filepath.Join(*soarDir, name))
		if err != nil {
			return err
		}
		files = append(files, soarapp.File{Name: name, Mode: 0o644, Data: data})
	}

	var archive bytes.Buffer
	if err := soarapp.WriteArchive(&archive, topFolder, files, when); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(*out, archive.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d KiB): %s %s with %d actions, for Splunk SOAR %s+ and Python %s\n",
		*out, archive.Len()/1024, app.Name, app.AppVersion, len(app.Actions), p.MinPhantomVersion, p.PythonVersion)
	return nil
}
