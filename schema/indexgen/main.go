// Command indexgen writes manifest_index_gen.go, the offsets of each action
// in app.json that let a run decode only the action it names. It runs from
// go generate in the schema directory:
//
//	go generate ./schema
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/soar-okta/okta-connector/schema"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "indexgen:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	flags := flag.NewFlagSet("indexgen", flag.ContinueOnError)
	appPath := flags.String("app", "../app.json", "manifest to index")
	outPath := flags.String("out", "manifest_index_gen.go", "Go file to write")
	if err := flags.Parse(args); err != nil {
		return err
	}
	data, err := os.ReadFile(*appPath)
	if err != nil {
		return err
	}
	src, err := schema.GenerateIndex(data)
	if err != nil {
		return fmt.Errorf("%s: %w", *appPath, err)
	}
	if old, err := os.ReadFile(*outPath); err == nil && bytes.Equal(old, src) {
		fmt.Fprintf(stdout, "%s is up to date\n", *outPath)
		return nil
	}
	if err := os.WriteFile(*outPath, src, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", *outPath)
	return nil
}
