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

	"github.com/soar-okta/okta-connector/actions"
	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/fixtures/simorg"
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

// run is the whole program; tests drive it with buffers.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return connector.Main(ctx, program(), args, stdin, stdout, stderr)
}

func program() connector.Program {
	return connector.Program{Manifest: manifest, Handlers: actions.Handlers(), Replay: replay}
}

// replay starts the embedded simulated org for --replay.
func replay(context.Context) (*connector.ReplayTarget, error) {
	sim, err := simorg.New()
	if err != nil {
		return nil, err
	}
	return &connector.ReplayTarget{BaseURL: sim.URL, APIKey: simorg.Token, RootCAs: sim.CertPool(), Close: sim.Close}, nil
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
