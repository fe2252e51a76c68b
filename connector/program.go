package connector

import (
	"context"
	"crypto/x509"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/soar-okta/okta-connector/envelope"
	"github.com/soar-okta/okta-connector/oktaapi"
	"github.com/soar-okta/okta-connector/schema"
)

// Program is what main wires together: the manifest, the handlers by
// identifier, and the embedded simulated org for --replay.
type Program struct {
	Manifest []byte
	Handlers map[string]Handler
	Replay   func(ctx context.Context) (*ReplayTarget, error)

	// RootCAs, when set, replaces the system trust store: tests use it to
	// trust the simulated org's certificate.
	RootCAs *x509.CertPool
	// RetryBase, when set, replaces the first back-off of a retried
	// request (tests make it short).
	RetryBase time.Duration
	// ListBounds, where set, replace oktaapi.DefaultListBounds (tests
	// make them small).
	ListBounds oktaapi.ListBounds
}

// ReplayTarget is a running simulated org a replayed request is sent to.
type ReplayTarget struct {
	BaseURL string
	APIKey  string
	RootCAs *x509.CertPool
	Close   func()
}

// Exit codes of docs/ENVELOPE.md.
const (
	ExitSuccess  = 0
	ExitFailed   = 1
	ExitUnusable = 2
)

const usage = `okta-connector runs one Okta action for a SOAR platform.

Usage:
  okta-connector [REQUEST.json]          read a request envelope from the file, or stdin
  okta-connector --replay FIXTURE.json   run a request against the embedded simulated org
  okta-connector --list-actions          list the actions
  okta-connector --version               print the version
  okta-connector --help                  print this help

The result envelope is written to stdout and logs to stderr. Exit status:
0 success, 1 the action failed, 2 the request could not be used.
`

// Main is the whole binary: main only passes it the process's arguments and
// streams. It returns the exit status.
func Main(ctx context.Context, p Program, args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		// Handler panics are caught per run; this catches anything else so
		// that an envelope is still written.
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "{\"level\":\"error\",\"message\":\"connector panicked\",\"panic\":%q}\n", fmt.Sprint(r))
			code = writeUnusable(stdout, nil, fmt.Sprintf("internal error: %v; this is a connector bug, please report it with the request (secrets removed)", r))
		}
	}()
	fs := flag.NewFlagSet("okta-connector", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	help := fs.Bool("help", false, "")
	fs.BoolVar(help, "h", false, "")
	version := fs.Bool("version", false, "")
	list := fs.Bool("list-actions", false, "")
	replay := fs.String("replay", "", "")
	if err := fs.Parse(args); err != nil {
		fmt.Fprint(stderr, usage)
		return writeUnusable(stdout, nil, fmt.Sprintf("invalid command line: %v (see --help)", err))
	}
	// A run decodes only the action it names; the list decodes them all.
	parse := schema.ParseFor
	if *list {
		parse = schema.Parse
	}
	app, err := parse(p.Manifest)
	if err != nil {
		return writeUnusable(stdout, nil, "the embedded app.json is invalid: "+err.Error())
	}
	switch {
	case *help:
		fmt.Fprint(stdout, usage)
		return ExitSuccess
	case *version:
		fmt.Fprintf(stdout, "okta-connector %s (%s %s)\n", Version, app.Name, app.AppVersion)
		return ExitSuccess
	case *list:
		listActions(stdout, app)
		return ExitSuccess
	}
	source := stdin
	path := *replay
	if path == "" && fs.NArg() > 0 {
		path = fs.Arg(0)
	}
	if fs.NArg() > 1 || (*replay != "" && fs.NArg() > 0) {
		return writeUnusable(stdout, nil, "give at most one request file (see --help)")
	}
	if path != "" {
		f, err := os.Open(path)
		if err != nil {
			return writeUnusable(stdout, nil, fmt.Sprintf("cannot open the request file: %v", err))
		}
		defer f.Close()
		source = f
	}
	inv := &invocation{program: p, app: app, stdout: stdout, stderr: stderr, replay: *replay != ""}
	return inv.run(ctx, source)
}

func listActions(w io.Writer, app *schema.App) {
	fmt.Fprintf(w, "%-26s %-26s %-12s %s\n", "IDENTIFIER", "ACTION", "TYPE", "READ-ONLY")
	for _, a := range app.Actions {
		fmt.Fprintf(w, "%-26s %-26s %-12s %v\n", a.Identifier, a.Name, a.Type, a.ReadOnly)
	}
}

// writeUnusable writes the envelope of a request that could not be used.
func writeUnusable(w io.Writer, req *envelope.Request, msg string) int {
	env := &envelope.Envelope{ActionResults: []*envelope.Result{}}
	if req != nil {
		env.Action, env.Identifier = req.Action, req.Identifier
	}
	env.Finish()
	env.Message = msg
	envelope.Write(w, env, nil)
	return ExitUnusable
}
