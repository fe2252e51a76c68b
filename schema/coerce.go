package schema

import (
	"encoding/json"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// decimal is the shape a numeric string must have: an optional sign, digits
// with an optional fraction and an optional exponent. It keeps out what
// strconv.ParseFloat would also take, such as "NaN", "Inf" and hex floats.
var decimal = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$`)

// blank reports whether a value counts as not given: null, or a string that
// is empty or only white space.
func blank(v any) bool {
	if v == nil {
		return true
	}
	s, ok := v.(string)
	return ok && strings.TrimSpace(s) == ""
}

// coerce converts a value to the Go type of its declared data type when the
// conversion is one a SOAR platform relies on. A value it cannot convert is
// returned unchanged, so that schema validation reports it.
func coerce(p *Param, v any) any {
	switch p.DataType {
	case TypeNumeric:
		if f, ok := toNumber(v); ok {
			return f
		}
	case TypeBoolean:
		if b, ok := toBool(v); ok {
			return b
		}
	}
	return v
}

func toNumber(v any) (float64, bool) {
	var f float64
	switch n := v.(type) {
	case float64:
		f = n
	case int:
		f = float64(n)
	case int64:
		f = float64(n)
	case json.Number:
		return parseDecimal(string(n))
	case string:
		return parseDecimal(strings.TrimSpace(n))
	default:
		return 0, false
	}
	return f, !math.IsNaN(f) && !math.IsInf(f, 0)
}

func parseDecimal(s string) (float64, bool) {
	if !decimal.MatchString(s) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

func toBool(v any) (bool, bool) {
	switch b := v.(type) {
	case bool:
		return b, true
	case string:
		switch strings.ToLower(strings.TrimSpace(b)) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	return false, false
}

// finish gives a validated value its final Go type: a number declared
// whole becomes int.
func finish(p *Param, v any) any {
	if f, ok := v.(float64); ok && p.Whole {
		return int(f)
	}
	return v
}
