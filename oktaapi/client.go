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
	items, _, err := c.ListFrom(ctx, path, query, limit)
	return items, err
}

// ListFrom is List that also says where a following listing would start:
// the after cursor of Okta's next-page link when the listing stopped at
// limit with more pages to come, "" when it read the collection to its
// end. A listing given that cursor as its after query parameter goes on
// with the next item.
func (c *Client) ListFrom(ctx context.Context, path Path, query url.Values, limit int) ([]json.RawMessage, string, error) {
	return c.collect(ctx, c.newListing(path, "list "+path.String()), query, limit)
}

// ListWrapped is ListFrom for a collection of Okta's IAM API, whose pages
// are objects holding the items in value and the next page's link in
// _links.next.href (GET /api/v1/iam/assignees/users) rather than lists
// with a Link header. The same bounds apply.
func (c *Client) ListWrapped(ctx context.Context, path Path, query url.Values, limit int) ([]json.RawMessage, string, error) {
	l := c.newListing(path, "list "+path.String())
	l.wrapped = true
	return c.collect(ctx, l, query, limit)
}

// collect reads the listing l up to limit items, as each does, and keeps
// them.
func (c *Client) collect(ctx context.Context, l *listing, query url.Values, limit int) ([]json.RawMessage, string, error) {
	var items []json.RawMessage
	_, cursor, err := c.each(ctx, l, query, limit, func(page []json.RawMessage) error {
		items = append(items, Keep(page)...)
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return items, cursor, nil
}

// ListPages pages through a collection as List does, handing the items of
// each page to visit as the page arrives (at most limit items in all;
// limit <= 0: everything), and returns how many it handed. An error from
// visit stops the listing and is returned. The items handed to visit are
// valid until it returns (their text is read into buffers used in turn):
// Keep copies those to hold longer. When the listing will want the next
// page, it is asked for while the page is checked and visited (see each).
func (c *Client) ListPages(ctx context.Context, path Path, query url.Values, limit int, visit func(page []json.RawMessage) error) (int, error) {
	n, _, err := c.ListPagesFrom(ctx, path, query, limit, visit)
	return n, err
}

// ListPagesFrom is ListPages that also says where a following listing
// would start, as ListFrom does.
func (c *Client) ListPagesFrom(ctx context.Context, path Path, query url.Values, limit int, visit func(page []json.RawMessage) error) (int, string, error) {
	return c.each(ctx, c.newListing(path, "list "+path.String()), query, limit, visit)
}

// each reads the listing l up to limit items (limit <= 0: everything),
// handing the items of each page to visit, and returns how many it handed
// and the after cursor a following listing would start from ("" when the
// listing ended or was cut inside a page). The page size is limit when
// that is below PageSize; when fewer than a page's worth are still wanted,
// the next page is asked for just those, so that the listing ends at the
// end of a page and its next link's cursor is exact. The next page is read
// ahead only with the size it will be asked for: as soon as a page has
// arrived when even a full page leaves at least a page's worth to read,
// otherwise once the page is read and the size of the next one is known.
func (c *Client) each(ctx context.Context, l *listing, query url.Values, limit int, visit func(page []json.RawMessage) error) (int, string, error) {
	size := PageSize
	if limit > 0 && limit < size {
		size = limit
	}
	n := 0
	cursor := ""
	// plan is the link to follow after page and how many items to ask it
	// for, given the n items handed before it.
	plan := func(page rawPage, next string) (string, int) {
		if limit <= 0 || next == "" {
			return next, 0
		}
		left := limit - n - len(page)
		switch {
		case left <= 0:
			return "", 0 // limit reached, at the page's end or cut inside it
		case left < size:
			return next, left
		}
		return next, 0
	}
	// While n+2*size <= limit, a page of at most size items leaves at
	// least a page's worth to read: the next page is asked for as its
	// link asks.
	opt := paging{
		reuse: true,
		early: func() bool { return limit <= 0 || n+2*size <= limit },
		ahead: plan,
	}
	err := c.walk(ctx, l, query, size, opt, func(page rawPage, next string) (string, int, error) {
		follow, ask := plan(page, next)
		take := page
		if limit > 0 && len(take) > limit-n {
			take = take[:limit-n] // cut inside a page: no cursor points here
		}
		if len(take) > 0 {
			if err := visit(take); err != nil {
				return "", 0, err
			}
		}
		n += len(take)
		if limit > 0 && n == limit && len(take) == len(page) {
			cursor = afterOf(next)
		}
		return follow, ask, nil
	})
	if err != nil {
		return n, "", err
	}
	return n, cursor, nil
}

// afterOf is the after cursor of a next-page link, "" when it has none.
func afterOf(next string) string {
	if next == "" {
		return ""
	}
	u, err := url.Parse(next)
	if err != nil {
		return ""
	}
	return u.Query().Get("after")
}

// withLimit is the next-page link next asking for n items.
func withLimit(next string, n int) string {
	u, err := url.Parse(next)
	if err != nil {
		return next
	}
	q := u.Query()
	q.Set("limit", strconv.Itoa(n))
	u.RawQuery = q.Encode()
	return u.String()
}

// newListing is a listing of the collection at path; what names it in
// messages.
func (c *Client) newListing(path Path, what string) *listing {
	return &listing{path: path.String(), what: what, budget: c.budget, seen: map[[32]byte]bool{}}
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
	return c.walk(ctx, c.newListing(path, what), query, size, paging{}, func(page rawPage, next string) (string, int, error) {
		more, err := visit(page)
		if err != nil || !more {
			return "", 0, err
		}
		return next, 0, nil
	})
}

// paging is how walk reads a listing.
type paging struct {
	// reuse reads the pages into two buffers used in turn: a page handed
	// to visit is valid until visit returns. Without it each page has
	// memory of its own.
	reuse bool
	// early, when set, reports before a page is read whether visit will
	// follow the page's next link as it is (size 0), whatever the page
	// holds: the next page is then asked for as soon as this one has
	// arrived, and this one is checked and visited while the next is on
	// its way.
	early func() bool
	// ahead, when set, reports once a page is read, before it is visited,
	// what visit will return for it (the link to follow, "" for none, and
	// the size to ask it for): that page is then fetched while the page
	// is visited.
	ahead func(page rawPage, next string) (string, int)
}

// walk fetches the listing l's first page with query, size items a page,
// and hands each page with its next-page link to visit, which returns the
// link to follow ("" stops) and, when above 0, how many items to ask the
// next page for. A page read ahead (opt) is used only when it is the one
// visit asks for, link and size alike; otherwise it is given up, and the
// page visit asks for is fetched. However early the next page is asked
// for, one request is in flight at a time, and a listing that stops (at
// its end, at an error or because visit says so) gives up the page it
// asked for ahead.
func (c *Client) walk(ctx context.Context, l *listing, query url.Values, size int, opt paging, visit func(page rawPage, next string) (string, int, error)) error {
	q := url.Values{}
	for k, v := range query {
		q[k] = v
	}
	q.Set("limit", strconv.Itoa(size))
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
		if next := a.link(); next != "" && opt.early != nil && opt.early() {
			ahead = c.fetchAhead(ctx, l, next, 0, bufs[1-cur])
		}
		page, next, perr := a.page(l)
		if perr != nil {
			ahead.drop(l)
			return perr
		}
		if ahead == nil && next != "" && opt.ahead != nil {
			if follow, ask := opt.ahead(page, next); follow != "" {
				ahead = c.fetchAhead(ctx, l, follow, ask, bufs[1-cur])
			}
		}
		follow, ask, verr := visit(page, next)
		if verr != nil || follow == "" {
			ahead.drop(l)
			return verr
		}
		if ahead != nil {
			if ahead.link == follow && ahead.size == ask {
				a, err = ahead.wait()
				cur = 1 - cur
				continue
			}
			ahead.drop(l)
		}
		a, err = c.nextPage(ctx, l, follow, ask, bufs[cur])
	}
}

// prefetch is a page asked for ahead: the link followed, and the size it
// was asked for (0: as the link asks).
type prefetch struct {
	link     string
	size     int
	followed bool // the listing recorded the link (listing.follow)
	cancel   context.CancelFunc
	done     chan fetched
}

type fetched struct {
	a   answer
	err error
}

// fetchAhead asks for the page next (size items when size > 0) into buf
// while the caller goes on. The listing records the link at once, as
// nextPage does; a link it refuses makes the prefetch that error.
func (c *Client) fetchAhead(ctx context.Context, l *listing, next string, size int, buf *bytes.Buffer) *prefetch {
	p := &prefetch{link: next, size: size, cancel: func() {}, done: make(chan fetched, 1)}
	if err := l.follow(next); err != nil {
		p.done <- fetched{err: err}
		return p
	}
	p.followed = true
	actx, cancel := context.WithCancel(ctx)
	p.cancel = cancel
	go func() {
		a, err := c.fetchLink(actx, l, next, size, buf)
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

// drop gives the page up, and returns once its request let go of its
// buffer; the listing forgets the link, which was not followed after all.
// A nil prefetch is nothing to drop.
func (p *prefetch) drop(l *listing) {
	if p == nil {
		return
	}
	p.cancel()
	<-p.done
	if p.followed {
		l.unfollow(p.link)
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
