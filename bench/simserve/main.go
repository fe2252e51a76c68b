// Command simserve runs the simulated org until it is stopped, for
// measuring and profiling the connector by hand:
//
//	simserve [-http] [-users N] [-seed S] [-rate N]
//
// It prints the org's base URL and API token on one line, then serves
// until interrupted. Its rate limit is generous by default, so that
// repeated runs measure the connector rather than its pacing.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/soar-okta/okta-connector/fixtures/simorg"
)

func main() {
	plain := flag.Bool("http", false, "serve over plain HTTP instead of TLS")
	users := flag.Int("users", 0, "generated users added to the seed data")
	seed := flag.Uint64("seed", 20, "seed of the generated users")
	rate := flag.Int("rate", 1_000_000, "requests per minute each endpoint family allows")
	flag.Parse()
	opts := []simorg.Option{simorg.WithRateLimit(*rate, time.Minute)}
	if *plain {
		opts = append(opts, simorg.WithPlainHTTP())
	}
	if *users > 0 {
		opts = append(opts, simorg.WithGeneratedOrg(*seed, *users, 0))
	}
	sim, err := simorg.New(opts...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "simserve:", err)
		os.Exit(1)
	}
	defer sim.Close()
	fmt.Println(sim.URL, simorg.Token)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
}
