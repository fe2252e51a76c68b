package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/fixtures/simorg"
)

// watchedStdout is a stdout the tests can look at while the program is
// still writing to it.
type watchedStdout struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *watchedStdout) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

// items counts the data items written so far: each starts a line at the
// indentation of a result's data.
func (w *watchedStdout) items() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return strings.Count(w.buf.String(), "\n        {\n")
}

func (w *watchedStdout) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// pagesSeen records, for each page request of /api/v1/users, how many
// items stdout held when it arrived; answer, when set, may answer a page
// itself (its number from 1).
func pagesSeen(sim *simorg.Server, out *watchedStdout, answer func(page int, w http.ResponseWriter, r *http.Request) bool) func() []int {
	var mu sync.Mutex
	var seen []int
	sim.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/api/v1/users" {
			return false
		}
		mu.Lock()
		seen = append(seen, out.items())
		page := len(seen)
		mu.Unlock()
		return answer != nil && answer(page, w, r)
	})
	return func() []int {
		mu.Lock()
		defer mu.Unlock()
		return append([]int(nil), seen...)
	}
}

// runWatched runs one request in process with stdout watched, and decodes
// the one envelope it must leave there.
func runWatched(t *testing.T, p connector.Program, req map[string]any, out *watchedStdout) (int, envelope) {
	t.Helper()
	in, err := json.Marshal(req)
	require.NoError(t, err)
	var stderr bytes.Buffer
	code := connector.Main(context.Background(), p, nil, bytes.NewReader(in), out, &stderr)
	var env envelope
	dec := json.NewDecoder(strings.NewReader(out.String()))
	require.NoError(t, dec.Decode(&env), "stdout must hold a JSON envelope; stderr:\n%s", stderr.String())
	assert.False(t, dec.More(), "stdout must hold exactly one envelope")
	assert.NotContains(t, stderr.String(), "panic")
	return code, env
}

func dataOf(t *testing.T, env envelope) []any {
	t.Helper()
	require.Len(t, env.ActionResults, 1)
	data, ok := env.ActionResults[0]["data"].([]any)
	require.True(t, ok, "data is a list")
	return data
}

// A listing of one result is written as its pages arrive: when a page is
// asked for, the items of every page before the one just received are on
// stdout already (that one is written while the next is on its way).
func TestListingIsWrittenAsPagesArrive(t *testing.T) {
	sim, p, cfg := simProgram(t, simorg.WithPageCap(2))
	var out watchedStdout
	seen := pagesSeen(sim, &out, nil)
	code, env := runWatched(t, p, request("list_users", cfg), &out)
	require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
	assert.Len(t, dataOf(t, env), 14)
	written := seen()
	require.Len(t, written, 7, "pages asked for")
	for i, n := range written {
		// Page i+1 was asked for: pages 1 to i-1 are out, page i may be.
		assert.GreaterOrEqual(t, n, 2*max(i-1, 0), "items on stdout when page %d was asked for", i+1)
		assert.LessOrEqual(t, n, 2*i, "items on stdout when page %d was asked for", i+1)
	}
}

// A request of several results, and a dry run, keep their items until the
// envelope is written: nothing is on stdout while the pages arrive.
func TestListingsThatAreNotStreamed(t *testing.T) {
	cases := []struct {
		name  string
		req   func(cfg map[string]any) map[string]any
		items []int // of each result
	}{
		{"two parameter sets", func(cfg map[string]any) map[string]any {
			return request("list_users", cfg, map[string]any{"limit": 3}, map[string]any{"limit": 5})
		}, []int{3, 5}},
		{"a dry run", func(cfg map[string]any) map[string]any {
			r := request("list_users", cfg, map[string]any{"limit": 5})
			r["dry_run"] = true
			return r
		}, []int{5}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, p, cfg := simProgram(t, simorg.WithPageCap(2))
			var out watchedStdout
			seen := pagesSeen(sim, &out, nil)
			code, env := runWatched(t, p, c.req(cfg), &out)
			require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
			require.Len(t, env.ActionResults, len(c.items))
			// The items kept are whole, though pages are read into
			// buffers used in turn: each result lists distinct users.
			for i, r := range env.ActionResults {
				ids := map[any]bool{}
				data := r["data"].([]any)
				for _, it := range data {
					ids[it.(map[string]any)["id"]] = true
				}
				assert.Len(t, ids, len(data), "result %d lists each user once", i)
				assert.Len(t, data, c.items[i], "result %d", i)
			}
			for _, n := range seen() {
				assert.Zero(t, n, "nothing is written before the last page")
			}
			assert.Greater(t, len(seen()), 2)
		})
	}
}

