package oktaapi

import (
	"fmt"
	"sort"
	"strings"

	"github.com/soar-okta/okta-connector/internal/textcut"
)

// Named is a candidate of a look-up by name: an Okta object's id and the
// name a parameter may give instead of the id (a group's name, an app's
// label, a zone's name).
type Named struct {
	ID   string
	Name string
}

// maxCandidates bounds how many candidates an ambiguity message lists.
const maxCandidates = 10

// PickExact returns the index of the one candidate whose name is exactly
// ref. No match and more than one match are errors whose message says what
// to give instead; for several, it lists the candidates' ids.
func PickExact(kind, param, ref string, candidates []Named) (int, error) {
	var hits []int
	for i, c := range candidates {
		if c.Name == ref {
			hits = append(hits, i)
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], nil
	case 0:
		return -1, fmt.Errorf("no Okta %s has the id or name %s (parameter %q)", kind, textcut.QuoteValue(ref), param)
	}
	ids := make([]string, 0, len(hits))
	for _, i := range hits {
		ids = append(ids, candidates[i].ID)
	}
	sort.Strings(ids)
	more := ""
	if len(ids) > maxCandidates {
		more = fmt.Sprintf(" and %d more", len(ids)-maxCandidates)
		ids = ids[:maxCandidates]
	}
	return -1, fmt.Errorf("%d Okta %ss are named %s: %s%s; give the id in %q instead", len(hits), kind, textcut.QuoteValue(ref), strings.Join(ids, ", "), more, param)
}
