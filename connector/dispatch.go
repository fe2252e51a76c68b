package connector

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/rs/zerolog"

	"github.com/soar-okta/okta-connector/envelope"
	"github.com/soar-okta/okta-connector/oktaapi"
	"github.com/soar-okta/okta-connector/schema"
)

// invocation is one run of the binary on one request envelope.
type invocation struct {
	program Program
	app     *schema.App
	stdout  io.Writer
	stderr  io.Writer
	replay  bool
}

func (inv *invocation) run(parent context.Context, source io.Reader) (code int) {
	req, err := envelope.Decode(source)
	if err != nil {
		return writeUnusable(inv.stdout, nil, err.Error())
	}
	action, err := inv.app.Lookup(req.Action, req.Identifier)
	if err != nil {
		return writeUnusable(inv.stdout, req, err.Error())
	}
	env := &envelope.Envelope{Action: action.Name, Identifier: action.Identifier, ActionResults: []*envelope.Result{}}
	runs := req.Parameters
	if len(runs) == 0 {
		runs = []map[string]any{{}}
	}
	timeout := time.Duration(req.TimeoutSeconds() * float64(time.Second))
	ctx, cancel := context.WithTimeout(parent, timeout)
	defer cancel()

	s, closeReplay, problem := inv.connect(ctx, req, action, runs)
	defer closeReplay()
	if problem != "" {
		return inv.unusable(env, action, runs, s.scr, problem)
	}
	handler := inv.program.Handlers[action.Identifier]
	if handler == nil {
		return inv.unusable(env, action, runs, s.scr, fmt.Sprintf("action %q is declared in app.json but has no handler in this build", action.Name))
	}
	if problem := oneRunOnly(action, len(runs)); problem != "" {
		env.State = req.State // the checkpoint stays as it was
		return inv.unusable(env, action, runs, s.scr, problem)
	}

	jobs, err := expandRuns(action, runs, s.scale)
	if err != nil {
		return inv.unusable(env, action, runs, s.scr, err.Error())
	}
	s.log.Info().Str("action", action.Identifier).Str("asset_id", req.AssetID).Int("runs", len(runs)).Int("results", len(jobs)).
		Int("concurrency", min(s.scale.MaxConcurrency, len(jobs))).Bool("dry_run", req.DryRun).Msg("action started")
	start := time.Now()
	s.dryRun, s.state, s.timeout = req.DryRun, req.State, timeout
	s.reads = oktaapi.NewReadBudget(inv.program.ListBounds)
	if streams(action, jobs, req.DryRun) {
		s.streamTo, s.env = inv.stdout, env
		defer func() {
			// Once items are out, the envelope can only be completed: a
			// panic past that point ends the stream instead of starting
			// a second envelope.
			if s.stream != nil && s.stream.Started() {
				if p := recover(); p != nil {
					code = inv.abortStream(s, env, action, p)
				}
			}
		}()
	}
	if len(req.State) > 0 {
		env.State = req.State
	}
	var states []map[string]any
	env.ActionResults, states = inv.runAll(ctx, s, action, handler, jobs)
	for _, st := range states {
		if st != nil {
			env.State = st
		}
	}
	env.Finish()
	s.log.Info().Str("action", action.Identifier).Str("status", env.Status).Dur("elapsed_ms", time.Since(start)).Msg("action finished")
	var wasWithheld bool
	if s.stream != nil {
		wasWithheld = s.stream.Finish(env)
	} else {
		wasWithheld = envelope.Write(inv.stdout, env, s.scr)
	}
	if wasWithheld {
		s.log.Error().Str("action", action.Identifier).Msg("the result was withheld: written out, it would have disclosed a secret")
		return ExitFailed
	}
	if env.Status == envelope.StatusSuccess {
		return ExitSuccess
	}
	return ExitFailed
}

// streams reports whether a request's result is streamed: its listing
// items written to stdout as they arrive (envelope.Stream, Call.Emit).
// Only a request of one result is, so that nothing else waits on it; only
// a read-only action's, since a change's result must be seen whole; and
// not a dry run, whose data is the plan of what would be sent. Every other
// request keeps its items until its envelope is written.
func streams(action *schema.Action, jobs []job, dryRun bool) bool {
	return len(jobs) == 1 && jobs[0].fail == "" && action.ReadOnly && !dryRun
}

