package syslog

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/internal/textcut"
)

// Time parameters (since, until, start_time, end_time) accept:
//
//   - an RFC 3339 timestamp, 2026-01-15T10:00:00Z or with fractional
//     seconds and an offset;
//   - a date, 2026-01-15, meaning midnight UTC;
//   - milliseconds since 1970, 12 to 15 digits (what SOAR platforms pass
//     to polling actions);
//   - a span back from now: 30m, 24h, 7d, 2w, 1d12h, optionally written
//     with a leading minus sign (-24h), or "now".
//
// Spans are measured from the org's clock (OrgTime), so a workstation with
// a wrong clock does not shift the window.

// timeLayout is how Okta writes timestamps, and how the connector writes
// the ones it sends.
const timeLayout = "2006-01-02T15:04:05.000Z"

// stamp formats t the way Okta does: UTC with milliseconds.
func stamp(t time.Time) string { return t.UTC().Format(timeLayout) }

var spanUnits = map[byte]time.Duration{
	's': time.Second, 'm': time.Minute, 'h': time.Hour,
	'd': 24 * time.Hour, 'w': 7 * 24 * time.Hour,
}

// maxSpan bounds relative times: far beyond Okta's log retention, short
// enough never to overflow.
const maxSpan = 10 * 366 * 24 * time.Hour

// isRelativeTime reports whether v is a span back from now (or "now"), so
// that it needs the current time to be resolved.
func isRelativeTime(v string) bool {
	_, ok := parseSpan(v)
	return ok
}

// parseSpan reads "now", "24h", "-7d" or "1d12h".
func parseSpan(v string) (time.Duration, bool) {
	if strings.EqualFold(v, "now") {
		return 0, true
	}
	v = strings.TrimPrefix(v, "-")
	if v == "" {
		return 0, false
	}
	var total time.Duration
	for v != "" {
		i := 0
		for i < len(v) && v[i] >= '0' && v[i] <= '9' {
			i++
		}
		if i == 0 || i == len(v) || i > 6 {
			return 0, false
		}
		unit, ok := spanUnits[v[i]|0x20]
		if !ok {
			return 0, false
		}
		n, _ := strconv.Atoi(v[:i])
		total += time.Duration(n) * unit
		if total > maxSpan {
			return 0, false
		}
		v = v[i+1:]
	}
	return total, true
}

// parseTime reads the time parameter name, as Params reads it (trimmed).
// now resolves relative values; it is only consulted for them.
func parseTime(name, v string, now func() time.Time) (time.Time, error) {
	if span, ok := parseSpan(v); ok {
		return now().Add(-span).UTC(), nil
	}
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	if ms, err := strconv.ParseInt(v, 10, 64); err == nil && len(v) >= 12 && len(v) <= 15 {
		return time.UnixMilli(ms).UTC(), nil
	}
	return time.Time{}, fmt.Errorf("%s %s is not a time: give an RFC 3339 timestamp such as 2026-01-15T10:00:00Z, milliseconds since 1970, or a span back from now such as 30m, 24h or 7d", name, textcut.QuoteValue(v))
}

// timeWindow is a [since, until) window of time parameters; a zero end is
// open.
type timeWindow struct {
	Since, Until time.Time
}

// resolveWindow reads two optional time parameters into a window. The
// org's clock is read (once) only when one of them is relative.
func resolveWindow(ctx context.Context, c *connector.Call, sinceParam, untilParam string) (timeWindow, error) {
	var w timeWindow
	raw := map[string]string{sinceParam: c.Params.String(sinceParam), untilParam: c.Params.String(untilParam)}
	var now time.Time
	if isRelativeTime(raw[sinceParam]) || isRelativeTime(raw[untilParam]) {
		var err error
		if now, err = c.Okta.OrgTime(ctx); err != nil {
			return w, err
		}
	}
	clock := func() time.Time { return now }
	for _, end := range []struct {
		name string
		dst  *time.Time
	}{{sinceParam, &w.Since}, {untilParam, &w.Until}} {
		if raw[end.name] == "" {
			continue
		}
		t, err := parseTime(end.name, raw[end.name], clock)
		if err != nil {
			return w, err
		}
		*end.dst = t
	}
	if !w.Since.IsZero() && !w.Until.IsZero() && !w.Since.Before(w.Until) {
		return w, fmt.Errorf("%s (%s) must be earlier than %s (%s)", sinceParam, stamp(w.Since), untilParam, stamp(w.Until))
	}
	return w, nil
}

// Query sets Okta's since and until parameters for the window's ends.
func (w timeWindow) Query(q url.Values) {
	if !w.Since.IsZero() {
		q.Set("since", stamp(w.Since))
	}
	if !w.Until.IsZero() {
		q.Set("until", stamp(w.Until))
	}
}

// Describe says which time the window covers, for messages.
func (w timeWindow) Describe() string {
	switch {
	case w.Since.IsZero() && w.Until.IsZero():
		return "in the last 7 days (Okta's default window)"
	case w.Until.IsZero():
		return "since " + stamp(w.Since)
	case w.Since.IsZero():
		return "in the 7 days before " + stamp(w.Until)
	}
	return "from " + stamp(w.Since) + " to " + stamp(w.Until)
}
