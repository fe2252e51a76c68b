// Package testflags declares the flags every test package accepts, so that
// `go test ./... -update` works across the module: the golden tests act on
// -update, and every other test package tolerates it by importing this
// package for its side effect.
package testflags

import "flag"

// Update asks golden tests to rewrite their golden files.
var Update = flag.Bool("update", false, "rewrite golden files instead of comparing with them")