// abortStream completes a started stream after a panic outside the
// handler: the result fails with an internal error, after the items
// already written.
func (inv *invocation) abortStream(s *session, env *envelope.Envelope, action *schema.Action, p any) int {
	s.log.Error().Str("panic", fmt.Sprint(p)).Str("stack", string(debug.Stack())).Msg("connector panicked while writing a streamed result")
	res := envelope.NewResult(nil)
	if len(env.ActionResults) == 1 && env.ActionResults[0] != nil {
		res.Parameter = env.ActionResults[0].Parameter
	}
	res.Status, res.Message = envelope.StatusFailed, internalError(action.Name, p)+streamedNote(s.stream.Close())
	env.ActionResults = []*envelope.Result{res}
	env.Finish()
	s.stream.Finish(env)
	return ExitFailed
}

// streamedNote is what a failed streamed result's message adds: how many
// items its data holds, written before the failure.
func streamedNote(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("; data holds the %s read before this", envelope.Items(n))
}

// oneRunOnly refuses more than one parameter set for an ingest action: a
// poll is one run over the asset's checkpoint, and running it once per
// set would ingest the same events once per set. Running only one of the
// sets would instead drop the others silently, and they may differ
// (start_time, container_count), so the request is refused whole.
func oneRunOnly(action *schema.Action, runs int) string {
	if action.Type != "ingest" || runs <= 1 {
		return ""
	}
	return fmt.Sprintf("%s takes one parameter set, got %d: a poll is one run over the asset's checkpoint, and each set would ingest the same events again; send the parameters as one set", action.Name, runs)
}

// session is what every run of one invocation shares.
type session struct {
	org      *oktaapi.Org
	settings ActionSettings
	log      zerolog.Logger
	scr      *envelope.Scrubber
	scale    Scale
	dryRun   bool
	state    map[string]any
	timeout  time.Duration
	reads    *oktaapi.ReadBudget // what the request's listings may still read

	// streamTo, when set, is where the one result's listing items are
	// written as they arrive (streams), in the envelope env; stream is
	// that result's stream once its run started.
	streamTo io.Writer
	env      *envelope.Envelope
	stream   *envelope.Stream
}

// connect validates the asset configuration and builds the Okta client. A
// non-empty problem means the request cannot be used; the session still
// carries the scrubber and logger for the envelope.
func (inv *invocation) connect(ctx context.Context, req *envelope.Request, action *schema.Action, runs []map[string]any) (s *session, closeReplay func(), problem string) {
	s, closeReplay = &session{}, func() {}
	config, env := req.Config, req.Environment
	var roots = inv.program.RootCAs
	if inv.replay {
		target, err := inv.startReplay(ctx)
		if err != nil {
			return s, closeReplay, "cannot start the simulated org: " + err.Error()
		}
		// The simulated org is reached directly: no proxy applies.
		closeReplay, config, roots, env = target.Close, target.configFor(config), target.RootCAs, nil
	}
	config, ignored := inv.declaredConfig(config)
	s.scr = envelope.NewScrubber(inv.app.Secrets(action, config, runs))
	s.log = envelope.NewLogger(inv.stderr, req.DebugLevel, s.scr)
	if len(ignored) > 0 {
		s.log.Debug().Strs("keys", ignored).Msg("ignored configuration keys that app.json does not declare")
	}
	var set Settings
	cfg, err := inv.app.ValidateConfig(config)
	if err == nil {
		set, err = settingsFrom(cfg, env)
	}
	if err == nil {
		s.scale = scaleFrom(cfg)
		set.Okta.RootCAs, set.Okta.RetryBase = roots, inv.program.RetryBase
		for _, v := range set.secrets() {
			s.scr.Add(v)
		}
		s.settings = set.Action
		s.org, err = oktaapi.Connect(ctx, set.Okta, s.log, s.scr)
	}
	if err != nil {
		return s, closeReplay, "invalid asset configuration: " + err.Error()
	}
	return s, closeReplay, ""
}

