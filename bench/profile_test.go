package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"os"
	"testing"

	conn "github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/fixtures/simorg"
	"github.com/soar-okta/okta-connector/internal/app"
)

// The Profile benchmarks run the connector in this process, so that
// go test's -cpuprofile and -memprofile show its own work on the two paths
// the process benchmarks time: a cold test connectivity and a listing of
// 20,000 users. The org is the one -org names (a simulated org in another
// process, such as go run ./bench/simserve -http -users 19986, so that its
// work stays out of the profile), or one started here over plain HTTP:
//
//	go test ./bench -run '^$' -bench Profile -cpuprofile cpu.out -memprofile mem.out
var orgURL = flag.String("org", "", "base URL of a running simulated org for the Profile benchmarks (default: one started in process)")

// profileOrg is the org the Profile benchmarks talk to.
func profileOrg(b *testing.B, users int) string {
	b.Helper()
	if *orgURL != "" {
		return *orgURL
	}
	opts := []simorg.Option{simorg.WithPlainHTTP(), unpaced}
	if users > 0 {
		opts = append(opts, simorg.WithGeneratedOrg(20, users-seedListed, 0))
	}
	return newSim(b, opts...).URL
}

// inProcess runs one request through the whole program in this process,
// its envelope written to w.
func inProcess(b *testing.B, manifest []byte, req []byte, w io.Writer) int {
	return conn.Main(context.Background(), app.Program(manifest), nil, bytes.NewReader(req), w, io.Discard)
}

func profileRequest(b *testing.B, url, action string) []byte {
	b.Helper()
	req, err := json.Marshal(map[string]any{"identifier": action, "parameters": []any{map[string]any{}},
		"config": map[string]any{"base_url": url, "api_key": simorg.Token, "verify_server_cert": false}})
	if err != nil {
		b.Fatal(err)
	}
	return req
}

func manifest(b *testing.B) []byte {
	b.Helper()
	raw, err := os.ReadFile("../app.json")
	if err != nil {
		b.Fatal(err)
	}
	return raw
}

func BenchmarkProfileConnectivity(b *testing.B) {
	m, req := manifest(b), profileRequest(b, profileOrg(b, 0), "test_connectivity")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if code := inProcess(b, m, req, io.Discard); code != conn.ExitSuccess {
			b.Fatalf("exit status %d", code)
		}
	}
}

func BenchmarkProfileListUsers(b *testing.B) {
	m, req := manifest(b), profileRequest(b, profileOrg(b, pageUsers), "list_users")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if code := inProcess(b, m, req, io.Discard); code != conn.ExitSuccess {
			b.Fatalf("exit status %d", code)
		}
	}
}
