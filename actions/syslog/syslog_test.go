package syslog

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseTime(t *testing.T) {
	now := time.Date(2026, 1, 15, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	cases := []struct {
		in   string
		want string // stamp of the result; empty: an error
	}{
		{"2026-01-14T08:30:00Z", "2026-01-14T08:30:00.000Z"},
		{"2026-01-14T08:30:00.123Z", "2026-01-14T08:30:00.123Z"},
		{"2026-01-14T10:30:00+02:00", "2026-01-14T08:30:00.000Z"},
		{"2026-01-14", "2026-01-14T00:00:00.000Z"},
		{"1768384800000", "2026-01-14T10:00:00.000Z"},
		{"24h", "2026-01-14T10:00:00.000Z"},
		{"-24h", "2026-01-14T10:00:00.000Z"},
		{"30m", "2026-01-15T09:30:00.000Z"},
		{"7d", "2026-01-08T10:00:00.000Z"},
		{"2w", "2026-01-01T10:00:00.000Z"},
		{"1d12h", "2026-01-13T22:00:00.000Z"},
		{"90S", "2026-01-15T09:58:30.000Z"},
		{"now", "2026-01-15T10:00:00.000Z"},
		{"+2h", ""},
		{"yesterday", ""},
		{"24", ""},
		{"h", ""},
		{"-", ""},
		{"5y", ""},
		{"99999999999d", ""},
		{"2026-13-01", ""},
		{"", ""},
	}
	for _, c := range cases {
		got, err := parseTime("since", c.in, clock)
		if c.want == "" {
			assert.Error(t, err, c.in)
			continue
		}
		require.NoError(t, err, c.in)
		assert.Equal(t, c.want, stamp(got), c.in)
	}
	assert.True(t, isRelativeTime("-7d"))
	assert.False(t, isRelativeTime("2026-01-14"))
}

func TestEventTypeFilter(t *testing.T) {
	cases := []struct {
		name    string
		entries []string
		want    string
		err     string
	}{
		{"one type", []string{"group.user_membership.add"}, `eventType eq "group.user_membership.add"`, ""},
		{"one type with an outcome", []string{"user.session.start:FAILURE"}, `eventType eq "user.session.start" and outcome.result eq "FAILURE"`, ""},
		{"several", []string{" user.account.lock ", "user.session.start:failure"},
			`eventType eq "user.account.lock" or (eventType eq "user.session.start" and outcome.result eq "FAILURE")`, ""},
		{"none", nil, "", "lists no event type"},
		{"blank entry", []string{"user.account.lock", ""}, "", "is not an Okta event type"},
		{"words", []string{"failed logins"}, "", "is not an Okta event type"},
		{"injection", []string{`user.session.start" or eventType pr "`}, "", "is not an Okta event type"},
		{"unknown outcome", []string{"user.session.start:MAYBE"}, "", "must be one of"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := eventTypeFilter("poll_event_types", c.entries)
			if c.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), c.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
}

func TestLogCheckpoint(t *testing.T) {
	at := func(s string) time.Time {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	cp := newLogCheckpoint(at("2026-01-14T10:00:00Z"))
	assert.False(t, cp.Seen(at("2026-01-14T10:00:00Z"), "a"))
	assert.True(t, cp.Seen(at("2026-01-14T09:59:59Z"), "z"), "older than the checkpoint")
	cp.Advance(at("2026-01-14T11:00:00Z"), "a")
	cp.Advance(at("2026-01-14T11:00:00Z"), "b")
	cp.Advance(at("2026-01-14T11:00:00Z"), "b")
	assert.Equal(t, map[string]any{"last_published": "2026-01-14T11:00:00.000Z", "last_uuids": []any{"a", "b"}}, cp.State())

	back, err := readLogCheckpoint(cp.State())
	require.NoError(t, err)
	assert.True(t, back.Seen(at("2026-01-14T11:00:00Z"), "b"))
	assert.False(t, back.Seen(at("2026-01-14T11:00:00Z"), "c"))
	back.Advance(at("2026-01-14T12:00:00Z"), "c")
	assert.Equal(t, 1, back.Len(), "a later time forgets the earlier uuids")

	none, err := readLogCheckpoint(map[string]any{})
	require.NoError(t, err)
	assert.Nil(t, none)
	for _, bad := range []map[string]any{
		{"last_published": 5},
		{"last_published": "yesterday"},
		{"last_published": "2026-01-14T11:00:00Z", "last_uuids": "a"},
		{"last_published": "2026-01-14T11:00:00Z", "last_uuids": []any{1}},
	} {
		_, err := readLogCheckpoint(bad)
		assert.ErrorContains(t, err, "clear the state", "%v", bad)
	}
}
