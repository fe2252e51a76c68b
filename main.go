// Command okta-connector runs one Okta action for a SOAR platform: it reads
// a request envelope, runs the action through the official Okta SDK and
// writes one result envelope. See README.md and docs/ENVELOPE.md.
package main

import (
	"context"
	_ "embed"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/internal/app"
)

//go:embed app.json
var manifest []byte

func main() {
	// A platform stops a run with SIGTERM, a closed terminal sends SIGHUP:
	// either way the run ends and its envelope is still written.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	clearOktaEnvironment()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole program.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return connector.Main(ctx, app.Program(manifest), args, stdin, stdout, stderr)
}

// clearOktaEnvironment removes the Okta SDK's OKTA_* variables from the
// process: the asset configuration is the only source of settings, and the
// SDK would otherwise read them (and print to stdout when one is malformed).
func clearOktaEnvironment() {
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "OKTA_") {
			_ = os.Unsetenv(name)
		}
	}
}
