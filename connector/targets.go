package connector

import (
	"fmt"
	"strings"

	"github.com/soar-okta/okta-connector/envelope"
	"github.com/soar-okta/okta-connector/schema"
)

// targetKinds are the contains types of parameters that name an Okta
// object. Such a parameter accepts several objects at once as a JSON array
// of strings in the request, which a playbook builds on purpose. A string
// always names exactly one object, whatever it holds: alert data can put
// commas or brackets in a user name, and must not widen an action's reach.
// Only when the asset opts in (split_comma_lists) is a comma-separated
// string split into several targets.
var targetKinds = map[string]bool{
	"okta user id":   true,
	"okta group id":  true,
	"okta app id":    true,
	"okta factor id": true,
	"okta role id":   true,
	"okta zone id":   true,
	// Identity threat response: a user's devices, sessions and OAuth 2.0
	// clients.
	"okta device id":  true,
	"okta session id": true,
	"okta client id":  true,
	// Org-wide objects incident response acts on. "okta idps id" is what
	// list providers' ids contain, so that they chain into deactivate idp.
	"okta api token id":      true,
	"okta idps id":           true,
	"okta trusted origin id": true,
}

// Defaults of the asset settings that bound a multi-target request.
const (
	DefaultMaxTargets     = 1000
	DefaultMaxConcurrency = 8
)

// Scale is how far one request may fan out: how many action results the
// whole request may expand to, how many run at the same time, and whether
// comma-separated strings name several targets.
type Scale struct {
	MaxTargets      int
	MaxConcurrency  int
	SplitCommaLists bool
}

// scaleFrom reads max_targets and max_concurrency from the validated asset
// configuration.
func scaleFrom(cfg map[string]any) Scale {
	sc := Scale{MaxTargets: DefaultMaxTargets, MaxConcurrency: DefaultMaxConcurrency}
	if v, ok := number(cfg["max_targets"]); ok {
		sc.MaxTargets = int(v)
	}
	if v, ok := number(cfg["max_concurrency"]); ok {
		sc.MaxConcurrency = int(v)
	}
	sc.SplitCommaLists, _ = cfg["split_comma_lists"].(bool)
	return sc
}

// targetParams lists the action's parameters that name one Okta object,
// in declaration order. A parameter whose name ends in "_ids" (create
// user's group_ids) already takes a list for a single run and is left as
// it is.
func targetParams(action *schema.Action) []string {
	var out []string
	for _, name := range action.ParamNames() {
		if strings.HasSuffix(name, "_ids") {
			continue
		}
		for _, c := range action.Parameters[name].Contains {
			if targetKinds[c] {
				out = append(out, name)
				break
			}
		}
	}
	return out
}

// job is one action result to produce: a parameter set to run, or a
// failure found while expanding the request's parameter set.
type job struct {
	params map[string]any
	fail   string
}

// expandRuns turns the request's parameter sets into one job per target.
// A parameter set whose target parameters each hold one value is kept as
// it is, so single-target requests behave exactly as before. When several
// target parameters of one set hold lists, every combination runs, the
// first-declared parameter varying slowest. A set that expands past
// sc.MaxTargets becomes one failed job; a request whose jobs add up to
// more than sc.MaxTargets is refused whole (the error), so that no number
// of parameter sets multiplies past the bound.
func expandRuns(action *schema.Action, runs []map[string]any, sc Scale) ([]job, error) {
	if len(runs) > sc.MaxTargets {
		return nil, fmt.Errorf("the request holds %d parameter sets, more than the %d action results one request may produce (the asset's max_targets): split it over several requests or raise max_targets", len(runs), sc.MaxTargets)
	}
	names := targetParams(action)
	var jobs []job
	for _, raw := range runs {
		sets, err := expandOne(names, raw, sc)
		if err != nil {
			jobs = append(jobs, job{params: raw, fail: err.Error()})
		}
		for _, p := range sets {
			jobs = append(jobs, job{params: p})
		}
		if len(jobs) > sc.MaxTargets {
			return nil, fmt.Errorf("the request's parameter sets expand to more than the %d action results one request may produce (the asset's max_targets): split it over several requests or raise max_targets", sc.MaxTargets)
		}
	}
	return jobs, nil
}

// expandOne expands one parameter set.
func expandOne(names []string, raw map[string]any, sc Scale) ([]map[string]any, error) {
	max := sc.MaxTargets
	type list struct {
		name   string
		values []string
	}
	var lists []list
	var listed []string
	total := 1
	for _, name := range names {
		values, isList, err := splitTargets(name, raw[name], sc.SplitCommaLists)
		if err != nil {
			return nil, err
		}
		if !isList {
			continue
		}
		if len(values) == 0 {
			values = []string{""} // left for validation to report as empty
		}
		if total*len(values) > max {
			what := fmt.Sprintf("parameter %q lists %d targets", name, len(values))
			if total > 1 {
				what = fmt.Sprintf("the lists of parameters %s and %q make %d combinations", strings.Join(listed, ", "), name, total*len(values))
			}
			return nil, fmt.Errorf("%s, more than the %d one request may act on (the asset's max_targets): split the list over several requests or raise max_targets", what, max)
		}
		total *= len(values)
		lists = append(lists, list{name, values})
		listed = append(listed, fmt.Sprintf("%q", name))
	}
	if len(lists) == 0 {
		return []map[string]any{raw}, nil
	}
	sets := []map[string]any{{}}
	for k, v := range raw {
		sets[0][k] = v
	}
	for _, l := range lists {
		next := make([]map[string]any, 0, len(sets)*len(l.values))
		for _, s := range sets {
			for _, v := range l.values {
				p := make(map[string]any, len(s))
				for k, x := range s {
					p[k] = x
				}
				p[l.name] = v
				next = append(next, p)
			}
		}
		sets = next
	}
	return sets, nil
}

// splitTargets reads a target parameter's value as a list. isList is true
// for a JSON array and, when commas is set (the asset's split_comma_lists),
// for a string holding a comma; any other value is a single value, left
// untouched. A string that looks like a JSON list is one string. Entries
// are trimmed; blanks and repeats are dropped, keeping input order.
func splitTargets(name string, v any, commas bool) (values []string, isList bool, err error) {
	switch t := v.(type) {
	case []any:
		items := make([]string, 0, len(t))
		for i, x := range t {
			s, ok := x.(string)
			if !ok {
				return nil, false, fmt.Errorf("parameter %q: entry %d of the list is %s, not a string", name, i+1, envelope.JSONKind(x))
			}
			items = append(items, s)
		}
		return uniqueTrimmed(items), true, nil
	case string:
		if !commas || !strings.Contains(t, ",") {
			return nil, false, nil
		}
		return uniqueTrimmed(strings.Split(t, ",")), true, nil
	}
	return nil, false, nil
}

func uniqueTrimmed(items []string) []string {
	out := make([]string, 0, len(items))
	seen := make(map[string]bool, len(items))
	for _, it := range items {
		it = strings.TrimSpace(it)
		if it != "" && !seen[it] {
			seen[it] = true
			out = append(out, it)
		}
	}
	return out
}
