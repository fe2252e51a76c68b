// Command docsgen writes the action reference generated from app.json into
// docs/actions.md, between the lines <!-- actions:begin --> and
// <!-- actions:end -->; the text around them is kept as it is. Run it from
// the repository root:
//
//	go run ./schema/docsgen          # rewrite docs/actions.md
//	go run ./schema/docsgen -check   # exit with status 1 when docs/actions.md is stale
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/soar-okta/okta-connector/schema"
)

// DefaultOut is the file the reference is generated into.
const DefaultOut = "docs/actions.md"

// preamble starts a reference file that does not exist yet.
const preamble = `# Action reference

Every action, its parameters and its output data paths, with the asset configuration, generated
from [app.json](../app.json) by ` + "`make docs`" + `; a test fails when this file is stale. Edit
app.json, not this file.

`

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "docsgen:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	flags := flag.NewFlagSet("docsgen", flag.ContinueOnError)
	appPath := flags.String("app", "app.json", "manifest to document")
	outPath := flags.String("out", DefaultOut, "reference file to update")
	check := flags.Bool("check", false, "only report whether the reference file is up to date")
	if err := flags.Parse(args); err != nil {
		return err
	}

	data, err := os.ReadFile(*appPath)
	if err != nil {
		return err
	}
	app, err := schema.Parse(data)
	if err != nil {
		return err
	}

	old, err := os.ReadFile(*outPath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		old = []byte(preamble + schema.BeginMarker + "\n" + schema.EndMarker + "\n")
	case err != nil:
		return err
	}
	updated, err := schema.ReplaceSection(string(old), app.Markdown())
	if err != nil {
		return fmt.Errorf("%s: %w", *outPath, err)
	}

	if updated == string(old) {
		fmt.Fprintf(stdout, "%s is up to date\n", *outPath)
		return nil
	}
	if *check {
		return fmt.Errorf("%s is stale: run make docs", *outPath)
	}
	if err := os.MkdirAll(filepath.Dir(*outPath), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(*outPath, []byte(updated), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s updated\n", *outPath)
	return nil
}
