// Package envelope is the connector's edge with the platform: it decodes
// the request envelope (exact keys, no repeated keys, bounded nesting),
// writes the result envelope as a stream, and masks every secret of the
// invocation where it is a value, in the envelope and in the log.
//
// Key types: Request (Decode), Envelope and Result (Write), and Scrubber,
// the set of secrets one invocation masks; NewLogger writes log lines
// through it.
package envelope
