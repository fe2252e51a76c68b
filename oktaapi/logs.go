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
	return c.logPages(ctx, query, size, paging{}, func(page []json.RawMessage, next string) (string, int, error) {
		if more, err := visit(page); err != nil || !more {
			return "", 0, err
		}
		return next, 0, nil
	})
}

// logPages is LogPages, reading as opt says, whose visit also gets the
// page's next link, and returns the link to follow ("" stops) and, when
// above 0, how many events to ask the next page for. opt.ahead is asked
// only about a page after which the System Log goes on; opt.early is not
// used, since whether it goes on depends on the page.
func (c *Client) logPages(ctx context.Context, query url.Values, size int, opt paging, visit func(page []json.RawMessage, next string) (string, int, error)) error {
	size = max(1, min(size, LogPageSize))
	longest := 0
	goesOn := func(page rawPage) bool {
		return len(page) > 0 && !(len(page) < size && len(page) < longest)
	}
	opt.early = nil
	if ahead := opt.ahead; ahead != nil {
		opt.ahead = func(page rawPage, next string) (string, int) {
			if !goesOn(page) {
				return "", 0
			}
			return ahead(page, next)
		}
	}
	return c.walk(ctx, c.newListing(logsPath, "reading the System Log"), query, size, opt, func(page rawPage, next string) (string, int, error) {
		if len(page) == 0 {
			return "", 0, nil
		}
		follow, ask, err := visit(page, next)
		if err != nil || follow == "" {
			return "", 0, err
		}
		short := !goesOn(page)
		longest = max(longest, len(page))
		if short {
			return "", 0, nil
		}
		return follow, ask, nil
	})
}

// EachLog reads up to limit events of the System Log (limit <= 0:
// LogPageSize), handing the events of each page to visit as the page
// arrives, and returns how many it handed. An error from visit stops the
// reading and is returned. As with ListPages, the events handed to visit
// are valid until it returns, and the next page is fetched while it runs.
func (c *Client) EachLog(ctx context.Context, query url.Values, limit int, visit func(page []json.RawMessage) error) (int, error) {
	n, _, err := c.EachLogFrom(ctx, query, limit, visit)
	return n, err
}

// EachLogFrom is EachLog that also says where a following read would
// start: the after cursor of the System Log's next link when limit events
// were read at the end of a page, "" otherwise. When a full page leaves
// fewer than a page's worth to read (limit above LogPageSize), the last
// page is asked for just those, so that the cursor is exact; a page read
// ahead is asked for with that size too.
func (c *Client) EachLogFrom(ctx context.Context, query url.Values, limit int, visit func(page []json.RawMessage) error) (int, string, error) {
	if limit <= 0 {
		limit = LogPageSize
	}
	size := min(limit, LogPageSize)
	n := 0
	cursor := ""
	// plan is the link to follow after page and how many events to ask it
	// for, given the n events handed before it.
	plan := func(page rawPage, next string) (string, int) {
		left := limit - n - len(page)
		switch {
		case left <= 0:
			return "", 0
		case left < size && len(page) >= size:
			return next, left
		}
		return next, 0
	}
	err := c.logPages(ctx, query, limit, paging{reuse: true, ahead: plan}, func(page []json.RawMessage, next string) (string, int, error) {
		follow, ask := plan(page, next)
		take := page[:min(len(page), limit-n)] // cut inside a page: no cursor points here
		if err := visit(take); err != nil {
			return "", 0, err
		}
		n += len(take)
		if n == limit && len(take) == len(page) {
			cursor = afterOf(next)
		}
		return follow, ask, nil
	})
	if err != nil {
		return n, "", err
	}
	return n, cursor, nil
}

// CollectLogs reads up to limit events of the System Log (limit <= 0:
// LogPageSize).
func (c *Client) CollectLogs(ctx context.Context, query url.Values, limit int) ([]json.RawMessage, error) {
	events, _, err := c.CollectLogsFrom(ctx, query, limit)
	return events, err
}

// CollectLogsFrom is CollectLogs that also says where a following read
// would start, as EachLogFrom does.
func (c *Client) CollectLogsFrom(ctx context.Context, query url.Values, limit int) ([]json.RawMessage, string, error) {
	var events []json.RawMessage
	_, cursor, err := c.EachLogFrom(ctx, query, limit, func(page []json.RawMessage) error {
		events = append(events, Keep(page)...)
		return nil
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
