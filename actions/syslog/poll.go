package syslog

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/soar-okta/okta-connector/actions/internal/present"
	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/internal/textcut"
)

// firstPollWindow is how far back the first poll of an asset reaches.
const firstPollWindow = 24 * time.Hour

// OnPoll ingests the System Log events of the asset's poll_event_types as
// containers, oldest first. Without start_time it continues from the
// checkpoint of the previous run (see logCheckpoint) and returns
// the new checkpoint as the envelope's state; with start_time it reads that
// window once and leaves the checkpoint as it was.
func OnPoll(ctx context.Context, c *connector.Call) (connector.Output, error) {
	filter, err := eventTypeFilter("poll_event_types", strings.Split(c.Settings.PollEventTypes, ","))
	if err != nil {
		return connector.Output{}, fmt.Errorf("check the asset's configuration: %w", err)
	}
	if ids := c.Params.String("container_id"); ids != "" {
		return connector.Output{}, fmt.Errorf("container_id %s asks for chosen source ids, but on poll ingests System Log events by time (from the checkpoint, or start_time for a one-off window): leave container_id empty", textcut.QuoteValue(ids))
	}
	maxContainers, err := pollCount(c.Params, "container_count", maxContainersPerPoll)
	if err != nil {
		return connector.Output{}, err
	}
	maxArtifacts, err := pollCount(c.Params, "artifact_count", maxArtifactsPerContainer)
	if err != nil {
		return connector.Output{}, err
	}
	window, cp, manual, err := pollStart(ctx, c)
	if err != nil {
		return connector.Output{}, err
	}
	resumed := !manual && c.State[stateLastPublished] != nil

	q := url.Values{"filter": {filter}, "sortOrder": {"ASCENDING"}}
	window.Query(q)
	var containers []any
	artifacts := 0
	inRun := map[string]bool{}
	err = c.Okta.LogPages(ctx, q, maxContainers+cp.Len(), func(page []json.RawMessage) (bool, error) {
		for _, raw := range page {
			ev, err := decodeEvent(raw)
			if err != nil {
				return false, err
			}
			if inRun[ev.UUID] {
				return false, fmt.Errorf("Okta returned System Log event %s twice in one poll; stopping without saving a checkpoint, the next poll retries", ev.UUID)
			}
			inRun[ev.UUID] = true
			if cp.Seen(ev.published, ev.UUID) {
				continue
			}
			cont := ev.container(maxArtifacts)
			containers = append(containers, cont)
			artifacts += len(cont.Artifacts)
			cp.Advance(ev.published, ev.UUID)
			if len(containers) >= maxContainers {
				return false, nil
			}
		}
		return true, nil
	})
	if resumed && (err != nil || len(containers) == 0) {
		// Nothing came: a checkpoint ahead of the org's clock would
		// stall every poll until then (or make Okta refuse since).
		if ahead := checkpointAhead(ctx, c, cp); ahead != nil {
			return connector.Output{}, ahead
		}
	}
	if err != nil {
		return connector.Output{}, err
	}

	msg := fmt.Sprintf("Ingested %s with %s from System Log events %s", present.Plural(len(containers), "container"), present.Plural(artifacts, "artifact"), window.Describe())
	capped := len(containers) >= maxContainers
	out := connector.Output{
		Data:    containers,
		Summary: map[string]any{"num_containers": len(containers), "num_artifacts": artifacts, "since": stamp(window.Since)},
	}
	switch {
	case manual && capped:
		msg += fmt.Sprintf("; stopped at container_count (%d) at events published %s; the polling checkpoint is unchanged because start_time was given", maxContainers, stamp(cp.Published))
	case manual:
		msg += "; the polling checkpoint is unchanged because start_time was given"
	case c.DryRun:
		msg += "; dry run, so the polling checkpoint is unchanged"
	default:
		out.State = cp.State()
		out.Summary["checkpoint"] = stamp(cp.Published)
		if capped {
			msg += fmt.Sprintf("; stopped at container_count (%d), the next poll continues from %s", maxContainers, stamp(cp.Published))
		}
	}
	out.Message = msg
	return out, nil
}

// pollStart works out the window of a run and the checkpoint it starts
// from: start_time (a manual run), else the checkpoint of the previous run,
// else 24 hours before the org's clock.
func pollStart(ctx context.Context, c *connector.Call) (window timeWindow, cp *logCheckpoint, manual bool, err error) {
	if cp, err = readLogCheckpoint(c.State); err != nil {
		return window, nil, false, err
	}
	if window, err = resolveWindow(ctx, c, "start_time", "end_time"); err != nil {
		return window, nil, false, err
	}
	manual = !window.Since.IsZero()
	switch {
	case manual:
		cp = newLogCheckpoint(window.Since)
	case cp == nil:
		now, err := c.Okta.OrgTime(ctx)
		if err != nil {
			return window, nil, false, err
		}
		cp = newLogCheckpoint(now.Add(-firstPollWindow))
	}
	window.Since = cp.Published
	if !window.Until.IsZero() && !window.Since.Before(window.Until) {
		return window, nil, false, fmt.Errorf("end_time %s is not after the polling checkpoint %s: nothing to ingest; give a later end_time or leave it empty", stamp(window.Until), stamp(window.Since))
	}
	return window, cp, manual, nil
}

// clockSlack covers the org's Date header, which is to the second, when a
// checkpoint is compared with it.
const clockSlack = 2 * time.Second

// checkpointAhead reads the org's clock and returns an error when the
// checkpoint the poll resumed from lies ahead of it: no event can be
// ingested before then, and the poll would otherwise stall silently.
func checkpointAhead(ctx context.Context, c *connector.Call, cp *logCheckpoint) error {
	now, err := c.Okta.OrgTime(ctx)
	if err != nil || !cp.Published.After(now.Add(clockSlack)) {
		return nil
	}
	return fmt.Errorf("the polling checkpoint in the asset's state (%s) is %s ahead of the org's clock (%s): no event published before it can be ingested, so every poll would find nothing until then; clear the asset's state to start over from the last 24 hours, or give start_time for a one-off window", stamp(cp.Published), roundAhead(cp.Published.Sub(now)), stamp(now))
}

// roundAhead writes a span for the message: whole days past two days,
// else to the second.
func roundAhead(d time.Duration) string {
	if d >= 48*time.Hour {
		return fmt.Sprintf("%d days", int(d/(24*time.Hour)))
	}
	return d.Round(time.Second).String()
}

// Ceilings of a poll's counts. Splunk SOAR sends 4294967295 for both on a
// scheduled poll, meaning no limit of its own; a run still stops at these,
// and the next run continues from its checkpoint.
const (
	maxContainersPerPoll     = 10000
	maxArtifactsPerContainer = 1000
)

// pollCount reads a count that app.json declares a positive whole number
// (validated before the handler runs); a count above ceiling reads as
// ceiling.
func pollCount(p connector.Params, name string, ceiling int) (int, error) {
	v := p.Int(name)
	if v < 1 {
		return 0, fmt.Errorf("%s must be a positive whole number, got %v", name, p[name])
	}
	return min(v, ceiling), nil
}
