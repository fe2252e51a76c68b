package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/fixtures/simorg"
)

func logFamily() hostileFamily {
	actionPaths := map[string][]string{}
	var hostileTargets []hostileTarget
	for _, target := range []hostileTarget{
		{"get_logs", "since", nil},
		{"get_logs", "until", nil},
		{"get_failed_logins", "since", nil},
		{"get_group_assignments", "until", nil},
		{"get_application_assignments", "since", nil},
		{"get_application_authentication", "until", nil},
		{"on_poll", "start_time", nil},
		{"on_poll", "end_time", nil},
	} {
		hostileTargets = append(hostileTargets, target)
		actionPaths[target.action] = []string{`/api/v1/logs`}
	}
	return hostileFamily{targets: hostileTargets, paths: actionPaths}
}

// pollResult is what a test reads from an on poll envelope.
type pollResult struct {
	Status        string         `json:"status"`
	State         map[string]any `json:"state"`
	ActionResults []struct {
		Status  string           `json:"status"`
		Message string           `json:"message"`
		Data    []map[string]any `json:"data"`
		Summary map[string]any   `json:"summary"`
	} `json:"action_results"`
}

func (r pollResult) uuids() []string {
	var out []string
	for _, c := range r.ActionResults[0].Data {
		out = append(out, c["source_data_identifier"].(string))
	}
	return out
}

// runPoll runs on poll once with the given state and parameters.
func runPoll(t *testing.T, p connector.Program, cfg map[string]any, state map[string]any, params map[string]any) pollResult {
	t.Helper()
	req := request("on_poll", cfg, params)
	if state != nil {
		req["state"] = state
	}
	in, err := json.Marshal(req)
	require.NoError(t, err)
	var stdout, stderr bytes.Buffer
	connector.Main(context.Background(), p, nil, bytes.NewReader(in), &stdout, &stderr)
	var res pollResult
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &res), stdout.String())
	require.Len(t, res.ActionResults, 1)
	require.Equal(t, "success", res.Status, res.ActionResults[0].Message)
	return res
}

// polledSeed lists the seeded events of the default poll_event_types
// published in the 24 hours before the org's clock, oldest first.
var polledSeed = []string{
	"a797c16f-8729-11f0-beaf-2a23ea87c858", "428ba7d9-1bd2-11f0-80ee-6baac0d82ec1", "c5f2b63a-c29c-11f0-9260-dc84d10abec1", // 12:00:00, three at once
	"4ca086f5-f4bd-11f0-85f1-e730c4e16a44",
	"239cb67b-21fd-11f0-af39-c9fa372492f7", "6f804f4f-c5b5-11f0-a159-70de9713420a", // 14:02:00, two at once
	"be462e46-a803-11f0-b9c3-a3df7a5aef69", "7f932710-e9e1-11f0-9b85-751a76fe2f14", "f1677380-344b-11f0-b319-b6b2b78b733b",
	"c7ccd338-1f36-11f0-ba61-da67336398ce", "d9366a22-1ed5-11f0-a91c-db9fc2815743", "0253e14f-c8a9-11f0-8203-49244ed5a6cb",
	"c624d14a-ad1c-11f0-bd65-379f09548530", "d071eada-7691-11f0-8dcf-689ebdee6d17", "e948d9cf-3120-11f0-bd8f-6302576bb075",
	"cbbf5f7e-b1de-11f0-976a-4ac0a89de88b",
	"bc4208f5-97fc-11f0-ae6b-fa37a3d43c14", "54dcccf7-6a3b-11f0-8f4c-324b9a9b45f9", // 08:15:00, two at once
	"589baf80-fde4-11f0-88fb-2d5f4a077761", "74015f16-4bc4-11f0-b51c-2e27a4199e39", "74dbb7e9-0ea4-11f0-8606-59ddb61c4de8",
}

func newEvent(uuid, published, eventType, result string) json.RawMessage {
	return json.RawMessage(fmt.Sprintf(`{"uuid":%q,"published":%q,"eventType":%q,"displayMessage":"test event","severity":"WARN",`+
		`"actor":{"id":"00ub8DwkNhFdnXsiVpzz","type":"User","alternateId":"ravi.patel@example.com","displayName":"Ravi Patel"},`+
		`"client":{"ipAddress":"203.0.113.9"},"outcome":{"result":%q},"target":[]}`, uuid, published, eventType, result))
}

