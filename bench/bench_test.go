package bench

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/soar-okta/okta-connector/fixtures/simorg"
)

// The benchmarks run processes: the connector binary and bareget, both
// built once by TestMain. Each benchmark interleaves its own repetitions
// (the connector first in one, the baseline first in the next) and reports
// the median of the per-pair ratios, so load that comes and goes on the
// machine touches both sides alike. The pairs run in rounds, and the range
// of the rounds' medians shows how much a figure moves from one run to
// the next. The first three comparisons run over plain HTTP and over TLS.
// make bench runs them with -benchtime 1x; the table at the end is what
// docs/performance.md shows.

var (
	connectorBin string
	baregetBin   string
	peakrssBin   string

	rowsMu sync.Mutex
	rows   []row
)

// row is one line of the summary table.
type row struct {
	comparison, measured, target string
	met                          bool
}

func record(r row) {
	rowsMu.Lock()
	defer rowsMu.Unlock()
	rows = append(rows, r)
}

func TestMain(m *testing.M) {
	flag.Parse()
	if f := flag.Lookup("test.bench"); f == nil || f.Value.String() == "" {
		os.Exit(m.Run()) // no benchmarks asked for: nothing to build
	}
	dir, err := os.MkdirTemp("", "okta-connector-bench")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	connectorBin, baregetBin, peakrssBin = filepath.Join(dir, "okta-connector"), filepath.Join(dir, "bareget"), filepath.Join(dir, "peakrss")
	for _, b := range [][2]string{{connectorBin, ".."}, {baregetBin, "./bareget"}, {peakrssBin, "./peakrss"}} {
		if out, err := exec.Command("go", "build", "-o", b[0], b[1]).CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "go build %s: %v\n%s", b[1], err, out)
			os.Exit(1)
		}
	}
	code := m.Run()
	printTable()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

