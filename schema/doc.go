// Package schema reads the connector manifest (app.json), which declares every
// action with its parameters and outputs as well as the asset configuration.
//
// Parse derives a JSON Schema for each action's parameters and for the
// configuration. Validate and ValidateConfig first coerce values the way SOAR
// platforms send them, then check them against that schema with gojsonschema,
// then fill in defaults, so an action handler only ever sees valid, typed
// values:
//
//   - "string" and "password" values must be JSON strings; a number given for a
//     string (an ID, say) is rejected rather than guessed at.
//   - "numeric" values may be JSON numbers or numeric strings ("50", " 50 ",
//     "1e3"); they come back as float64.
//   - "boolean" values may be true, false or the strings "true" and "false" in
//     any letter case; nothing else (not 0 or 1, not "yes").
//   - An optional value that is null, "" or only white space counts as absent;
//     a required one is reported as missing.
//   - A value_list is an exact, case-sensitive enumeration.
//   - Names that the manifest does not declare are rejected.
//
// A numeric declaration may constrain its values with keys of its own, named
// after their JSON Schema counterparts. They are declared in app.json for
// each parameter or configuration value; no rule is inferred from a name.
// The connector enforces them; the Splunk SOAR manifest (internal/soarapp)
// carries them as written, like every other key of a parameter.
//
//   - "whole": true accepts whole numbers only (JSON Schema type integer):
//     2.5 and "2.5" are rejected, 50.0 and "50" are accepted, and the value
//     comes back as int rather than float64. Without a declared bound a
//     whole number stays within what a JSON number holds exactly, ±(2^53-1).
//   - "minimum": n and "maximum": n are inclusive bounds (JSON Schema
//     minimum and maximum); a whole number's bounds must be whole. Messages
//     call a whole number of minimum 1 "a positive whole number", and name
//     the maximum only to a value above it.
//   - A default must meet its declaration's constraints.
//
// Problems are reported in declaration order and never quote a password value.
package schema
