// Package oktaapi is the connector's client of one Okta org, built on the
// official SDK (okta-sdk-golang/v2).
//
// Connect builds an Org from a Config (base_url, credentials, proxy, CA);
// every run of an action then gets its own Client (Org.Client) with what
// that run owns: dry run or not, the request's read budget, and the
// Attempts recorder the HTTP stack reports its retries and rate-limit waits
// to. The stack itself (host guard, OAuth token checks, retries, rate-limit
// pacing, Link checks, body caps) is internal/transport: only this package
// sees it.
//
// Paths are typed: an ID is made only by CheckID (or CheckReturnedID for
// an id Okta returned), once, where a value enters; a Path only by PathOf
// from a fixed template and IDs, or by APIPath for a custom request. The
// resolved objects (User, Group, App) carry their checked id and build the
// paths of their sub-resources.
//
// Listings are read page by page by the client itself (page.go): the SDK
// builds and authenticates each page request, the stack's page door sends
// it, and the page is split into raw items in one pass.
package oktaapi