// A streamed listing that fails halfway ends in one valid envelope: failed,
// its message saying what happened and how many items the data holds,
// which are the items read before the failure.
func TestStreamedListingFailingHalfway(t *testing.T) {
	cases := []struct {
		name   string
		answer func(page int, w http.ResponseWriter, r *http.Request) bool
		want   string
	}{
		{"a page that is not JSON", func(page int, w http.ResponseWriter, r *http.Request) bool {
			if page < 4 {
				return false
			}
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `[{"id": "00u9", "status": "ACTIVE"`)
			return true
		}, "unexpected end of JSON input"},
		{"Okta refusing a page", func(page int, w http.ResponseWriter, r *http.Request) bool {
			if page < 4 {
				return false
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"errorCode":"E0000006","errorSummary":"You do not have permission to perform the requested action","errorLink":"E0000006","errorId":"oae1","errorCauses":[]}`)
			return true
		}, "E0000006"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, p, cfg := simProgram(t, simorg.WithPageCap(2))
			var out watchedStdout
			pagesSeen(sim, &out, c.answer)
			code, env := runWatched(t, p, request("list_users", cfg), &out)
			assert.Equal(t, connector.ExitFailed, code)
			assert.Equal(t, "failed", env.Status)
			assert.Equal(t, "failed", env.ActionResults[0]["status"])
			msg := resultMessage(env)
			assert.Contains(t, msg, c.want)
			assert.Contains(t, msg, "; data holds the 6 items read before this")
			assert.Len(t, dataOf(t, env), 6, "the three pages before the failure")
			assert.Equal(t, map[string]any{}, env.ActionResults[0]["summary"])
			assert.Contains(t, env.Message, "0 of 1 action succeeded: ")
		})
	}
}

// A streamed listing still running at the request's timeout ends in one
// envelope saying so, with the items written before it.
func TestStreamedListingTimingOut(t *testing.T) {
	sim, p, cfg := simProgram(t, simorg.WithPageCap(2))
	var out watchedStdout
	pagesSeen(sim, &out, func(page int, w http.ResponseWriter, r *http.Request) bool {
		if page >= 3 {
			select { // the third page never comes
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
			return true
		}
		return false
	})
	req := request("list_users", cfg)
	req["timeout"] = 1
	start := time.Now()
	code, env := runWatched(t, p, req, &out)
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Equal(t, connector.ExitFailed, code)
	msg := resultMessage(env)
	assert.Contains(t, msg, `timed out after 1s (the request's timeout) before "list users" finished`)
	assert.Contains(t, msg, "; data holds the 4 items read before this")
	assert.Len(t, dataOf(t, env), 4)
}

// Masking holds per item while streaming: a secret in an item of a later
// page is masked where it is a value, key or string.
func TestStreamedItemsAreMasked(t *testing.T) {
	sim, p, cfg := simProgram(t, simorg.WithPageCap(2))
	var out watchedStdout
	pagesSeen(sim, &out, func(page int, w http.ResponseWriter, r *http.Request) bool {
		if page != 2 {
			return false
		}
		w.Header().Set("Content-Type", "application/json") // and no next page
		fmt.Fprintf(w, `[{"id": "00u1", "profile": {"note": "token %s here", %q: 1}}, {"id": "00u2"}]`, simorg.Token, simorg.Token)
		return true
	})
	code, env := runWatched(t, p, request("list_users", cfg), &out)
	require.Equal(t, connector.ExitSuccess, code, resultMessage(env))
	assert.NotContains(t, out.String(), simorg.Token)
	assert.Contains(t, out.String(), `"note": "token ******** here"`)
	assert.Contains(t, out.String(), `"********": 1`)
	assert.Len(t, dataOf(t, env), 4)
	assert.EqualValues(t, 4, env.ActionResults[0]["summary"].(map[string]any)["num_users"])
}

// A signal that stops the binary halfway through a streamed listing leaves
// one envelope: the items written, then the failed result saying the run
// was stopped and how many items its data holds.
func TestBinaryStoppedHalfwayThroughAStreamedListing(t *testing.T) {
	bin := buildBinary(t)
	arrived := make(chan struct{}, 1)
	var org *httptest.Server
	org = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("after") == "" {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Link", `<`+org.URL+`/api/v1/users?after=00u3&limit=200>; rel="next"`)
			fmt.Fprint(w, `[{"id": "00u1"}, {"id": "00u2"}, {"id": "00u3"}]`)
			return
		}
		holdRequest(arrived, r)
	}))
	defer org.Close()
	cmd := exec.Command(bin)
	cmd.Stdin = strings.NewReader(`{"identifier":"list_users","timeout":30,"config":{"base_url":"` + org.URL + `","api_key":"k-1234"}}`)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Start())
	select {
	case <-arrived:
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("the second page was never asked for; stderr: %s", stderr.String())
	}
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	err := cmd.Wait()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "stdout: %s", stdout.String())
	assert.Equal(t, 1, exit.ExitCode())
	dec := json.NewDecoder(&stdout)
	var env envelope
	require.NoError(t, dec.Decode(&env), "stdout must hold the envelope; stderr: %s", stderr.String())
	assert.False(t, dec.More(), "nothing but one envelope on stdout")
	assert.Equal(t, "failed", env.Status)
	assert.Len(t, dataOf(t, env), 3)
	assert.Contains(t, resultMessage(env), "the connector was asked to stop")
	assert.Contains(t, resultMessage(env), "; data holds the 3 items read before this")
}
