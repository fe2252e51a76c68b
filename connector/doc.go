// Package connector is the toolkit every action shares: it decodes the request
// envelope, validates it against app.json, builds the Okta SDK client from the
// asset configuration, dispatches each parameter set to its handler and
// writes exactly one result envelope, whatever happens on the way.
package connector
