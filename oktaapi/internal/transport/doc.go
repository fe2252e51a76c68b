// Package transport is the HTTP stack under the Okta client: everything
// between a request the SDK (or the page reader) builds and the wire.
//
// From the outside in: the guard (guardTransport) sends requests to
// base_url's host only, keeps minted credentials out of every output
// (SecretSink), moves the token request's form into its body, refuses
// Link headers off base_url, caps answers and refuses JSON nested too
// deep; the retry layer repeats what is safe to repeat and waits out
// 429s within the request's deadline; the pacer keeps within the rate
// limits Okta announces; under it, one http.Transport with the proxy and
// trust store of the asset. New builds it with two doors (Stack): one for
// the SDK, one for listing pages.
//
// What the stack does for a run is reported to that run's Recorder, which
// the client attaches to each request it sends (WithRecorder). The errors
// it returns (APIError, OutcomeUnknownError, RateLimitError, ...) each
// read as the sentence an analyst sees.
//
// The package is internal to oktaapi: handlers never see the transport.
package transport
