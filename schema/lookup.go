package schema

import (
	"errors"
	"fmt"
)

// Lookup finds the action a request names by its display name, its
// identifier or both; when both are given they must name the same action.
func (a *App) Lookup(name, identifier string) (*Action, error) {
	const hint = "; run --list-actions to see the actions"
	if err := a.materialize(name, identifier); err != nil {
		return nil, err
	}
	var byName, byID *Action
	if name != "" {
		if byName = a.byName[name]; byName == nil {
			return nil, fmt.Errorf("unknown action %q%s", name, hint)
		}
	}
	if identifier != "" {
		if byID = a.byIdentifier[identifier]; byID == nil {
			return nil, fmt.Errorf("unknown action identifier %q%s", identifier, hint)
		}
	}
	switch {
	case byName == nil && byID == nil:
		return nil, errors.New(`request names no action: give "action" or "identifier"`)
	case byName == nil:
		return byID, nil
	case byID != nil && byID != byName:
		return nil, fmt.Errorf("action %q and identifier %q name different actions", name, identifier)
	}
	return byName, nil
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
