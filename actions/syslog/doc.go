// Package syslog holds the System Log actions: the searches (get logs and
// the fixed-filter searches) and on poll, which turns events into
// containers and keeps a checkpoint in the asset's state so that no event
// is ingested twice or skipped. Its helpers (the checkpoint, the event
// type filter, time parsing and windows on the org's clock) live here,
// next to their only users.
package syslog
