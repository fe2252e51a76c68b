package syslog

import (
	"fmt"
	"time"
)

// logCheckpoint is where a System Log poll stopped: the published time of
// the last event ingested and the uuids of every ingested event published
// at that very time. The next poll asks Okta for events since that time
// (Okta's since is inclusive) and drops those uuids, so events that share a
// timestamp are neither skipped nor ingested twice, whether a run stops at
// a page boundary, at its container cap or at the end of the log.
type logCheckpoint struct {
	Published time.Time
	uuids     []string
	seen      map[string]bool
}

// State keys of a logCheckpoint.
const (
	stateLastPublished = "last_published"
	stateLastUUIDs     = "last_uuids"
)

// newLogCheckpoint starts a checkpoint at t with no event seen.
func newLogCheckpoint(t time.Time) *logCheckpoint {
	return &logCheckpoint{Published: t.UTC(), seen: map[string]bool{}}
}

// readLogCheckpoint reads the checkpoint a previous poll left in the
// envelope's state; nil when there is none.
func readLogCheckpoint(state map[string]any) (*logCheckpoint, error) {
	raw, ok := state[stateLastPublished]
	if !ok || raw == nil {
		return nil, nil
	}
	bad := func(what string) error {
		return fmt.Errorf("the asset's polling state is not one this connector wrote (%s); clear the state to start over from the last 24 hours, or give start_time", what)
	}
	s, ok := raw.(string)
	if !ok {
		return nil, bad(stateLastPublished + " is not a timestamp")
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return nil, bad(stateLastPublished + " is not a timestamp")
	}
	cp := newLogCheckpoint(t)
	list, _ := state[stateLastUUIDs].([]any)
	if state[stateLastUUIDs] != nil && list == nil {
		return nil, bad(stateLastUUIDs + " is not a list")
	}
	for _, v := range list {
		id, ok := v.(string)
		if !ok {
			return nil, bad(stateLastUUIDs + " holds a value that is not a uuid")
		}
		cp.add(id)
	}
	return cp, nil
}

func (cp *logCheckpoint) add(id string) {
	if !cp.seen[id] {
		cp.seen[id] = true
		cp.uuids = append(cp.uuids, id)
	}
}

// Len is the number of uuids remembered at the checkpoint's time.
func (cp *logCheckpoint) Len() int { return len(cp.uuids) }

// Seen reports whether an event was ingested before: it was published at
// the checkpoint's time under a remembered uuid, or earlier.
func (cp *logCheckpoint) Seen(published time.Time, id string) bool {
	if published.Before(cp.Published) {
		return true
	}
	return published.Equal(cp.Published) && cp.seen[id]
}

// Advance records an ingested event; events must come in ascending order.
func (cp *logCheckpoint) Advance(published time.Time, id string) {
	switch {
	case published.After(cp.Published):
		cp.Published = published.UTC()
		cp.uuids, cp.seen = nil, map[string]bool{}
		cp.add(id)
	case published.Equal(cp.Published):
		cp.add(id)
	}
}

// State is the checkpoint as the envelope's state.
func (cp *logCheckpoint) State() map[string]any {
	uuids := make([]any, len(cp.uuids))
	for i, id := range cp.uuids {
		uuids[i] = id
	}
	return map[string]any{stateLastPublished: stamp(cp.Published), stateLastUUIDs: uuids}
}
