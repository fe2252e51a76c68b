package schema

import (
	"errors"
	"fmt"
)

// Lookup finds the action a request names. The request's "action" and
// "identifier" may each hold the display name ("get user") or the
// identifier ("get_user"): Splunk SOAR sends the identifier in both. When
// both are given they must name the same action. Names are matched
// exactly.
func (a *App) Lookup(action, identifier string) (*Action, error) {
	const hint = "; run --list-actions to see the actions"
	if err := a.materialize(action, identifier); err != nil {
		return nil, err
	}
	var found [2]*Action
	for i, q := range [2]struct{ noun, value string }{{"action", action}, {"action identifier", identifier}} {
		if q.value == "" {
			continue
		}
		if found[i] = a.named(q.value); found[i] == nil {
			return nil, fmt.Errorf("unknown %s %q%s", q.noun, q.value, hint)
		}
	}
	switch {
	case found[0] == nil && found[1] == nil:
		return nil, errors.New(`request names no action: give "action" or "identifier"`)
	case found[0] == nil:
		return found[1], nil
	case found[1] != nil && found[0] != found[1]:
		return nil, fmt.Errorf("action %q and identifier %q name different actions", action, identifier)
	}
	return found[0], nil
}

// named returns the action whose identifier or display name is v.
func (a *App) named(v string) *Action {
	if act := a.byIdentifier[v]; act != nil {
		return act
	}
	return a.byName[v]
}

// ParamNames lists the action's parameter names in declaration order.
func (a *Action) ParamNames() []string {
	return a.params.names()
}

// JSONSchema returns the JSON Schema document derived from the action's
// parameters. The caller must not modify it.
func (a *Action) JSONSchema() map[string]any {
	return a.params.doc
}
