// Package datapath lists the data paths of a result envelope in app.json's
// notation: action_result.X for each action result's X, summary.X for the
// envelope's summary, "*" for the items of a list.
package datapath

import (
	"encoding/json"
	"sort"
)

// Data types of a value, as app.json's outputs name them.
const (
	String  = "string"
	Numeric = "numeric"
	Boolean = "boolean"
)

// Path is one data path of an envelope and the data type of a value
// found there.
type Path struct {
	DataPath string
	DataType string
}

// Of lists the data path and data type of every scalar value in env, null
// left out, without repeats, sorted by path then type: a path whose values
// differ in type is listed once per type.
func Of(env map[string]any) []Path {
	set := map[Path]bool{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch t := v.(type) {
		case map[string]any:
			for k, x := range t {
				walk(prefix+"."+k, x)
			}
		case []any:
			for _, x := range t {
				walk(prefix+".*", x)
			}
		case nil:
		default:
			set[Path{prefix, typeOf(t)}] = true
		}
	}
	if results, ok := env["action_results"].([]any); ok {
		for _, r := range results {
			walk("action_result", r)
		}
	}
	walk("summary", env["summary"])
	out := make([]Path, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].DataPath != out[j].DataPath {
			return out[i].DataPath < out[j].DataPath
		}
		return out[i].DataType < out[j].DataType
	})
	return out
}

func typeOf(v any) string {
	switch v.(type) {
	case bool:
		return Boolean
	case float64, json.Number, int, int64:
		return Numeric
	}
	return String
}

// Texts lists every string in a decoded JSON value v, and with keys every
// object key too: what a check for leaked text must read.
func Texts(v any, keys bool) []string {
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			out = append(out, x)
		case map[string]any:
			for k, e := range x {
				if keys {
					out = append(out, k)
				}
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}
