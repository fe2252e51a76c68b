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
	return c.logPages(ctx, query, size, paging{}, visit)
}

// logPages is LogPages, reading as opt says; opt.ahead is asked only about
// a page after which the System Log goes on.
func (c *Client) logPages(ctx context.Context, query url.Values, size int, opt paging, visit func(page []json.RawMessage) (bool, error)) error {
	size = max(1, min(size, LogPageSize))
	longest := 0
	goesOn := func(page rawPage) bool {
		return len(page) > 0 && !(len(page) < size && len(page) < longest)
	}
	if ahead := opt.ahead; ahead != nil {
		opt.ahead = func(page rawPage) bool { return goesOn(page) && ahead(page) }
	}
	return c.pagesWith(ctx, logsPath, query, size, "reading the System Log", opt, func(page rawPage) (bool, error) {
		if len(page) == 0 {
			return false, nil
		}
		if more, err := visit(page); err != nil || !more {
			return false, err
		}
		short := !goesOn(page)
		longest = max(longest, len(page))
		return !short, nil
	})
}

// EachLog reads up to limit events of the System Log (limit <= 0:
// LogPageSize), handing the events of each page to visit as the page
// arrives, and returns how many it handed. An error from visit stops the
// reading and is returned. As with ListPages, the events handed to visit
// are valid until it returns, and the next page is fetched while it runs.
func (c *Client) EachLog(ctx context.Context, query url.Values, limit int, visit func(page []json.RawMessage) error) (int, error) {
	if limit <= 0 {
		limit = LogPageSize
	}
	n := 0
	ahead := func(page rawPage) bool { return n+len(page) < limit }
	err := c.logPages(ctx, query, limit, paging{reuse: true, ahead: ahead}, func(page []json.RawMessage) (bool, error) {
		page = page[:min(len(page), limit-n)]
		if err := visit(page); err != nil {
			return false, err
		}
		n += len(page)
		return n < limit, nil
	})
	return n, err
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
