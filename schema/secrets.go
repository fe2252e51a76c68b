package schema

import (
	"maps"
	"sort"
)

// Mask replaces a secret value wherever parameters or configuration are
// echoed.
const Mask = "********"

// Masked returns a copy of params with the value of every password parameter
// replaced by Mask.
func (a *Action) Masked(params map[string]any) map[string]any {
	return a.params.masked(params)
}

// MaskedConfig returns a copy of cfg with every password value replaced by
// Mask.
func (a *App) MaskedConfig(cfg map[string]any) map[string]any {
	return a.config.masked(cfg)
}

func (fs *fieldSet) masked(in map[string]any) map[string]any {
	out := maps.Clone(in)
	if out == nil {
		out = map[string]any{}
	}
	for name, p := range fs.byName {
		if _, ok := out[name]; ok && p.DataType == TypePassword {
			out[name] = Mask
		}
	}
	return out
}

// SecretValues collects every non-empty string that is a secret: password
// values of cfg, and values in params under a name that any action declares
// as a password. Longer values come first so that a scrubber replacing them
// in turn never leaves part of a longer secret behind.
func (a *App) SecretValues(cfg map[string]any, params ...map[string]any) []string {
	set := map[string]bool{}
	collect := func(m map[string]any, secret func(string) bool) {
		for k, v := range m {
			if s, ok := v.(string); ok && s != "" && secret(k) {
				set[s] = true
			}
		}
	}
	collect(cfg, func(k string) bool {
		p := a.config.byName[k]
		return p != nil && p.DataType == TypePassword
	})
	for _, m := range params {
		collect(m, a.isSecretParam)
	}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i]) != len(out[j]) {
			return len(out[i]) > len(out[j])
		}
		return out[i] < out[j]
	})
	return out
}

func (a *App) isSecretParam(name string) bool {
	for _, act := range a.Actions {
		if p := act.Parameters[name]; p != nil && p.DataType == TypePassword {
			return true
		}
	}
	return false
}
