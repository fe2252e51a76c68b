// Package connector is the runtime every action shares. Main reads the
// command line; a run decodes the request envelope (package envelope),
// validates it against app.json (package schema), connects to the org
// (package oktaapi), expands the parameter sets into one run per target,
// runs the handlers on a bounded pool, and writes exactly one result
// envelope, whatever happens on the way.
//
// A handler (package actions) sees one run through a *Call: its validated
// Params, the run's Okta client, the ActionSettings it may read (never the
// credentials), User, Group and App to resolve the object a parameter
// names, and Secret and Reveal for secrets it learns. What the HTTP stack
// did for the run (retries, rate-limit waits, a change left unanswered) is
// recorded in the run's oktaapi.Attempts and added to its message here.
// Describe turns any error into the one sentence the result shows.
package connector
