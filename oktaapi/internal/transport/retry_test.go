package transport

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestRepeatable(t *testing.T) {
	cases := []struct {
		method, path string
		want         bool
	}{
		{"GET", "/api/v1/users/00u1", true},
		{"PUT", "/api/v1/groups/00g1/users/00u1", true},
		{"DELETE", "/api/v1/users/00u1/sessions", true},
		{"DELETE", "/api/v1/groups/00g1/users/00u1", true},
		{"DELETE", "/api/v1/users/00u1", false},
		{"DELETE", "/api/v1/users/00u1/factors/ufs1", false},
		{"DELETE", "/api/v1/users/00u1/roles/ra1", false},
		{"DELETE", "/api/v1/apps/0oa1", false},
		{"DELETE", "/api/v1/apps/0oa1/users/00u1", false},
		{"DELETE", "/api/v1/apps/0oa1/groups/00g1", false},
		{"DELETE", "/api/v1/zones/nzo1", false},
		{"DELETE", "/api/v1/groups/00g1", false},
		{"POST", "/api/v1/users/00u1/lifecycle/suspend", true},
		{"POST", "/api/v1/users/00u1/lifecycle/reset_password", true},
		{"POST", "/api/v1/apps/0oa1/lifecycle/deactivate", true},
		{"POST", "/api/v1/zones/nzo1/lifecycle/activate", true},
		{"POST", "/api/v1/users/00u1", true},
		{"POST", "/oauth2/v1/token", true},
		{"POST", "/api/v1/users", false},
		{"POST", "/api/v1/groups", false},
		{"POST", "/api/v1/zones", false},
		{"POST", "/api/v1/users/00u1/roles", false},
		{"POST", "/api/v1/users/00u1/factors/ufs1/verify", false},
		{"POST", "/api/v1/users//lifecycle/suspend", false},
		{"PATCH", "/api/v1/users/00u1", false},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, repeatable(c.method, c.path), "%s %s", c.method, c.path)
	}
}

func TestRateLimitWait(t *testing.T) {
	date := time.Date(2026, 1, 15, 10, 0, 0, 0, time.UTC)
	header := func(kv ...string) *http.Response {
		h := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			h.Set(kv[i], kv[i+1])
		}
		return &http.Response{Header: h}
	}
	cases := []struct {
		name string
		resp *http.Response
		want time.Duration
	}{
		{"reset on the server's clock", header("Date", date.Format(http.TimeFormat), "X-Rate-Limit-Reset", "1768471210"), 11 * time.Second},
		{"reset already passed", header("Date", date.Format(http.TimeFormat), "X-Rate-Limit-Reset", "1768471100"), time.Second},
		{"Retry-After", header("Retry-After", "7"), 7 * time.Second},
		{"nothing to go by", header(), 20 * time.Millisecond},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, rateLimitWait(c.resp, 20*time.Millisecond), c.name)
	}
}

func TestFitsDeadline(t *testing.T) {
	assert.True(t, fitsDeadline(context.Background(), time.Hour))
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	assert.True(t, fitsDeadline(ctx, 100*time.Millisecond))
	assert.False(t, fitsDeadline(ctx, 2*time.Second))
}
