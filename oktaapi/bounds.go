package oktaapi

import (
	"crypto/sha256"
	"fmt"
	"sync"

	"github.com/soar-okta/okta-connector/internal/textcut"
)

// ListBounds bound what the listings of one request may read, so that a
// server sending endless pages, endless distinct next links or a page of
// millions of tiny items ends the run with a failed result instead of
// exhausting memory. Each answer is also capped at 64 MiB after
// decompression, whatever its kind (transport.ErrResponseTooLarge).
type ListBounds struct {
	Items int   // items read by all the listings of one request
	Bytes int64 // page text read by all the listings of one request
	Pages int   // pages one listing may fetch
}

// DefaultListBounds are generous for real orgs: a listing of 100,000 users
// is a tenth of Items, and its 500 pages (about 190 MiB of text, a 300 MB
// envelope) well under Bytes and Pages.
var DefaultListBounds = ListBounds{Items: 1_000_000, Bytes: 512 << 20, Pages: 100_000}

// orDefault fills the zero fields of b with the defaults.
func (b ListBounds) orDefault() ListBounds {
	if b.Items <= 0 {
		b.Items = DefaultListBounds.Items
	}
	if b.Bytes <= 0 {
		b.Bytes = DefaultListBounds.Bytes
	}
	if b.Pages <= 0 {
		b.Pages = DefaultListBounds.Pages
	}
	return b
}

// ReadBudget is what the listings of one request have read so far; every
// run of the request shares it (Run.Reads), since every item ends up in
// the one envelope.
type ReadBudget struct {
	bounds ListBounds
	mu     sync.Mutex
	items  int
	bytes  int64
}

// NewReadBudget is a request's budget within b (zero fields: the
// defaults).
func NewReadBudget(b ListBounds) *ReadBudget { return &ReadBudget{bounds: b.orDefault()} }

// itemsLeft is how many more items the request may read.
func (r *ReadBudget) itemsLeft() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.bounds.Items - r.items
}

// take records a page of n items and size bytes, or says which bound it
// breaks.
func (r *ReadBudget) take(n int, size int64) (ok bool, items bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.items+n > r.bounds.Items {
		return false, true
	}
	if r.bytes+size > r.bounds.Bytes {
		return false, false
	}
	r.items += n
	r.bytes += size
	return true, false
}

// listing is one listing in progress: its pages and the next links it
// followed, remembered by digest so that long links cost no memory.
type listing struct {
	path, what string
	budget     *ReadBudget
	pages      int
	seen       map[[sha256.Size]byte]bool
	wrapped    bool // pages are objects (readWrapped), not lists
}

// ListBoundError is a listing stopped at one of its bounds.
type ListBoundError struct {
	What  string // the listing, as in "list /api/v1/users"
	Bound string // the bound passed, as in "1000000 items, the most one request may read"
	Hint  string // how to narrow the request
}

func (e *ListBoundError) Error() string {
	return fmt.Sprintf("%s stopped: it would read more than %s; %s", e.What, e.Bound, e.Hint)
}

// boundError names the bound passed and how to narrow the listing.
func (l *listing) boundError(bound string) error {
	hint := "narrow it with the limit parameter, a filter or search, or split it into several requests"
	if l.path == "/api/v1/logs" {
		hint = "narrow it with a limit (container_count for on poll), a filter, or a shorter time window"
	}
	return &ListBoundError{What: l.what, Bound: bound, Hint: hint}
}

func (l *listing) tooManyItems() error {
	return l.boundError(fmt.Sprintf("%d items, the most one request may read", l.budget.bounds.Items))
}

func (l *listing) tooManyBytes() error {
	return l.boundError(fmt.Sprintf("%d MiB of pages, the most one request may read", l.budget.bounds.Bytes>>20))
}

// follow records that the listing fetches the page at next, refusing a
// link it already followed and a page past the bound.
func (l *listing) follow(next string) error {
	if l.pages >= l.budget.bounds.Pages-1 {
		return l.boundError(fmt.Sprintf("%d pages, the most one listing may fetch", l.budget.bounds.Pages))
	}
	sum := sha256.Sum256([]byte(next))
	if l.seen[sum] {
		return fmt.Errorf("%s: Okta returned the same next-page link twice (%s); stopping to avoid a loop", l.what, textcut.QuoteValue(next))
	}
	l.seen[sum] = true
	l.pages++
	return nil
}

// unfollow takes back follow(next): a page read ahead that was given up,
// the listing not having followed its link after all.
func (l *listing) unfollow(next string) {
	delete(l.seen, sha256.Sum256([]byte(next)))
	l.pages--
}
