package schema

import (
	"fmt"
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

// Secrets lists every value of one request that is a secret, for the
// scrubbers that keep them out of what a run writes: the password values of
// the configuration, and the values in each parameter set of the
// parameters act declares as passwords. A value counts however it was given:
// a password sent as a number is listed as its text. With act nil, a
// parameter counts when any action a has read declares it a password.
// Empty values are left out, repeats removed, and longer values come first
// so that a scrubber replacing them in turn never leaves part of a longer
// secret behind. This is the one place that decides which values of a
// request are secrets.
func (a *App) Secrets(act *Action, config map[string]any, runs []map[string]any) []string {
	set := map[string]bool{}
	collect := func(m map[string]any, secret func(string) bool) {
		for k, v := range m {
			if s := secretText(v); s != "" && secret(k) {
				set[s] = true
			}
		}
	}
	collect(config, func(k string) bool { return isPassword(a.Configuration[k]) })
	paramSecret := a.isSecretParam
	if act != nil {
		paramSecret = func(k string) bool { return isPassword(act.Parameters[k]) }
	}
	for _, m := range runs {
		collect(m, paramSecret)
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

// SecretValues is Secrets for parameter sets of any action: a parameter
// counts when any action a has read declares it a password.
func (a *App) SecretValues(cfg map[string]any, params ...map[string]any) []string {
	return a.Secrets(nil, cfg, params)
}

// secretText is the text under which a secret value may appear: a string as
// it is, anything else but null as fmt prints it.
func secretText(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	}
	return fmt.Sprint(v)
}

func isPassword(p *Param) bool {
	return p != nil && p.DataType == TypePassword
}

func (a *App) isSecretParam(name string) bool {
	for _, act := range a.Actions {
		if isPassword(act.Parameters[name]) {
			return true
		}
	}
	return false
}
