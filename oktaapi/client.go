package oktaapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"

	"github.com/okta/okta-sdk-golang/v2/okta"

	"github.com/soar-okta/okta-connector/oktaapi/internal/transport"
	"github.com/soar-okta/okta-connector/schema"
)

// PageSize is the page size list actions ask for: the API maximum of the
// endpoints they page through.
const PageSize = 200

// Client is what one run of an action talks to Okta through. It sends
// requests through the official SDK's request executor, which supplies
// authentication, the User-Agent and Link-header paging; responses are
// decoded as raw JSON so that every attribute Okta returns reaches the
// action result, including ones the SDK's models lack. Listings are read
// page by page without the SDK's decoder (page.go).
type Client struct {
	org      *Org
	dryRun   bool
	budget   *ReadBudget
	attempts *Attempts

	mu   sync.Mutex
	plan []PlannedRequest
}

// Run is what one run of an action gives its Client.
type Run struct {
	// DryRun records every change in the plan (Client.Plan) instead of
	// sending it; Do then returns an error IsDryRun recognises.
	DryRun bool
	// Reads is what the listings of the whole request may still read,
	// shared by its runs; nil gives the run a budget of its own.
	Reads *ReadBudget
	// Attempts records what the HTTP stack did for the run's requests.
	Attempts *Attempts
}

// Client returns the client of one run.
func (o *Org) Client(r Run) *Client {
	if r.Reads == nil {
		r.Reads = NewReadBudget(ListBounds{})
	}
	return &Client{org: o, dryRun: r.DryRun, budget: r.Reads, attempts: r.Attempts}
}

// PlannedRequest is a change a dry run would have sent.
type PlannedRequest struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Query  string `json:"query,omitempty"`
	Body   any    `json:"body,omitempty"`
}

// errDryRun stops a handler at its first change during a dry run.
var errDryRun = errors.New("dry run: change not sent")

// IsDryRun reports whether err is Do declining to send a change during a
// dry run. A handler that makes several independent changes checks it
// after each one, so that the plan lists every request it would send
// rather than only the first; the request is already in the plan.
func IsDryRun(err error) bool { return errors.Is(err, errDryRun) }

// Plan is the changes a dry run declined to send, in order.
func (c *Client) Plan() []PlannedRequest {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]PlannedRequest(nil), c.plan...)
}

// Origin is base_url as the SDK uses it (scheme and host).
func (c *Client) Origin() string { return c.org.origin }

// sending is ctx for a request of this run: the run's Attempts records
// what the stack does with it.
func (c *Client) sending(ctx context.Context) context.Context {
	if c.attempts == nil {
		return ctx
	}
	return transport.WithRecorder(ctx, c.attempts)
}

// Get fetches one object into out (a pointer, usually *json.RawMessage or a struct).
func (c *Client) Get(ctx context.Context, path Path, query url.Values, out any) error {
	_, err := c.Do(ctx, http.MethodGet, path, query, nil, out)
	return err
}

// Do sends one request; query values are encoded here. out may be nil.
func (c *Client) Do(ctx context.Context, method string, path Path, query url.Values, body, out any) (*okta.Response, error) {
	target := path.String()
	if len(query) > 0 {
		target += "?" + query.Encode()
	}
	if c.dryRun && method != http.MethodGet {
		c.mu.Lock()
		c.plan = append(c.plan, PlannedRequest{Method: method, Path: path.String(), Query: query.Encode(), Body: maskBody(body)})
		c.mu.Unlock()
		return nil, errDryRun
	}
	exec := c.org.sdk.CloneRequestExecutor()
	req, err := exec.NewRequest(method, target, body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, path, authFailure(err, c.org.scopes))
	}
	var sink any = out
	if out == nil {
		var discard json.RawMessage
		sink = &discard
	}
	resp, err := exec.Do(c.sending(ctx), req, sink)
	if err != nil {
		err = wrapSDKError(method, path.String(), resp, err)
		if method == http.MethodDelete {
			err = c.settleDelete(ctx, path, err)
		}
		return resp, err
	}
	return resp, nil
}

