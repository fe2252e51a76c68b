package connector

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/soar-okta/okta-connector/internal/textcut"
)

// LogPageSize is the largest page GET /api/v1/logs returns.
const LogPageSize = 1000

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
func (o *Okta) LogPages(ctx context.Context, query url.Values, size int, visit func(page []json.RawMessage) (bool, error)) error {
	size = max(1, min(size, LogPageSize))
	longest := 0
	return o.pages(ctx, "/api/v1/logs", query, size, "reading the System Log", func(page rawPage) (bool, error) {
		if len(page) == 0 {
			return false, nil
		}
		if more, err := visit(page); err != nil || !more {
			return false, err
		}
		short := len(page) < size && len(page) < longest
		longest = max(longest, len(page))
		return !short, nil
	})
}

// CollectLogs reads up to limit events of the System Log (limit <= 0:
// LogPageSize).
func (o *Okta) CollectLogs(ctx context.Context, query url.Values, limit int) ([]json.RawMessage, error) {
	if limit <= 0 {
		limit = LogPageSize
	}
	var events []json.RawMessage
	err := o.LogPages(ctx, query, limit, func(page []json.RawMessage) (bool, error) {
		events = append(events, page[:min(len(page), limit-len(events))]...)
		return len(events) < limit, nil
	})
	return events, err
}

// eventTypePattern is the shape of Okta event types, such as
// user.session.start or user.lifecycle.delete.initiated.
var eventTypePattern = regexp.MustCompile(`^[a-z0-9_]+(\.[a-z0-9_]+)+$`)

// outcomeResults are the values of a System Log event's outcome.result.
var outcomeResults = []string{"SUCCESS", "FAILURE", "SKIPPED", "ALLOW", "DENY", "CHALLENGE", "UNKNOWN"}

// EventTypeFilter turns a list of event types into a System Log filter
// expression. An entry may name an outcome after a colon,
// user.session.start:FAILURE, to select only the events with that
// outcome.result. name is the setting or parameter, for messages.
func EventTypeFilter(name string, entries []string) (string, error) {
	if len(entries) == 0 {
		return "", fmt.Errorf("%s lists no event type", name)
	}
	var clauses []string
	for _, entry := range entries {
		eventType, result, withResult := strings.Cut(strings.TrimSpace(entry), ":")
		eventType = strings.TrimSpace(eventType)
		if !eventTypePattern.MatchString(eventType) {
			return "", fmt.Errorf("%s: %s is not an Okta event type (expected lower-case words joined by dots, such as user.session.start)", name, textcut.QuoteValue(eventType))
		}
		lit, err := QuoteLiteral(name, eventType)
		if err != nil {
			return "", err
		}
		clause := "eventType eq " + lit
		if withResult {
			result = strings.ToUpper(strings.TrimSpace(result))
			if !slices.Contains(outcomeResults, result) {
				return "", fmt.Errorf("%s: the outcome after %s must be one of %s, got %s", name, eventType, strings.Join(outcomeResults, ", "), textcut.QuoteValue(result))
			}
			lit, err := QuoteLiteral(name, result)
			if err != nil {
				return "", err
			}
			clause += " and outcome.result eq " + lit
			if len(entries) > 1 {
				clause = "(" + clause + ")"
			}
		}
		clauses = append(clauses, clause)
	}
	return strings.Join(clauses, " or "), nil
}
