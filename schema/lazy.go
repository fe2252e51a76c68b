package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/soar-okta/okta-connector/internal/jsonscan"
)

// ParseFor reads a manifest for one invocation: the top level and the
// configuration are read as Parse reads them, but an action is decoded
// and checked only when Lookup asks for it. This start-up cost is paid by
// every invocation, and the manifest is large (every output data path of
// every action), so ParseFor avoids scanning it whole: for this
// repository's app.json, Lookup finds the action it needs by the offsets
// generated from app.json (embeddedIndex), and only that action is read;
// for any other manifest, or when an indexed span does not hold the action
// it names, the actions are split and searched one by one (still decoding
// only the one named). Parse, which the tests and the documentation use,
// checks every action of the manifest.
func ParseFor(data []byte) (*App, error) {
	return parseFor(data, &embeddedIndex)
}

// parseFor is ParseFor with the index to try.
func parseFor(data []byte, idx *manifestIndex) (*App, error) {
	app := &App{byName: map[string]*Action{}, byIdentifier: map[string]*Action{}}
	top := app.topFields()
	var problem error
	seenConfig := false
	skip := func(key string, b []byte, i int) (int, error) {
		if key == "actions" {
			app.actionsText = b[i:]
			if seenConfig {
				return 0, errStopReading
			}
		}
		return jsonscan.SkipValue(b, i)
	}
	err := eachMemberSkip(data, skip, func(key string, raw []byte) bool {
		switch {
		case key == "configuration":
			seenConfig = true
			if err := strictDecode(raw, &app.Configuration); err != nil {
				problem = fmt.Errorf("manifest configuration: %w", err)
			}
		case top[key] != nil:
			if err := json.Unmarshal(raw, top[key]); err != nil {
				problem = fmt.Errorf("manifest %s: %w", key, err)
			}
		}
		return problem == nil
	})
	if errors.Is(err, errStopReading) {
		err = nil
	}
	if err == nil {
		err = problem
	}
	if err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	if app.config, err = newFieldSet("configuration", "", app.Configuration); err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	if idx != nil && idx.size == len(data) && app.actionsText != nil {
		app.text, app.index = data, idx
	}
	return app, nil
}

// errStopReading ends the top-level read of ParseFor at the actions.
var errStopReading = errors.New("stop reading")

// indexed decodes the action the index places under value (an identifier
// or a display name). It returns nil when there is no index, no such entry,
// or the entry's span does not hold that action; the caller then splits
// the actions.
func (a *App) indexed(value string) *Action {
	if a.index == nil || value == "" {
		return nil
	}
	ia, ok := a.index.entry(value)
	if !ok || !ia.spanHolds(a.text, len(a.text)-len(a.actionsText)) {
		return nil
	}
	act := &Action{}
	if strictDecode(a.text[ia.start:ia.end], act) != nil || act.Identifier != ia.identifier || act.Name != ia.name {
		return nil
	}
	return act
}

// split turns the actions' text into pending actions, once.
func (a *App) split() error {
	if a.actionsText == nil || a.pending != nil {
		return nil
	}
	actions, _, err := jsonscan.SplitArray(a.actionsText, 0)
	if err != nil {
		return fmt.Errorf("manifest actions: %w", err)
	}
	a.pending = make([]pendingAction, 0, len(actions))
	for _, el := range actions {
		pa := pendingAction{raw: el}
		if err := leadingNames(el, &pa); err != nil {
			return fmt.Errorf("manifest actions: %w", err)
		}
		a.pending = append(a.pending, pa)
	}
	return nil
}

// pendingAction is an action ParseFor has not decoded yet.
type pendingAction struct {
	name, identifier string
	raw              []byte
}

// materialize decodes and checks the actions whose display name or
// identifier is one of values, so that Lookup finds them.
func (a *App) materialize(values ...string) error {
	if a.actionsText == nil {
		return nil // Parse read them all
	}
	missing := false
	for _, v := range values {
		if v == "" || a.named(v) != nil {
			continue
		}
		if a.pending == nil {
			if act := a.indexed(v); act != nil {
				if err := a.adopt(act); err != nil {
					return err
				}
				continue
			}
		}
		missing = true
	}
	if !missing {
		return nil
	}
	if err := a.split(); err != nil {
		return err
	}
	for i := range a.pending {
		pa := &a.pending[i]
		if pa.raw == nil || a.byIdentifier[pa.identifier] != nil || !(slices.Contains(values, pa.name) || slices.Contains(values, pa.identifier)) {
			continue
		}
		act := &Action{}
		if err := strictDecode(pa.raw, act); err != nil {
			return fmt.Errorf("manifest action %q: %w", pa.name, err)
		}
		pa.raw = nil
		if err := a.adopt(act); err != nil {
			return err
		}
	}
	return nil
}

// adopt adds an action read from the manifest, once.
func (a *App) adopt(act *Action) error {
	if a.byIdentifier[act.Identifier] != nil {
		return nil
	}
	a.Actions = append(a.Actions, act)
	return a.addAction(act)
}

func strictDecode(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// leadingNames reads an action's name and identifier, which come first in
// each action of the manifest, and stops reading there.
func leadingNames(b []byte, pa *pendingAction) error {
	return eachMember(b, func(key string, raw []byte) bool {
		switch key {
		case "action":
			_ = json.Unmarshal(raw, &pa.name)
		case "identifier":
			_ = json.Unmarshal(raw, &pa.identifier)
		}
		return pa.name == "" || pa.identifier == ""
	})
}

// eachMember calls visit with each member of the JSON object b until visit
// returns false.
func eachMember(b []byte, visit func(key string, raw []byte) bool) error {
	return eachMemberSkip(b, func(_ string, b []byte, i int) (int, error) { return jsonscan.SkipValue(b, i) }, visit)
}

// eachMemberSkip is eachMember with the way each value is skipped given.
func eachMemberSkip(b []byte, skip func(key string, b []byte, i int) (int, error), visit func(key string, raw []byte) bool) error {
	i := jsonscan.SkipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return errors.New("expected a JSON object")
	}
	i = jsonscan.SkipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return nil
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return errors.New("expected a member name")
		}
		end, err := jsonscan.SkipString(b, i)
		if err != nil {
			return err
		}
		var key string
		if err := json.Unmarshal(b[i:end], &key); err != nil {
			return err
		}
		i = jsonscan.SkipSpace(b, end)
		if i >= len(b) || b[i] != ':' {
			return errors.New("expected ':' after a member name")
		}
		i = jsonscan.SkipSpace(b, i+1)
		if end, err = skip(key, b, i); err != nil {
			return err
		}
		if !visit(key, b[i:end]) {
			return nil
		}
		i = jsonscan.SkipSpace(b, end)
		if i >= len(b) {
			return errors.New("unexpected end of an object")
		}
		if b[i] == '}' {
			return nil
		}
		if b[i] != ',' {
			return errors.New("expected ',' or '}' in an object")
		}
		i = jsonscan.SkipSpace(b, i+1)
	}
}
