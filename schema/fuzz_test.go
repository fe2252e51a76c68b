package schema

import (
	"encoding/json"
	"os"
	"testing"
)

// Parameter coercion and validation never panic, and what they accept has
// the declared types: every action of app.json gets the same input.
func FuzzValidateParameters(f *testing.F) {
	raw, err := os.ReadFile("../app.json")
	if err != nil {
		f.Fatal(err)
	}
	app, err := Parse(raw)
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		`{}`, `{"limit":"50"}`, `{"limit":50.5}`, `{"limit":-1}`, `{"limit":"1e3"}`, `{"user_id":null}`,
		`{"user_id":["a"]}`, `{"user_id":{"$ne":1}}`, `{"send_email":"yes"}`, `{"send_email":"true"}`,
		`{"type":"SUPER_ADMIN"}`, `{"limit":1e400}`, `{"id":""}`, `{"new_password":12}`, `{"x":1}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var in map[string]any
		if json.Unmarshal(data, &in) != nil {
			return
		}
		for _, act := range app.Actions {
			out, err := act.Validate(in)
			if err != nil {
				if _, ok := err.(*ValidationError); !ok {
					t.Fatalf("%s: error %T is not a *ValidationError", act.Identifier, err)
				}
				continue
			}
			for name, v := range out {
				p := act.Parameters[name]
				if p == nil {
					t.Fatalf("%s: accepted undeclared parameter %q", act.Identifier, name)
				}
				if !hasType(p.DataType, v) {
					t.Fatalf("%s: %s is %T, declared %s", act.Identifier, name, v, p.DataType)
				}
			}
		}
	})
}

func hasType(dataType string, v any) bool {
	switch v.(type) {
	case string:
		return dataType == "string" || dataType == "password"
	case bool:
		return dataType == "boolean"
	case float64, int, int64, json.Number:
		return dataType == "numeric"
	}
	return false
}
