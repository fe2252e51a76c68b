// Command docsgen writes the action reference generated from app.json into
// docs/actions.md, between the lines <!-- actions:begin --> and
// <!-- actions:end -->, and the scope table of scopes.Families into
// docs/configuration.md, between <!-- scopes:begin --> and
// <!-- scopes:end -->; the text around them is kept as it is. Run it from
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
	"strings"

	"github.com/soar-okta/okta-connector/oktaapi/scopes"
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
	scopesPath := flags.String("scopes", "docs/configuration.md", "page whose scope table to update")
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

	if err := refresh(stdout, *outPath, string(old), updated, *check); err != nil {
		return err
	}
	return refreshScopes(stdout, *scopesPath, *check)
}

// refresh writes updated to path when it differs from old, or, with check,
// reports that path is stale.
func refresh(stdout io.Writer, path, old, updated string, check bool) error {
	if updated == old {
		fmt.Fprintf(stdout, "%s is up to date\n", path)
		return nil
	}
	if check {
		return fmt.Errorf("%s is stale: run make docs", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(path, []byte(updated), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s updated\n", path)
	return nil
}

// Markers of the scope table in the configuration page.
const (
	scopesBegin = "<!-- scopes:begin -->"
	scopesEnd   = "<!-- scopes:end -->"
)

// refreshScopes rewrites the scope table of the configuration page from
// the one scope table, scopes.Families.
func refreshScopes(stdout io.Writer, path string, check bool) error {
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	updated, err := ScopeSection(string(old))
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return refresh(stdout, path, string(old), updated, check)
}

// ScopeSection returns text with the part between the scope markers
// replaced by the scope table.
func ScopeSection(text string) (string, error) {
	begin, end := strings.Index(text, scopesBegin), strings.Index(text, scopesEnd)
	if begin < 0 || end < begin || strings.Count(text, scopesBegin) != 1 || strings.Count(text, scopesEnd) != 1 {
		return "", fmt.Errorf("needs %q and then %q, once each", scopesBegin, scopesEnd)
	}
	return text[:begin+len(scopesBegin)] + "\n" + scopes.Table() + text[end:], nil
}