func printTable() {
	rowsMu.Lock()
	defer rowsMu.Unlock()
	if len(rows) == 0 {
		return
	}
	fmt.Printf("\nMachine: %d CPUs, %s, %s/%s\n\n", runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Println("| Comparison | Measured | Target | Met |")
	fmt.Println("|---|---|---|---|")
	for _, r := range rows {
		met := "yes"
		if !r.met {
			met = "**no**"
		}
		fmt.Printf("| %s | %s | %s | %s |\n", r.comparison, r.measured, r.target, met)
	}
}

// proc is one finished process.
type proc struct {
	elapsed time.Duration
	stdout  []byte
}

// start runs a program to its end, timing it from start to exit. Its
// standard streams are files, which the kernel writes without help from
// this process, so the harness does not compete with what it measures.
func start(b *testing.B, stdin []byte, name string, args ...string) proc {
	b.Helper()
	dir := b.TempDir()
	in, out := filepath.Join(dir, "stdin"), filepath.Join(dir, "stdout")
	if err := os.WriteFile(in, stdin, 0o600); err != nil {
		b.Fatal(err)
	}
	files := make([]*os.File, 3)
	for i, f := range []struct {
		path string
		flag int
	}{{in, os.O_RDONLY}, {out, os.O_CREATE | os.O_WRONLY}, {os.DevNull, os.O_WRONLY}} {
		var err error
		if files[i], err = os.OpenFile(f.path, f.flag, 0o600); err != nil {
			b.Fatal(err)
		}
		defer files[i].Close()
	}
	cmd := exec.Command(name, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = files[0], files[1], files[2]
	t0 := time.Now()
	err := cmd.Run()
	elapsed := time.Since(t0)
	if err != nil {
		if _, exit := err.(*exec.ExitError); !exit {
			b.Fatalf("%s: %v", name, err)
		}
	}
	stdout, err := os.ReadFile(out)
	if err != nil {
		b.Fatal(err)
	}
	return proc{elapsed: elapsed, stdout: stdout}
}

// envelope is the part of a result envelope the benchmarks check.
type envelope struct {
	Status        string `json:"status"`
	Message       string `json:"message"`
	ActionResults []struct {
		Status  string         `json:"status"`
		Message string         `json:"message"`
		Summary map[string]any `json:"summary"`
	} `json:"action_results"`
}

// request is a request envelope for the binary against sim.
func request(b *testing.B, sim *simorg.Server, action string, config map[string]any, params map[string]any) []byte {
	b.Helper()
	cfg := map[string]any{"base_url": sim.URL, "api_key": simorg.Token, "verify_server_cert": false}
	for k, v := range config {
		cfg[k] = v
	}
	req, err := json.Marshal(map[string]any{"identifier": action, "config": cfg, "parameters": []any{params}})
	if err != nil {
		b.Fatal(err)
	}
	return req
}

// connector runs one action with the binary against sim.
func connector(b *testing.B, sim *simorg.Server, action string, config map[string]any, params map[string]any) (proc, envelope) {
	b.Helper()
	p := start(b, request(b, sim, action, config, params), connectorBin)
	return p, decode(b, action, p)
}

// connectorRSS runs one action through peakrss and returns the binary's
// peak resident set size and its envelope's size in bytes.
func connectorRSS(b *testing.B, sim *simorg.Server, action string, params map[string]any) (rss, envelope float64) {
	b.Helper()
	out := filepath.Join(b.TempDir(), "rss")
	p := start(b, request(b, sim, action, nil, params), peakrssBin, out, connectorBin)
	decode(b, action, p)
	raw, err := os.ReadFile(out)
	if err != nil {
		b.Fatal(err)
	}
	var n int64
	if _, err := fmt.Sscan(string(raw), &n); err != nil {
		b.Fatal(err)
	}
	return float64(n), float64(len(p.stdout))
}

func decode(b *testing.B, action string, p proc) envelope {
	b.Helper()
	var env envelope
	if err := json.Unmarshal(p.stdout, &env); err != nil {
		b.Fatalf("%s: stdout is not an envelope: %v", action, err)
	}
	if env.Status != "success" {
		b.Fatalf("%s failed: %s", action, env.Message)
	}
	return env
}

func newSim(b *testing.B, opts ...simorg.Option) *simorg.Server {
	b.Helper()
	sim, err := simorg.New(opts...)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(sim.Close)
	return sim
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if n := len(s); n%2 == 1 {
		return s[n/2]
	} else {
		return (s[n/2-1] + s[n/2]) / 2
	}
}

func ms(d float64) string { return fmt.Sprintf("%.1f ms", d) }

// pairs runs a and then base, or base and then a, reps times, and
// returns each side's durations in milliseconds.
func pairs(reps int, a, base func() time.Duration) (as, bs []float64) {
	for i := 0; i < reps; i++ {
		if i%2 == 0 {
			as = append(as, float64(a())/1e6)
			bs = append(bs, float64(base())/1e6)
		} else {
			bs = append(bs, float64(base())/1e6)
			as = append(as, float64(a())/1e6)
		}
	}
	return as, bs
}

func ratios(as, bs []float64) []float64 {
	out := make([]float64, len(as))
	for i := range as {
		out[i] = as[i] / bs[i]
	}
	return out
}

// transports are the two ways the benchmarks reach the simulated org:
// plain HTTP on loopback, where nothing hides the connector's own work,
// and TLS, as a real org is reached (the handshake then weighs on both
// sides).
var transports = []struct {
	name string
	opts []simorg.Option
}{
	{"plain HTTP", []simorg.Option{simorg.WithPlainHTTP()}},
	{"TLS", nil},
}

// unpaced is a rate limit the benchmarks never reach, so that what they
// time is the connector's work rather than its pacing (which section 4
// measures).
var unpaced = simorg.WithRateLimit(10_000_000, time.Minute)

// rounds runs rounds of reps interleaved pairs (pairs) and sums them up:
// the median of all the per-pair ratios, the range of the rounds'
// medians (how much the figure moves from one run to the next), and the
// median time of each side.
type rounded struct {
	ratio, low, high float64
	a, base          float64 // milliseconds
	n                int
}

func rounds(n, reps int, a, base func() time.Duration) rounded {
	var all, as, bs []float64
	out := rounded{low: 1e9}
	for i := 0; i < n; i++ {
		ra, rb := pairs(reps, a, base)
		r := ratios(ra, rb)
		m := median(r)
		out.low, out.high = min(out.low, m), max(out.high, m)
		all, as, bs = append(all, r...), append(as, ra...), append(bs, rb...)
	}
	out.ratio, out.a, out.base, out.n = median(all), median(as), median(bs), len(all)
	return out
}

func (r rounded) String() string {
	return fmt.Sprintf("%.2fx, rounds %.2fx to %.2fx (%s vs %s, median of %d pairs)", r.ratio, r.low, r.high, ms(r.a), ms(r.base), r.n)
}

// 1. Cold start: test connectivity, process start to exit, against one
// bare GET of /api/v1/users/me by a minimal Go program, over plain HTTP
// and over TLS.
func BenchmarkColdStart(b *testing.B) {
	const target = 1.3
	for _, tr := range transports {
		b.Run(tr.name, func(b *testing.B) {
			sim := newSim(b, append([]simorg.Option{unpaced}, tr.opts...)...)
			for i := 0; i < b.N; i++ {
				r := rounds(3, 21, func() time.Duration {
					p, _ := connector(b, sim, "test_connectivity", nil, map[string]any{})
					return p.elapsed
				}, func() time.Duration {
					return start(b, nil, baregetBin, sim.URL+"/api/v1/users/me", simorg.Token).elapsed
				})
				b.ReportMetric(r.ratio, "x_bare")
				b.ReportMetric(r.a, "ms_connector")
				b.ReportMetric(r.base, "ms_bare")
				if i == 0 {
					record(row{"1. Cold start over " + tr.name + ": `test connectivity` process vs one bare GET process",
						r.String(), fmt.Sprintf("at most %.1fx", target), r.ratio <= target})
				}
			}
		})
	}
}

// listed is how many users a plain listing of the generated org returns
// with the seed data's own: exactly 100 pages of 200.
const (
	seedListed = 14
	pageUsers  = 20000
	bigUsers   = 100000
)

// 2. Paging: list users of 20,000 users (100 pages of 200) against the same
// pages fetched by a bare client over one keep-alive connection, over
// plain HTTP and over TLS.
func BenchmarkPaging(b *testing.B) {
	const target = 1.2
	for _, tr := range transports {
		b.Run(tr.name, func(b *testing.B) {
			sim := newSim(b, append([]simorg.Option{unpaced, simorg.WithGeneratedOrg(20, pageUsers-seedListed, 0)}, tr.opts...)...)
			for i := 0; i < b.N; i++ {
				r := rounds(3, 3, func() time.Duration {
					p, env := connector(b, sim, "list_users", nil, map[string]any{})
					if n := env.ActionResults[0].Summary["num_users"]; n != float64(pageUsers) {
						b.Fatalf("listed %v users", n)
					}
					return p.elapsed
				}, func() time.Duration {
					p := start(b, nil, baregetBin, "-pages", sim.URL+"/api/v1/users?limit=200", simorg.Token)
					if !strings.HasPrefix(string(p.stdout), "100 pages") {
						b.Fatalf("bareget: %s", p.stdout)
					}
					return p.elapsed
				})
				b.ReportMetric(r.ratio, "x_bare")
				if i == 0 {
					record(row{"2. Paging over " + tr.name + ": `list users`, 20,000 users in 100 pages, vs the same pages fetched bare",
						r.String(), fmt.Sprintf("at most %.1fx", target), r.ratio <= target})
				}
			}
		})
	}
}

// 3. Peak memory: the resident set size of list users over 100,000 users,
// next to the same listing of 20,000 users: a streamed listing's memory
// stays flat as the listing grows.
func BenchmarkPeakMemory(b *testing.B) {
	const (
		target = 64e6 // bytes
		runs   = 3
		flat   = 1.25 // the most 100,000 users may take over 20,000
	)
	for _, tr := range transports {
		b.Run(tr.name, func(b *testing.B) {
			sims := map[int]*simorg.Server{
				pageUsers: newSim(b, append([]simorg.Option{unpaced, simorg.WithGeneratedOrg(20, pageUsers-seedListed, 0)}, tr.opts...)...),
				bigUsers:  newSim(b, append([]simorg.Option{unpaced, simorg.WithGeneratedOrg(21, bigUsers-seedListed, 0)}, tr.opts...)...),
			}
			for i := 0; i < b.N; i++ {
				rss := map[int][]float64{}
				env := map[int]float64{}
				for r := 0; r < runs; r++ {
					for _, users := range []int{pageUsers, bigUsers} {
						m, e := connectorRSS(b, sims[users], "list_users", map[string]any{})
						rss[users], env[users] = append(rss[users], m), e
					}
				}
				big, small := median(rss[bigUsers]), median(rss[pageUsers])
				b.ReportMetric(big/1e6, "MB_100k")
				b.ReportMetric(small/1e6, "MB_20k")
				if i == 0 {
					lo, hi := slices.Min(rss[bigUsers]), slices.Max(rss[bigUsers])
					record(row{"3. Peak memory over " + tr.name + ": `list users` of 100,000 users (RSS), next to 20,000 users",
						fmt.Sprintf("%.0f MB, runs %.0f to %.0f MB, for a %.0f MB envelope; %.0f MB for 20,000 users (%.0f MB envelope), median of %d runs",
							big/1e6, lo/1e6, hi/1e6, env[bigUsers]/1e6, small/1e6, env[pageUsers]/1e6, runs),
						"at most 64 MB, flat as the listing grows", hi <= target && big <= flat*small})
				}
			}
		})
	}
}

// batchUsers is the batch of the last two comparisons.
const batchUsers = 500

// requestsPerTarget is what disable user sends per user: the look-up, the
// suspension and the read-back of the user's new state.
const requestsPerTarget = 3

// batchIDs lists batchUsers ACTIVE users of a generated org, as the JSON
// array of targets a playbook sends (a string names one object).
func batchIDs(b *testing.B, sim *simorg.Server) []string {
	var ids []string
	for _, u := range sim.GeneratedUsers() {
		if u.Status == "ACTIVE" && len(ids) < batchUsers {
			ids = append(ids, u.ID)
		}
	}
	if len(ids) < batchUsers {
		b.Fatalf("only %d ACTIVE users", len(ids))
	}
	return ids
}

// batch disables batchUsers users in a fresh org built with opts, and
// checks every result succeeded.
func batch(b *testing.B, concurrency int, opts ...simorg.Option) (time.Duration, int) {
	sim, err := simorg.New(append([]simorg.Option{simorg.WithGeneratedOrg(30, batchUsers+100, 0)}, opts...)...)
	if err != nil {
		b.Fatal(err)
	}
	defer sim.Close()
	p, env := connector(b, sim, "disable_user", map[string]any{"max_concurrency": concurrency}, map[string]any{"id": batchIDs(b, sim)})
	failed := 0
	for _, r := range env.ActionResults {
		if r.Status != "success" {
			failed++
			b.Logf("failed: %s", r.Message)
		}
	}
	if len(env.ActionResults) != batchUsers || failed > 0 {
		b.Fatalf("%d results, %d failed", len(env.ActionResults), failed)
	}
	return p.elapsed, sim.RateLimited()
}

// 4. Batch: disable user on 500 users with 20 ms of latency per request,
// max_concurrency 8 (the default) against 1.
func BenchmarkBatch(b *testing.B) {
	const reps = 3
	// A budget the batch does not reach: this comparison is about
	// concurrency; the next one is about the budget.
	latency := []simorg.Option{simorg.WithLatency(20 * time.Millisecond), simorg.WithRateLimit(100000, time.Minute)}
	throttled := 0
	for i := 0; i < b.N; i++ {
		par, seq := pairs(reps, func() time.Duration {
			d, n := batch(b, 8, latency...)
			throttled += n
			return d
		}, func() time.Duration {
			d, n := batch(b, 1, latency...)
			throttled += n
			return d
		})
		speedup := median(ratios(seq, par))
		b.ReportMetric(speedup, "x_faster")
		if i == 0 {
			record(row{"4. Batch: `disable user` on 500 users, 20 ms latency, max_concurrency 8 vs 1",
				fmt.Sprintf("%.1fx faster (%.1f s vs %.1f s, median of %d pairs; no failed result, %d 429s)", speedup, median(par)/1e3, median(seq)/1e3, reps, throttled),
				"at least 6x, no failure, no 429", speedup >= 6 && throttled == 0})
		}
	}
}

// 5. Rate limit: the same batch against a budget of 100 requests per
// window. Okta's window is a minute; the simulated org's is scaled down to
// one second so the run takes seconds, with the same number of windows.
func BenchmarkRateLimit(b *testing.B) {
	for i := 0; i < b.N; i++ {
		d, throttled := batch(b, 8, simorg.WithLatency(20*time.Millisecond), simorg.WithRateLimit(100, time.Second), simorg.WithClock(time.Now))
		b.ReportMetric(float64(throttled), "429s")
		b.ReportMetric(d.Seconds(), "s")
		fmt.Printf("rate-limited batch: %d 429s received, %s\n", throttled, d.Round(time.Millisecond))
		if i == 0 {
			record(row{"5. Rate limit: the same batch, budget 100 requests per window (window scaled from 1 min to 1 s)",
				fmt.Sprintf("every target done, %d 429s received, %.1f s (%d requests at 100 per window: at least %d resets)", throttled, d.Seconds(), requestsPerTarget*batchUsers, requestsPerTarget*batchUsers/100-1),
				"all done, 0 429s", throttled == 0})
		}
	}
}
