// Package app wires the connector's program: the manifest, the handlers
// and the embedded simulated org for --replay. The binary and the
// end-to-end tests build the same program from it.
package app

import (
	"context"

	"github.com/soar-okta/okta-connector/actions"
	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/fixtures/simorg"
)

// Program is the connector with every action of manifest (app.json).
func Program(manifest []byte) connector.Program {
	return connector.Program{Manifest: manifest, Handlers: actions.Handlers(), Replay: Replay}
}

// Replay starts the embedded simulated org for --replay.
func Replay(context.Context) (*connector.ReplayTarget, error) {
	sim, err := simorg.New()
	if err != nil {
		return nil, err
	}
	return &connector.ReplayTarget{BaseURL: sim.URL, APIKey: simorg.Token, RootCAs: sim.CertPool(), Close: sim.Close}, nil
}
