package syslog

import (
	"context"
	"fmt"
	"net/url"

	"github.com/soar-okta/okta-connector/actions/internal/present"
	"github.com/soar-okta/okta-connector/connector"
)

// System Log queries: GET /api/v1/logs
// (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/SystemLog/#tag/SystemLog/operation/listLogEvents).

var (
	GetLogs                      = logSearch{noun: "System Log event", userFilter: true, paged: true}.handler
	GetFailedLogins              = logSearch{noun: "failed sign-in event", eventTypes: []string{"user.session.start:FAILURE"}}.handler
	GetGroupAssignments          = logSearch{noun: "group assignment event", eventTypes: []string{"group.user_membership.add"}}.handler
	GetApplicationAssignments    = logSearch{noun: "application assignment event", eventTypes: []string{"application.user_membership.add"}}.handler
	GetApplicationAuthentication = logSearch{noun: "application sign-on event", eventTypes: []string{"user.authentication.sso"}}.handler
)

// logSearch is a System Log query over the since/until window: either the
// filter and query parameters passed through to Okta (get logs), or a
// fixed set of event types.
type logSearch struct {
	noun       string   // singular, for the message
	eventTypes []string // fixed filter, see eventTypeFilter
	userFilter bool     // pass the filter and query parameters through
	paged      bool     // return the cursor to read on from (next_after)
}

func (s logSearch) handler(ctx context.Context, c *connector.Call) (connector.Output, error) {
	window, err := resolveWindow(ctx, c, "since", "until")
	if err != nil {
		return connector.Output{}, err
	}
	q := url.Values{}
	window.Query(q)
	if order := c.Params.String("sort_order"); order != "" {
		q.Set("sortOrder", order)
	}
	if s.userFilter {
		if f := c.Params.String("filter"); f != "" {
			q.Set("filter", f)
		}
		if kw := c.Params.String("query"); kw != "" {
			q.Set("q", kw)
		}
	} else {
		filter, err := eventTypeFilter("event types", s.eventTypes)
		if err != nil {
			return connector.Output{}, err
		}
		q.Set("filter", filter)
	}
	if err := present.SetCursor(c.Params, q); err != nil {
		return connector.Output{}, err
	}
	n, next, err := c.Okta.EachLogFrom(ctx, q, c.Params.Int("limit"), c.Emit)
	if err != nil {
		return connector.Output{}, err
	}
	summary := map[string]any{"num_events": n}
	if !window.Since.IsZero() {
		summary["since"] = stamp(window.Since)
	}
	if !window.Until.IsZero() {
		summary["until"] = stamp(window.Until)
	}
	msg := fmt.Sprintf("Found %s %s", present.Plural(n, s.noun), window.Describe())
	if limit := c.Params.Int("limit"); n == limit {
		msg += fmt.Sprintf("; the limit of %d was reached, so more may exist", limit)
		if s.paged && next != "" {
			summary["next_after"] = next
			msg += ": run again with after set to the summary's next_after to read on"
		}
	}
	return connector.Output{Message: msg, Summary: summary}, nil
}
