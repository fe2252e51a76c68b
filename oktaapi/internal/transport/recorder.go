package transport

import (
	"context"
	"time"
)

// Recorder learns what the stack did for the requests of one run of an
// action, for the run's message: the time it waited for rate limits, the
// requests it sent again, and whether a change that is not safe to repeat
// left without an answer yet. The client gives the run's recorder to each
// request it sends (WithRecorder); a request without one records nothing.
type Recorder interface {
	// Waited adds a wait for Okta's rate limit.
	Waited(d time.Duration)
	// Retried records a request sent again after reason.
	Retried(reason string)
	// Sending records a change that is not safe to repeat leaving on the
	// wire.
	Sending(method, path string)
	// Answered records that the change sent last got an answer.
	Answered()
}

type recorderKey struct{}

// WithRecorder returns ctx for requests whose attempts rec records.
func WithRecorder(ctx context.Context, rec Recorder) context.Context {
	if rec == nil {
		return ctx
	}
	return context.WithValue(ctx, recorderKey{}, rec)
}

// recorderFrom returns the recorder of a request's context, or one that
// records nothing.
func recorderFrom(ctx context.Context) Recorder {
	if rec, ok := ctx.Value(recorderKey{}).(Recorder); ok {
		return rec
	}
	return noRecorder{}
}

type noRecorder struct{}

func (noRecorder) Waited(time.Duration)   {}
func (noRecorder) Retried(string)         {}
func (noRecorder) Sending(string, string) {}
func (noRecorder) Answered()              {}