// Runs that each stop at container_count, over pages of two events, with
// events arriving between runs (some at the very timestamp of the last
// checkpoint), ingest every event exactly once; the state of each run is
// what the next one receives.
func TestOnPollIngestsEveryEventExactlyOnce(t *testing.T) {
	sim, p, cfg := simProgram(t, simorg.WithPageCap(2))
	want := append([]string(nil), polledSeed...)
	var got []string
	var state map[string]any
	arrivals := map[int][]json.RawMessage{
		// After run 1 stops inside the three events of 12:00:00.
		1: {newEvent("a0000000-0000-11f1-8000-000000000001", "2026-01-14T12:00:00.000Z", "user.account.lock", "FAILURE")},
		// After run 3, which stops at 14:02:00: one more at that time,
		// one later, one of a type that is not polled, and one failed
		// sign-in.
		3: {
			newEvent("a0000000-0000-11f1-8000-000000000002", "2026-01-14T14:02:00.000Z", "user.session.start", "FAILURE"),
			newEvent("a0000000-0000-11f1-8000-000000000003", "2026-01-15T09:59:59.000Z", "user.lifecycle.suspend", "SUCCESS"),
			newEvent("a0000000-0000-11f1-8000-000000000004", "2026-01-15T09:59:59.000Z", "user.session.start", "SUCCESS"),
			newEvent("a0000000-0000-11f1-8000-000000000005", "2026-01-15T09:59:59.500Z", "user.session.start", "FAILURE"),
		},
	}
	// The event of run 1 shares the checkpoint's timestamp and one of
	// run 3 the next checkpoint's: both are still ingested.
	want = append(want, "a0000000-0000-11f1-8000-000000000001", "a0000000-0000-11f1-8000-000000000002",
		"a0000000-0000-11f1-8000-000000000003", "a0000000-0000-11f1-8000-000000000005")

	runs := 0
	for ; runs < 20; runs++ {
		res := runPoll(t, p, cfg, state, map[string]any{"container_count": 2})
		ingested := res.uuids()
		got = append(got, ingested...)
		require.NotNil(t, res.State, "every scheduled run returns a checkpoint")
		if runs == 0 {
			assert.Len(t, ingested, 2, "the first run stops at container_count")
			assert.Contains(t, res.ActionResults[0].Message, "the next poll continues from 2026-01-14T12:00:00.000Z")
		}
		state = res.State
		if events, ok := arrivals[runs+1]; ok {
			require.NoError(t, sim.AppendEvents(events...))
		}
		if len(ingested) == 0 && runs > 3 {
			break
		}
	}
	require.Less(t, runs, 20, "polling must come to an end")

	counts := map[string]int{}
	for _, id := range got {
		counts[id]++
	}
	for id, n := range counts {
		assert.Equal(t, 1, n, "event %s ingested %d times", id, n)
	}
	sort.Strings(want)
	sort.Strings(got)
	assert.Equal(t, want, got, "every polled event is ingested")
	assert.Empty(t, sim.SpecErrors())
}

// A checkpoint from an earlier run is kept through a manual window and a
// dry run, and the next scheduled run continues from it.
func TestOnPollManualWindowAndDryRunKeepTheCheckpoint(t *testing.T) {
	_, p, cfg := simProgram(t)
	first := runPoll(t, p, cfg, nil, map[string]any{"container_count": 5})
	require.Len(t, first.uuids(), 5)
	manual := runPoll(t, p, cfg, first.State, map[string]any{"start_time": "2026-01-14T00:00:00Z", "container_count": 1})
	assert.Equal(t, first.State, manual.State, "a manual window leaves the checkpoint")
	assert.Equal(t, []string{"dee9b7bd-6593-11f0-8d48-e86c6bcd59cf"}, manual.uuids())

	req := request("on_poll", cfg, map[string]any{"container_count": 5})
	req["state"], req["dry_run"] = first.State, true
	in, _ := json.Marshal(req)
	var stdout bytes.Buffer
	connector.Main(context.Background(), p, nil, bytes.NewReader(in), &stdout, &bytes.Buffer{})
	var dry pollResult
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &dry))
	assert.Equal(t, first.State, dry.State, "a dry run leaves the checkpoint")
	assert.Contains(t, dry.ActionResults[0].Message, "dry run")

	next := runPoll(t, p, cfg, first.State, map[string]any{"container_count": 5})
	assert.Equal(t, polledSeed[5:10], next.uuids())
}

