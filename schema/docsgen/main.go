// Command docsgen writes the action reference generated from app.json into
// README.md, between the lines <!-- actions:begin --> and <!-- actions:end -->.
// Run it from the repository root:
//
//	go run ./schema/docsgen          # rewrite README.md
//	go run ./schema/docsgen -check   # exit with status 1 when README.md is stale
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/soar-okta/okta-connector/schema"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "docsgen:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	flags := flag.NewFlagSet("docsgen", flag.ContinueOnError)
	appPath := flags.String("app", "app.json", "manifest to document")
	readmePath := flags.String("readme", "README.md", "README to update")
	check := flags.Bool("check", false, "only report whether the README is up to date")
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

	old, err := os.ReadFile(*readmePath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		old = []byte(schema.BeginMarker + "\n" + schema.EndMarker + "\n")
	case err != nil:
		return err
	}
	updated, err := schema.ReplaceSection(string(old), app.Markdown())
	if err != nil {
		return fmt.Errorf("%s: %w", *readmePath, err)
	}

	if updated == string(old) {
		fmt.Fprintf(stdout, "%s is up to date\n", *readmePath)
		return nil
	}
	if *check {
		return fmt.Errorf("%s is stale: run go run ./schema/docsgen", *readmePath)
	}
	if err := os.WriteFile(*readmePath, []byte(updated), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s updated\n", *readmePath)
	return nil
}
