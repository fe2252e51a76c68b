// Package e2e holds the connector's end-to-end tests: whole requests run
// through the program against the simulated Okta org, golden envelopes,
// hostile input, faults, and the built binary. The tests run from the
// repository's root, where app.json and the fixtures are.
package e2e

import (
	"context"
	"fmt"
	"io"
	"os"
	"testing"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/internal/app"
)

// manifest is app.json, as the binary embeds it.
var manifest []byte

// update rewrites the golden envelopes instead of comparing with them:
// UPDATE_GOLDEN=1 go test ./e2e -run TestGoldenEnvelopes (make golden).
var update = os.Getenv("UPDATE_GOLDEN") != ""

func TestMain(m *testing.M) {
	if err := os.Chdir(".."); err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	var err error
	if manifest, err = os.ReadFile("app.json"); err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// program is the connector as the binary runs it.
func program() connector.Program { return app.Program(manifest) }

// run is the whole program, as main runs it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return connector.Main(ctx, program(), args, stdin, stdout, stderr)
}