// The System Log's polling cursor keeps a next link after the last event;
// the pager stops on a short or empty page.
func TestLogPagingStopsAtTheEndOfThePollingCursor(t *testing.T) {
	cases := []struct {
		name      string
		cap       int
		params    map[string]any
		wantItems int
		wantPages int
	}{
		{"short last page", 2, map[string]any{"since": "-24h", "limit": 1000}, 31, 16},
		{"full pages end on an empty page", 2, map[string]any{"since": "2026-01-15T09:20:00Z"}, 4, 3},
		{"a bounded window ends without a next link", 2, map[string]any{"since": "2026-01-14T12:00:00Z", "until": "2026-01-14T14:02:00.001Z"}, 6, 3},
		{"one page shorter than asked", 0, map[string]any{"since": "-24h"}, 31, 2},
		{"limit reached", 2, map[string]any{"since": "-24h", "limit": 5}, 5, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, p, cfg := simProgram(t, simorg.WithPageCap(c.cap))
			code, env, _ := invoke(t, p, request("get_logs", cfg, c.params))
			require.Equal(t, 0, code, resultMessage(env))
			assert.Len(t, env.ActionResults[0]["data"], c.wantItems)
			var pages int
			for _, r := range sim.Requests() {
				if strings.Contains(r.RawQuery, "limit=1&") || r.RawQuery == "limit=1" {
					continue // the org's clock
				}
				pages++
			}
			assert.Equal(t, c.wantPages, pages, "log pages requested")
		})
	}
}

// A server that keeps answering with a next link never makes the
// connector loop: the limit, the container cap, a repeated link or a
// repeated event ends it.
func TestLogPagingNeverLoops(t *testing.T) {
	type fault func(n int64, w http.ResponseWriter, r *http.Request)
	page := func(w http.ResponseWriter, r *http.Request, next string, events ...json.RawMessage) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Add("Link", "<https://"+r.Host+"/api/v1/logs?after="+next+">; rel=\"next\"")
		raw, _ := json.Marshal(events)
		_, _ = w.Write(raw)
	}
	fresh := func(n int64, w http.ResponseWriter, r *http.Request) {
		page(w, r, fmt.Sprint(n), newEvent(fmt.Sprintf("b0000000-0000-11f1-8000-%012d", n), "2026-01-15T09:00:00.000Z", "user.account.lock", "FAILURE"))
	}
	cases := []struct {
		name   string
		action string
		params map[string]any
		fault  fault
		want   string // failure message; empty: success
		pages  int64
	}{
		{"new events forever, get logs", "get_logs", map[string]any{"limit": 7}, fresh, "", 7},
		{"new events forever, on poll", "on_poll", map[string]any{"container_count": 4}, fresh, "", 4},
		{"same link forever", "get_logs", map[string]any{"limit": 50}, func(n int64, w http.ResponseWriter, r *http.Request) {
			page(w, r, "same", newEvent(fmt.Sprintf("c0000000-0000-11f1-8000-%012d", n), "2026-01-15T09:00:00.000Z", "user.account.lock", "FAILURE"))
		}, "same next-page link twice", 2},
		{"an error on a later page fails the run", "on_poll", map[string]any{"container_count": 50}, func(n int64, w http.ResponseWriter, r *http.Request) {
			if n == 1 {
				fresh(n, w, r)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(`{"errorCode":"E0000006","errorSummary":"You do not have permission to perform the requested action","errorLink":"E0000006","errorId":"oaeTest","errorCauses":[]}`))
		}, "E0000006", 2},
		{"same event forever", "on_poll", map[string]any{"container_count": 50}, func(n int64, w http.ResponseWriter, r *http.Request) {
			page(w, r, fmt.Sprint(n), newEvent("d0000000-0000-11f1-8000-000000000001", "2026-01-15T09:00:00.000Z", "user.account.lock", "FAILURE"))
		}, "twice in one poll", 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, p, cfg := simProgram(t)
			var calls atomic.Int64
			sim.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
				if r.URL.Query().Get("limit") == "1" && r.URL.Query().Get("after") == "" && r.URL.Query().Get("since") == "" {
					return false // the org's clock
				}
				c.fault(calls.Add(1), w, r)
				return true
			})
			code, env, _ := invoke(t, p, request(c.action, cfg, c.params))
			if c.want == "" {
				require.Equal(t, 0, code, resultMessage(env))
			} else {
				require.Equal(t, 1, code)
				assert.Contains(t, resultMessage(env), c.want)
			}
			assert.Equal(t, c.pages, calls.Load(), "pages requested")
		})
	}
}