// declaredConfig keeps the configuration keys app.json declares. SOAR
// platforms add their own keys to an asset's configuration (the app's
// directory, name, version...); those are ignored, by name only, since a
// value could be a secret.
func (inv *invocation) declaredConfig(cfg map[string]any) (map[string]any, []string) {
	return splitDeclared(cfg, func(k string) bool { return inv.app.Configuration[k] != nil })
}

// declaredOnly drops parameter names the action does not declare: the
// failure message names them, the echo keeps to the declared data paths.
func declaredOnly(action *schema.Action, raw map[string]any) map[string]any {
	kept, _ := splitDeclared(raw, func(k string) bool { return action.Parameters[k] != nil })
	return kept
}

// splitDeclared copies the entries of m whose key is declared and returns
// the other keys, sorted.
func splitDeclared(m map[string]any, declared func(string) bool) (map[string]any, []string) {
	kept := map[string]any{}
	var dropped []string
	for k, v := range m {
		if declared(k) {
			kept[k] = v
		} else {
			dropped = append(dropped, k)
		}
	}
	sort.Strings(dropped)
	return kept, dropped
}

// maxUnusableResults bounds the failed results an unusable request gets:
// past it, the envelope carries the message alone, so that a request of
// countless parameter sets cannot make its refusal any larger.
const maxUnusableResults = DefaultMaxTargets

// unusable writes a failed envelope with one failed result per parameter
// set (none when there are more than maxUnusableResults).
func (inv *invocation) unusable(env *envelope.Envelope, action *schema.Action, runs []map[string]any, scr *envelope.Scrubber, msg string) int {
	if len(runs) > maxUnusableResults {
		runs = nil
	}
	for _, r := range runs {
		res := envelope.NewResult(action.Masked(r))
		res.Status, res.Message = envelope.StatusFailed, msg
		env.ActionResults = append(env.ActionResults, res)
	}
	env.Finish()
	env.Message = msg
	envelope.Write(inv.stdout, env, scr)
	return ExitUnusable
}

// runAll produces one result per job, in job order, running at most
// max_concurrency of them at the same time, and the checkpoint each
// handler returned (nil for none).
func (inv *invocation) runAll(ctx context.Context, s *session, action *schema.Action, h Handler, jobs []job) ([]*envelope.Result, []map[string]any) {
	results := make([]*envelope.Result, len(jobs))
	states := make([]map[string]any, len(jobs))
	runPool(len(jobs), s.scale.MaxConcurrency, func(i int) {
		if jobs[i].fail != "" {
			results[i] = failedResult(action, jobs[i].params, jobs[i].fail)
			return
		}
		results[i], states[i] = inv.runOne(ctx, s, action, h, jobs[i].params)
	}, func(i int, p any) {
		s.log.Error().Str("panic", fmt.Sprint(p)).Str("stack", string(debug.Stack())).Msg("connector panicked while running an action")
		msg := internalError(action.Name, p)
		if s.stream != nil {
			msg += streamedNote(s.stream.Close())
		}
		results[i] = failedResult(action, jobs[i].params, msg)
	})
	return results, states
}

// failedResult is the result of a parameter set that could not run: its
// declared parameters echoed, secrets masked.
func failedResult(action *schema.Action, raw map[string]any, msg string) *envelope.Result {
	res := envelope.NewResult(echo(action, declaredOnly(action, raw), raw))
	res.Status, res.Message = envelope.StatusFailed, msg
	return res
}

func internalError(action string, p any) string {
	return fmt.Sprintf("internal error in %q: %v; this is a connector bug, please report it with the request (secrets removed)", action, p)
}

