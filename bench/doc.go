// Package bench measures the connector's own cost next to the network's:
// its benchmarks run the built binary and a bare Go HTTP client side by
// side against the same simulated Okta org, interleaving repetitions, and
// report ratios of medians. Run them with make bench.
package bench