// A poll is one run: more than one parameter set is refused whole, with
// nothing sent and the checkpoint kept, instead of ingesting the same
// events once per set.
func TestPollRefusesSeveralParameterSets(t *testing.T) {
	state := map[string]any{"last_published": "2026-01-15T09:00:00.000Z", "last_uuids": []any{}}
	cases := []struct {
		name string
		sets []map[string]any
		want string
	}{
		{"two empty sets", []map[string]any{{}, {}}, "takes one parameter set, got 2"},
		{"two different windows", []map[string]any{{"container_count": 5}, {"start_time": "-1h"}}, "takes one parameter set, got 2"},
		{"three sets", []map[string]any{{}, {}, {}}, "got 3"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, p, cfg := simProgram(t)
			req := request("on_poll", cfg, c.sets...)
			req["state"] = state
			in, err := json.Marshal(req)
			require.NoError(t, err)
			var stdout, stderr bytes.Buffer
			code := connector.Main(context.Background(), p, nil, bytes.NewReader(in), &stdout, &stderr)
			assert.Equal(t, connector.ExitUnusable, code)
			var res pollResult
			require.NoError(t, json.Unmarshal(stdout.Bytes(), &res), stdout.String())
			assert.Equal(t, "failed", res.Status)
			require.Len(t, res.ActionResults, len(c.sets))
			for _, r := range res.ActionResults {
				assert.Equal(t, "failed", r.Status)
				assert.Contains(t, r.Message, c.want)
				assert.Empty(t, r.Data)
			}
			assert.Equal(t, state, res.State, "the checkpoint is kept")
			assert.Empty(t, sim.Requests(), "nothing is read or ingested")
		})
	}
}

// A checkpoint ahead of the org's clock would stall every poll until then
// (or make Okta refuse since): the poll fails and says so, and the state
// is kept for the analyst to clear. A checkpoint within the Date header's
// second is not ahead.
func TestPollWithACheckpointInTheFuture(t *testing.T) {
	cases := []struct {
		name       string
		checkpoint string
		empty      bool     // the log answers an empty page instead of refusing since
		want       []string // failure message; none: success
	}{
		{"a day ahead, the log answering nothing", "2026-01-16T10:00:00.000Z", true, []string{"is 24h0m0s ahead of the org's clock", "every poll would find nothing until then"}},
		{"at the org's clock, the log answering nothing", "2026-01-15T10:00:00.000Z", true, nil},
		{"a year ahead", "2027-01-15T10:00:00.000Z", false, []string{"the polling checkpoint in the asset's state (2027-01-15T10:00:00.000Z) is 365 days ahead of the org's clock (2026-01-15T10:00:00.000Z)", "clear the asset's state", "start_time"}},
		{"an hour ahead", "2026-01-15T11:00:00.000Z", false, []string{"is 1h0m0s ahead of the org's clock"}},
		{"at the org's clock", "2026-01-15T09:59:59.500Z", false, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sim, p, cfg := simProgram(t)
			if c.empty {
				sim.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
					if r.URL.Path != "/api/v1/logs" || r.URL.Query().Get("since") == "" {
						return false
					}
					w.Header().Set("Content-Type", "application/json")
					_, _ = w.Write([]byte("[]"))
					return true
				})
			}
			state := map[string]any{"last_published": c.checkpoint, "last_uuids": []any{"e0000000-0000-11f1-8000-000000000001"}}
			req := request("on_poll", cfg, map[string]any{})
			req["state"] = state
			in, err := json.Marshal(req)
			require.NoError(t, err)
			var stdout, stderr bytes.Buffer
			code := connector.Main(context.Background(), p, nil, bytes.NewReader(in), &stdout, &stderr)
			var res pollResult
			require.NoError(t, json.Unmarshal(stdout.Bytes(), &res), stdout.String())
			require.Len(t, res.ActionResults, 1)
			msg := res.ActionResults[0].Message
			if c.want == nil {
				assert.Equal(t, connector.ExitSuccess, code, msg)
				return
			}
			assert.Equal(t, connector.ExitFailed, code, msg)
			for _, w := range c.want {
				assert.Contains(t, msg, w)
			}
			assert.Equal(t, state, res.State, "the checkpoint is kept")
		})
	}
}
