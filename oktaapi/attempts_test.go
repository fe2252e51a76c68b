package oktaapi

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestAttemptsNote(t *testing.T) {
	a := &Attempts{}
	assert.Equal(t, "", a.Note())
	a.Waited(1500 * time.Millisecond)
	assert.Equal(t, " (waited 2s for Okta's rate limit)", a.Note())
	a.Retried("503 Service Unavailable")
	assert.Equal(t, " (waited 2s for Okta's rate limit; retried once after 503 Service Unavailable)", a.Note())
	a.Retried("502 Bad Gateway")
	assert.Equal(t, " (waited 2s for Okta's rate limit; retried 2 times, last after 502 Bad Gateway)", a.Note())
	var none *Attempts
	none.Waited(time.Second)
	assert.Equal(t, "", none.Note())
}

// A change sent and not answered is what the run reports when it stops.
func TestAttemptsUnanswered(t *testing.T) {
	a := &Attempts{}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.Nil(t, a.Unanswered(ctx))
	a.Sending("DELETE", "/api/v1/users/00u1")
	u := a.Unanswered(ctx)
	if assert.NotNil(t, u) {
		assert.Equal(t, "DELETE", u.Method)
		assert.Equal(t, "the run was stopped before Okta answered", u.Reason)
	}
	a.Answered()
	assert.Nil(t, a.Unanswered(ctx))
}
