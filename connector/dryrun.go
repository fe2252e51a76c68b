package connector

import "errors"

// IsDryRun reports whether err is Okta.Do declining to send a change
// during a dry run. A handler that makes several independent changes
// checks it after each one, so that the plan lists every request it would
// send rather than only the first; the request is already in the plan.
func IsDryRun(err error) bool { return errors.Is(err, errDryRun) }
