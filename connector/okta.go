package connector

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/okta/okta-sdk-golang/v2/okta"

	"github.com/soar-okta/okta-connector/internal/textcut"
	"github.com/soar-okta/okta-connector/schema"
)

// PageSize is the page size list actions ask for: the API maximum of the
// endpoints they page through.
const PageSize = 200

// Okta sends requests through the official SDK's request executor, which
// supplies authentication, the User-Agent, 429 back-off and Link-header
// paging. Responses are decoded as raw JSON so that every attribute Okta
// returns reaches the action result, including ones the SDK's models lack.
type Okta struct {
	client *okta.Client
	origin string
	dryRun bool
	plan   *[]PlannedRequest
	budget *readBudget // what the request's listings may still read
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

// Origin is base_url as the SDK uses it (scheme and host).
func (o *Okta) Origin() string { return o.origin }

// Get fetches one object into out (a pointer, usually *json.RawMessage or a struct).
func (o *Okta) Get(ctx context.Context, path string, query url.Values, out any) error {
	_, err := o.Do(ctx, http.MethodGet, path, query, nil, out)
	return err
}

// Do sends one request. path must come from Path (its segments checked);
// query values are encoded here. out may be nil.
func (o *Okta) Do(ctx context.Context, method, path string, query url.Values, body, out any) (*okta.Response, error) {
	if err := unsafePath(method, path); err != nil {
		return nil, err
	}
	target := path
	if len(query) > 0 {
		target += "?" + query.Encode()
	}
	if o.dryRun && method != http.MethodGet {
		*o.plan = append(*o.plan, PlannedRequest{Method: method, Path: path, Query: query.Encode(), Body: maskBody(body)})
		return nil, errDryRun
	}
	exec := o.client.CloneRequestExecutor()
	req, err := exec.NewRequest(method, target, body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, path, authFailure(err, o.client.GetConfig().Okta.Client.Scopes))
	}
	var sink any = out
	if out == nil {
		var discard json.RawMessage
		sink = &discard
	}
	resp, err := exec.Do(ctx, req, sink)
	if err != nil {
		err = wrapSDKError(method, path, resp, err)
		if method == http.MethodDelete {
			err = o.settleDelete(ctx, path, err)
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
func (o *Okta) settleDelete(ctx context.Context, path string, err error) error {
	var unknown *OutcomeUnknownError
	if !errors.As(err, &unknown) || ctx.Err() != nil {
		return err
	}
	var raw json.RawMessage
	rerr := o.Get(ctx, path, nil, &raw)
	switch {
	case IsAPIError(rerr, http.StatusNotFound, "E0000007"):
		attemptsFrom(ctx).settle(fmt.Sprintf("the answer to DELETE %s was lost (%s); reading it again found it gone, so the DELETE was made", path, unknown.Reason))
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
func (o *Okta) List(ctx context.Context, path string, query url.Values, limit int) ([]json.RawMessage, error) {
	size := PageSize
	if limit > 0 && limit < size {
		size = limit
	}
	var items []json.RawMessage
	err := o.pages(ctx, path, query, size, "list "+path, func(page rawPage) (bool, error) {
		for _, it := range page {
			if limit > 0 && len(items) >= limit {
				return false, nil
			}
			items = append(items, it)
		}
		return limit <= 0 || len(items) < limit, nil
	})
	if err != nil {
		return nil, err
	}
	return items, nil
}

// pages fetches the collection at path with query, size items a page, and
// hands each page to visit, which returns false to stop; paging also stops
// when there is no next link. what names the listing in messages. The
// request's read budget and the listing's page bound stop a listing that
// would never end.
func (o *Okta) pages(ctx context.Context, path string, query url.Values, size int, what string, visit func(rawPage) (bool, error)) error {
	q := url.Values{}
	for k, v := range query {
		q[k] = v
	}
	q.Set("limit", strconv.Itoa(size))
	ctx = rawPages(ctx)
	l := &listing{path: path, what: what, budget: o.reads(), seen: map[[32]byte]bool{}}
	resp, err := o.Do(ctx, http.MethodGet, path, q, nil, nil)
	for {
		var page rawPage
		if err == nil {
			page, err = readPage(resp, l)
		}
		if err != nil {
			return err
		}
		more, verr := visit(page)
		if verr != nil || !more || resp == nil || !resp.HasNextPage() {
			return verr
		}
		resp, err = o.followNext(ctx, resp, l)
	}
}

// reads is the request's read budget (a fresh default one for an Okta
// built outside a run).
func (o *Okta) reads() *readBudget {
	if o.budget == nil {
		o.budget = newReadBudget(ListBounds{})
	}
	return o.budget
}

// checkNextLink refuses a next-page link that leaves the collection being
// listed. The SDK has already cut the link down to its path and query (the
// transport checked its origin); what is left must be that path, with no
// user information or host hidden in it. Okta's cursors only ever change
// the query.
func checkNextLink(path, what, next string) error {
	u, err := url.Parse(next)
	if err != nil {
		return fmt.Errorf("%s: Okta's next-page link %s is not a URL; stopping", what, textcut.QuoteValue(next))
	}
	if u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" || u.EscapedPath() != path {
		return fmt.Errorf("%s: the next-page link points at %s, outside this collection; stopping without following it", what, textcut.QuoteValue(next))
	}
	return nil
}

// followNext fetches the page resp's next link points to, for readPage. A
// link the listing already followed is refused, so that a server repeating
// itself cannot make a listing loop, and so is one that leaves the
// collection, or one past the listing's page bound.
func (o *Okta) followNext(ctx context.Context, resp *okta.Response, l *listing) (*okta.Response, error) {
	next := resp.NextPage
	if err := checkNextLink(l.path, l.what, next); err != nil {
		return nil, err
	}
	if err := l.follow(next); err != nil {
		return nil, err
	}
	var undecoded json.RawMessage
	resp, err := resp.Next(ctx, &undecoded)
	if err != nil {
		return resp, wrapSDKError(http.MethodGet, next, resp, err)
	}
	return resp, nil
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
					t[k] = Masked
				}
			case inSecret && k == "value":
				t[k] = Masked
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

// Masked is what a secret value is shown as.
const Masked = schema.Mask

// readSnippet returns the start of a response body for a message. The
// message quotes only its first characters, but the cut is made after
// masking (textcut.Quote), so enough is kept for a secret that starts there to
// be recognised whole.
func readSnippet(r io.Reader) string {
	if r == nil {
		return ""
	}
	b, _ := io.ReadAll(io.LimitReader(r, snippetBytes))
	return string(b)
}

// snippetBytes is how much of an error answer is read for its message.
const snippetBytes = 64 << 10
