// Package actions holds the connector's action handlers, one small file
// per Okta resource family, and Handlers, the one table that maps each
// app.json identifier to its handler.
//
// A handler is a connector.Handler: it receives the run's validated
// parameters and Okta client in a *connector.Call, and returns an Output
// (message, data, summary) or an error that connector.Describe turns into
// the failure message. It resolves the objects its parameters name by the
// parameter's name (c.User(ctx, "user_id"), c.Group, c.App; resolveZone
// for zones, resolveDevice for devices, resolveUserClient for a user's
// OAuth 2.0 clients), builds request paths from the resolved objects
// (u.Path, g.Path, with ids checked once in oktaapi), and sends them
// through c.Okta. Helpers only these handlers use live here too: listing
// and userListing (list handlers), internal/present (counted nouns, data
// entries, cursors) and internal/ipblock for network zone addresses. The
// System Log family (searches and on poll, with its checkpoint, event
// types and time windows) is the package syslog.
package actions
