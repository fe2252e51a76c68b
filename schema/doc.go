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
//   - A numeric parameter named "limit", or whose name ends in "_ms", is a
//     positive whole number (JSON Schema type integer, minimum 1): 0, -1, 2.5
//     and "2.5" are rejected, 50.0 and "50" are accepted. It comes back as int.
//   - "boolean" values may be true, false or the strings "true" and "false" in
//     any letter case; nothing else (not 0 or 1, not "yes").
//   - An optional value that is null, "" or only white space counts as absent;
//     a required one is reported as missing.
//   - A value_list is an exact, case-sensitive enumeration.
//   - Names that the manifest does not declare are rejected.
//
// Problems are reported in declaration order and never quote a password value.
package schema
