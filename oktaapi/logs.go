package oktaapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// LogPageSize is the largest page GET /api/v1/logs returns.
const LogPageSize = 1000

// logsPath is the System Log.
var logsPath = PathOf("/api/v1/logs")

// LogPages pages through the System Log (GET /api/v1/logs) with query,
// asking for size events a page (at most LogPageSize), and hands each
// page to visit, which returns false to stop.
//
// The System Log's next link is a polling cursor: without until, Okta
// returns one even after the last event. Paging therefore stops at an
// empty page, at a page shorter than both the size asked for and the
// longest page seen (a server may cap pages below the size asked for), or
// when there is no next link. A next link that repeats after a non-empty
// page is an error, never a loop.
func (c *Client) LogPages(ctx context.Context, query url.Values, size int, visit func(page []json.RawMessage) (bool, error)) error {
	return c.logPages(ctx, query, size, func(page []json.RawMessage, next string) (string, int, error) {
		if more, err := visit(page); err != nil || !more {
			return "", 0, err
		}
		return next, 0, nil
	})
}

// logPages is LogPages whose visit also gets the page's next link, and
// returns the link to follow ("" stops) and, when above 0, how many events
// to ask the next page for.
func (c *Client) logPages(ctx context.Context, query url.Values, size int, visit func(page []json.RawMessage, next string) (string, int, error)) error {
	size = max(1, min(size, LogPageSize))
	longest := 0
	return c.walk(ctx, c.newListing(logsPath, "reading the System Log"), query, size, func(page rawPage, next string) (string, int, error) {
		if len(page) == 0 {
			return "", 0, nil
		}
		follow, ask, err := visit(page, next)
		if err != nil || follow == "" {
			return "", 0, err
		}
		short := len(page) < size && len(page) < longest
		longest = max(longest, len(page))
		if short {
			return "", 0, nil
		}
		return follow, ask, nil
	})
}

// CollectLogs reads up to limit events of the System Log (limit <= 0:
// LogPageSize).
func (c *Client) CollectLogs(ctx context.Context, query url.Values, limit int) ([]json.RawMessage, error) {
	events, _, err := c.CollectLogsFrom(ctx, query, limit)
	return events, err
}

// CollectLogsFrom is CollectLogs that also says where a following read
// would start: the after cursor of the System Log's next link when limit
// events were read at the end of a page, "" otherwise. When a full page
// leaves fewer than a page's worth to read (limit above LogPageSize), the
// last page is asked for just those, so that the cursor is exact.
func (c *Client) CollectLogsFrom(ctx context.Context, query url.Values, limit int) ([]json.RawMessage, string, error) {
	if limit <= 0 {
		limit = LogPageSize
	}
	size := min(limit, LogPageSize)
	var events []json.RawMessage
	cursor := ""
	err := c.logPages(ctx, query, limit, func(page []json.RawMessage, next string) (string, int, error) {
		left := limit - len(events)
		if len(page) > left {
			events = append(events, page[:left]...)
			return "", 0, nil // cut inside a page: no cursor points here
		}
		events = append(events, page...)
		left -= len(page)
		switch {
		case left == 0:
			cursor = afterOf(next)
			return "", 0, nil
		case left < size && len(page) >= size:
			return next, left, nil
		}
		return next, 0, nil
	})
	if err != nil {
		return nil, "", err
	}
	return events, cursor, nil
}

// OrgTime returns the org's current time, read from the Date header of a
// one-event System Log request. Relative times are resolved against it
// rather than against the local clock.
func (c *Client) OrgTime(ctx context.Context) (time.Time, error) {
	var page []json.RawMessage
	resp, err := c.Do(ctx, http.MethodGet, logsPath, url.Values{"limit": {"1"}}, nil, &page)
	if err != nil {
		return time.Time{}, fmt.Errorf("reading the org's clock: %w", err)
	}
	if resp != nil && resp.Response != nil {
		if t, err := http.ParseTime(resp.Header.Get("Date")); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Now().UTC().Truncate(time.Second), nil
}