// settleDelete reads again the object of a DELETE whose outcome is
// unknown, since repeating the DELETE could do more than the first one
// did. An object gone (Okta's 404 E0000007) settles it: the DELETE was
// made, and the run's message says how that was found. Otherwise the
// error says what the read found, the object's status among it, for the
// action (or the analyst) to decide.
func (c *Client) settleDelete(ctx context.Context, path Path, err error) error {
	var unknown *OutcomeUnknownError
	if !errors.As(err, &unknown) || ctx.Err() != nil {
		return err
	}
	var raw json.RawMessage
	rerr := c.Get(ctx, path, nil, &raw)
	switch {
	case IsAPIError(rerr, http.StatusNotFound, "E0000007"):
		c.attempts.settle(fmt.Sprintf("the answer to DELETE %s was lost (%s); reading it again found it gone, so the DELETE was made", path, unknown.Reason))
		return nil
	case rerr == nil:
		var obj struct {
			Status string `json:"status"`
		}
		_ = json.Unmarshal(raw, &obj)
		unknown.Status = obj.Status
		unknown.Found = "it is still there"
		if obj.Status != "" {
			unknown.Found += ", with status " + obj.Status
		}
	default:
		unknown.Found = "it could not be read either"
	}
	return err
}

// List pages through a collection, following the Link rel="next" cursor,
// and stops as soon as limit items are collected (limit <= 0: everything).
func (c *Client) List(ctx context.Context, path Path, query url.Values, limit int) ([]json.RawMessage, error) {
	var items []json.RawMessage
	_, err := c.ListPages(ctx, path, query, limit, func(page []json.RawMessage) error {
		items = append(items, Keep(page)...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return items, nil
}

// ListPages pages through a collection as List does, handing the items of
// each page to visit as the page arrives (at most limit items in all;
// limit <= 0: everything), and returns how many it handed. An error from
// visit stops the listing and is returned. The items handed to visit are
// valid until it returns (their text is read into buffers used in turn):
// Keep copies those to hold longer. When the listing will want the next
// page, it is asked for as soon as a page has arrived, and on its way
// while the page is checked and visited.
func (c *Client) ListPages(ctx context.Context, path Path, query url.Values, limit int, visit func(page []json.RawMessage) error) (int, error) {
	size := PageSize
	if limit > 0 && limit < size {
		size = limit
	}
	n := 0
	// A page holds at most size items: while n+size < limit, whatever the
	// page holds, the next one is wanted.
	surely := func() bool { return limit <= 0 || n+size < limit }
	more := func(page rawPage) bool { return limit <= 0 || n+len(page) < limit }
	err := c.pagesWith(ctx, path, query, size, "list "+path.String(), paging{reuse: true, early: surely, ahead: more}, func(page rawPage) (bool, error) {
		if limit > 0 && len(page) > limit-n {
			page = page[:limit-n]
		}
		if len(page) > 0 {
			if err := visit(page); err != nil {
				return false, err
			}
		}
		n += len(page)
		return limit <= 0 || n < limit, nil
	})
	return n, err
}

// Keep copies items handed to a visit of ListPages or EachLog, so that
// they outlive it: one block of memory for them all.
func Keep(items []json.RawMessage) []json.RawMessage {
	size := 0
	for _, it := range items {
		size += len(it)
	}
	block := make([]byte, 0, size)
	out := make([]json.RawMessage, len(items))
	for i, it := range items {
		block = append(block, it...)
		out[i] = block[len(block)-len(it) : len(block) : len(block)]
	}
	return out
}

// pages fetches the collection at path with query, size items a page, and
// hands each page to visit, which returns false to stop; paging also stops
// when there is no next link. what names the listing in messages. The
// request's read budget and the listing's page bound stop a listing that
// would never end. Each page has memory of its own, and the next page is
// asked for once visit returns.
func (c *Client) pages(ctx context.Context, path Path, query url.Values, size int, what string, visit func(rawPage) (bool, error)) error {
	return c.pagesWith(ctx, path, query, size, what, paging{}, visit)
}

// paging is how pagesWith reads a listing.
type paging struct {
	// reuse reads the pages into two buffers used in turn: a page handed
	// to visit is valid until visit returns. Without it each page has
	// memory of its own.
	reuse bool
	// early, when set, reports before a page is read whether the listing
	// will want the next one whatever the page holds (visit will return
	// true unless it fails): the next page is then asked for as soon as
	// this one has arrived, and this one is checked and visited while
	// the next is on its way.
	early func() bool
	// ahead, when set, reports once a page is read, before it is visited,
	// whether the listing will want the next one: the next page is then
	// fetched while the page is visited.
	ahead func(page rawPage) bool
}

// pagesWith is pages, reading as opt says. However early the next page
// is asked for, one request is in flight at a time, and a listing that
// stops (at its end, at an error or because visit says so) gives up the
// page it asked for ahead.
func (c *Client) pagesWith(ctx context.Context, path Path, query url.Values, size int, what string, opt paging, visit func(rawPage) (bool, error)) error {
	q := url.Values{}
	for k, v := range query {
		q[k] = v
	}
	q.Set("limit", strconv.Itoa(size))
	l := &listing{path: path.String(), what: what, budget: c.budget, seen: map[[32]byte]bool{}}
	var bufs [2]*bytes.Buffer
	if opt.reuse {
		bufs = [2]*bytes.Buffer{new(bytes.Buffer), new(bytes.Buffer)}
	}
	cur := 0 // the buffer holding the answer a
	a, err := c.firstPage(ctx, l, q, bufs[cur])
	for {
		if err != nil {
			return err
		}
		var ahead *prefetch
		if next := a.followable(); next != "" && opt.early != nil && opt.early() {
			ahead = c.fetchAhead(ctx, l, next, bufs[1-cur])
		}
		page, next, perr := a.page(l)
		if perr != nil {
			ahead.stop()
			return perr
		}
		if ahead == nil && next != "" && opt.ahead != nil && opt.ahead(page) {
			ahead = c.fetchAhead(ctx, l, next, bufs[1-cur])
		}
		more, verr := visit(page)
		if ahead != nil {
			if verr != nil || !more {
				ahead.stop()
				return verr
			}
			a, err = ahead.wait()
			cur = 1 - cur
			continue
		}
		if verr != nil || !more || next == "" {
			return verr
		}
		a, err = c.nextPage(ctx, l, next, bufs[cur])
	}
}

// prefetch is a page asked for ahead.
type prefetch struct {
	cancel context.CancelFunc
	done   chan fetched
}

type fetched struct {
	a   answer
	err error
}

// fetchAhead asks for the page next into buf while the caller goes on.
func (c *Client) fetchAhead(ctx context.Context, l *listing, next string, buf *bytes.Buffer) *prefetch {
	actx, cancel := context.WithCancel(ctx)
	p := &prefetch{cancel: cancel, done: make(chan fetched, 1)}
	go func() {
		a, err := c.nextPage(actx, l, next, buf)
		p.done <- fetched{a, err}
	}()
	return p
}

// wait is the page asked for.
func (p *prefetch) wait() (answer, error) {
	f := <-p.done
	p.cancel()
	return f.a, f.err
}

// stop gives the page up, and returns once its request let go of the
// listing and of its buffer. A nil prefetch is nothing to stop.
func (p *prefetch) stop() {
	if p != nil {
		p.cancel()
		<-p.done
	}
}

// maskBody returns the body as a plan may show it: secrets replaced.
func maskBody(body any) any {
	if body == nil {
		return nil
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return nil
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&v) != nil {
		return nil
	}
	return maskSecrets(v, false)
}

// secretKeys are the body members whose value (or, for an object, whose
// "value" member) is a secret.
var secretKeys = map[string]bool{"password": true, "passCode": true, "answer": true}

func maskSecrets(v any, inSecret bool) any {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			switch {
			case secretKeys[k]:
				if _, isObj := x.(map[string]any); isObj {
					t[k] = maskSecrets(x, true)
				} else {
					t[k] = masked
				}
			case inSecret && k == "value":
				t[k] = masked
			default:
				t[k] = maskSecrets(x, inSecret)
			}
		}
	case []any:
		for i, x := range t {
			t[i] = maskSecrets(x, inSecret)
		}
	}
	return v
}

// masked is what a secret value of a planned body is shown as.
const masked = schema.Mask
