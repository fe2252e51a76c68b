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

// collect reads the listing l up to limit items. The page size is limit
// when that is below PageSize; when fewer than a page's worth are still
// wanted, the next page is asked for just those, so that the listing ends
// at the end of a page and its next link's cursor is exact.
func (c *Client) collect(ctx context.Context, l *listing, query url.Values, limit int) ([]json.RawMessage, string, error) {
	size := PageSize
	if limit > 0 && limit < size {
		size = limit
	}
	var items []json.RawMessage
	cursor := ""
	err := c.walk(ctx, l, query, size, func(page rawPage, next string) (string, int, error) {
		for _, it := range page {
			if limit > 0 && len(items) >= limit {
				return "", 0, nil // cut inside a page: no cursor points here
			}
			items = append(items, it)
		}
		if limit <= 0 || next == "" {
			return next, 0, nil
		}
		left := limit - len(items)
		if left <= 0 {
			cursor = afterOf(next)
			return "", 0, nil
		}
		if left < size {
			return next, left, nil
		}
		return next, 0, nil
	})
	if err != nil {
		return nil, "", err
	}
	return items, cursor, nil
}

// afterOf is the after cursor of a next-page link, "" when it has none.
func afterOf(next string) string {
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

// pages fetches the collection at path with query, size items a page, and
// hands each page to visit, which returns false to stop; paging also stops
// when there is no next link. what names the listing in messages. The
// request's read budget and the listing's page bound stop a listing that
// would never end.
func (c *Client) pages(ctx context.Context, path Path, query url.Values, size int, what string, visit func(rawPage) (bool, error)) error {
	return c.walk(ctx, c.newListing(path, what), query, size, func(page rawPage, next string) (string, int, error) {
		more, err := visit(page)
		if err != nil || !more {
			return "", 0, err
		}
		return next, 0, nil
	})
}

// walk fetches the listing l's first page with query, size items a page,
// and hands each page with its next-page link to visit, which returns the
// link to follow ("" stops) and, when above 0, how many items to ask the
// next page for.
func (c *Client) walk(ctx context.Context, l *listing, query url.Values, size int, visit func(page rawPage, next string) (string, int, error)) error {
	q := url.Values{}
	for k, v := range query {
		q[k] = v
	}
	q.Set("limit", strconv.Itoa(size))
	page, next, err := c.firstPage(ctx, l, q)
	for {
		if err != nil {
			return err
		}
		follow, ask, verr := visit(page, next)
		if verr != nil || follow == "" {
			return verr
		}
		page, next, err = c.nextPage(ctx, l, follow, ask)
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