// runOne validates one parameter set and runs the handler on it, never
// letting a panic or a hang escape: the result is always filled in. state
// is the checkpoint the handler returned, if any.
func (inv *invocation) runOne(ctx context.Context, s *session, action *schema.Action, h Handler, raw map[string]any) (res *envelope.Result, state map[string]any) {
	timeout := s.timeout
	params, err := action.Validate(platformParams(action, raw))
	if err != nil {
		return failedResult(action, raw, err.Error()), nil
	}
	res = envelope.NewResult(echo(action, params, raw))
	if ctx.Err() != nil {
		res.Status, res.Message = envelope.StatusFailed, fmt.Sprintf("not run: the request's timeout of %s had already passed", timeout)
		return res, nil
	}
	tries := &oktaapi.Attempts{}
	o := s.org.Client(oktaapi.Run{DryRun: s.dryRun, Reads: s.reads, Attempts: tries})
	call := &Call{Okta: o, Params: Params(params), Settings: s.settings, Log: s.log, State: s.state, DryRun: s.dryRun, scr: s.scr, items: &items{}}
	if s.streamTo != nil {
		s.stream = envelope.NewStream(s.streamTo, s.env, res, s.scr)
		call.items.stream = s.stream
	}

	type outcome struct {
		out Output
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				s.log.Error().Str("panic", fmt.Sprint(p)).Str("stack", string(debug.Stack())).Msg("handler panicked")
				done <- outcome{err: errors.New(internalError(action.Name, p))}
			}
		}()
		out, err := h(ctx, call)
		done <- outcome{out, err}
	}()
	var oc outcome
	select {
	case oc = <-done:
	case <-ctx.Done():
		oc = outcome{err: ctx.Err()}
	}
	plan := o.Plan()
	// A streamed run's items are out: from here on, the handler (still
	// running after a timeout) can add no more, and a failure says how
	// many the data holds.
	stream, note := call.items.stream, ""
	if stream != nil {
		note = streamedNote(stream.Close())
	}
	switch {
	case stream != nil && stream.Withheld():
		res.Status, res.Message = envelope.StatusFailed, stream.WithheldMessage()
	case oktaapi.IsDryRun(oc.err) || (oc.err == nil && len(plan) > 0):
		res.Status = envelope.StatusSuccess
		res.Message = dryRunMessage(action.Name, plan)
		for _, p := range plan {
			res.Data = append(res.Data, p)
		}
		res.Summary["dry_run"] = true
	case oc.err != nil && errors.Is(oc.err, context.DeadlineExceeded) && ctx.Err() != nil:
		res.Status = envelope.StatusFailed
		why := Describe(oc.err)
		if u := tries.Unanswered(ctx); u != nil {
			why = u.Error() // a change was on its way when time ran out
		}
		res.Message = fmt.Sprintf("timed out after %s (the request's timeout) before %q finished: %s", timeout, action.Name, why) + note
	case oc.err != nil && errors.Is(oc.err, context.Canceled) && ctx.Err() != nil:
		res.Status = envelope.StatusFailed
		res.Message = fmt.Sprintf("stopped before %q finished: the connector was asked to stop (a signal from the platform or the system)", action.Name)
		if u := tries.Unanswered(ctx); u != nil {
			res.Message += "; " + u.Error()
		}
		res.Message += note
	case oc.err != nil:
		res.Status, res.Message = envelope.StatusFailed, Describe(oc.err)+note
	default:
		// The items emitted (none here when streamed: they are out, and
		// what the handler returns follows them), then the handler's data.
		res.Status, res.Message = envelope.StatusSuccess, oc.out.Message
		if data := append(call.items.data, oc.out.Data...); data != nil {
			res.Data = data
		}
		for k, v := range oc.out.Summary {
			res.Summary[k] = v
		}
		state = oc.out.State
		if s.dryRun && !action.ReadOnly {
			// Nothing to change (already in state): still say it was a dry run.
			res.Message = "Dry run: " + res.Message
			res.Summary["dry_run"] = true
		}
	}
	res.Message += tries.Note()
	return res, state
}

func dryRunMessage(action string, plan []oktaapi.PlannedRequest) string {
	if len(plan) == 0 {
		return fmt.Sprintf("Dry run: %q would send no change", action)
	}
	reqs := make([]string, len(plan))
	for i, p := range plan {
		reqs[i] = p.Method + " " + p.Path
	}
	return fmt.Sprintf("Dry run: %q would send %s; nothing was changed", action, strings.Join(reqs, ", then "))
}
