package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/fixtures/simorg"
)

// hostileRequest is one malformed or malicious request and what must come
// of it. raw builds the request as sent, given a configuration pointing at
// a fresh simulated org.
type hostileRequest struct {
	name  string
	raw   func(cfg map[string]any) string
	exit  []int    // acceptable exit statuses
	want  string   // in the envelope's message or its first result's
	ok    bool     // an odd but valid request: the envelope must succeed
	paths []string // paths the org may see (see actionPaths); none when empty
	fault func(sim *simorg.Server) func(http.ResponseWriter, *http.Request) bool
}

func rawJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// literal is a request that does not depend on the org.
func literal(s string) func(map[string]any) string {
	return func(map[string]any) string { return s }
}

// with builds a request for action with one parameter set.
func with(action string, params map[string]any) func(map[string]any) string {
	return func(cfg map[string]any) string { return rawJSON(request(action, cfg, params)) }
}

var (
	unusable = []int{connector.ExitUnusable}
	failed   = []int{connector.ExitFailed}
	okExit   = []int{connector.ExitSuccess}
)

// envelopeCases break the request envelope itself: nothing may be sent.
func envelopeCases() []hostileRequest {
	valid := `{"identifier":"get_user","parameters":[{"user_id":"dana.whitfield@example.com"}],"config":{"base_url":"https://acme.okta.example","api_key":"k"}}`
	cases := []hostileRequest{
		{name: "empty", raw: literal(""), exit: unusable, want: "empty"},
		{name: "blank", raw: literal(" \n\t "), exit: unusable, want: "empty"},
		{name: "byte order mark", raw: func(cfg map[string]any) string {
			return "\ufeff" + rawJSON(request("get_user", cfg, map[string]any{"user_id": "dana.whitfield@example.com"}))
		}, exit: okExit, ok: true, paths: []string{`/api/v1/users`, `/api/v1/users/SEG`}},
		{name: "null", raw: literal("null"), exit: unusable, want: "JSON object"},
		{name: "true", raw: literal("true"), exit: unusable, want: "JSON object"},
		{name: "number", raw: literal("42"), exit: unusable, want: "JSON object"},
		{name: "string", raw: literal(`"get_user"`), exit: unusable, want: "JSON object"},
		{name: "empty array", raw: literal("[]"), exit: unusable, want: "JSON object"},
		{name: "array of requests", raw: literal("[" + valid + "]"), exit: unusable, want: "JSON object"},
		{name: "two requests", raw: literal(valid + valid), exit: unusable, want: "more than one"},
		{name: "trailing garbage", raw: literal(valid + " x"), exit: unusable, want: "JSON"},
		{name: "trailing closing brace", raw: literal(valid + " }"), exit: unusable, want: "more than one JSON value"},
		{name: "trailing closing bracket", raw: literal(valid + "]"), exit: unusable, want: "more than one JSON value"},
		{name: "NUL byte outside strings", raw: literal(strings.Replace(valid, ",", ",\x00", 1)), exit: unusable, want: "not valid JSON"},
		{name: "raw control character in a string", raw: literal(strings.Replace(valid, "dana", "da\x01na", 1)), exit: unusable, want: "not valid JSON"},
		{name: "invalid UTF-8", raw: literal(strings.Replace(valid, "dana", "da\xffna", 1)), exit: unusable, want: "UTF-8"},
		{name: "single quotes", raw: literal(`{'identifier':'get_user'}`), exit: unusable, want: "not valid JSON"},
		{name: "comment", raw: literal(`{"identifier":"get_user" /* x */}`), exit: unusable, want: "not valid JSON"},
		{name: "nesting deeper than the decoder allows", raw: literal(`{"parameters":[{"user_id":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}]}`), exit: unusable, want: "JSON"},
		{name: "request over 16 MiB", raw: literal(`{"identifier":"get_user","asset_id":"` + strings.Repeat("a", 17<<20) + `"}`), exit: unusable, want: "larger than 16 MiB"},
		{name: "duplicate identifier", raw: literal(`{"identifier":"get_user","identifier":"disable_user"}`), exit: unusable, want: "twice"},
		{name: "duplicate action", raw: literal(`{"action":"get user","action":"disable user"}`), exit: unusable, want: "twice"},
		{name: "duplicate parameter", raw: func(cfg map[string]any) string {
			return `{"identifier":"disable_user","config":` + rawJSON(cfg) + `,"parameters":[{"id":"tomas.novak@example.com","id":"dana.whitfield@example.com"}]}`
		}, exit: unusable, want: "parameters[0].id twice"},
		{name: "duplicate base_url", raw: literal(`{"identifier":"get_user","config":{"base_url":"https://a.okta.example","base_url":"https://evil.example"}}`), exit: unusable, want: "config.base_url twice"},
		{name: "action is a number", raw: literal(`{"action":5}`), exit: unusable, want: "must be a string"},
		{name: "identifier is a list", raw: literal(`{"identifier":["get_user"]}`), exit: unusable, want: "must be a string"},
		{name: "config is a string", raw: literal(`{"identifier":"get_user","config":"base_url=x"}`), exit: unusable, want: "must be an object"},
		{name: "config is a list", raw: literal(`{"identifier":"get_user","config":[]}`), exit: unusable, want: "must be an object"},
		{name: "parameters is an object", raw: literal(`{"identifier":"get_user","parameters":{"user_id":"x"}}`), exit: unusable, want: "must be a list"},
		{name: "parameters is a string", raw: literal(`{"identifier":"get_user","parameters":"user_id=x"}`), exit: unusable, want: "must be a list"},
		{name: "parameters holds a number", raw: literal(`{"identifier":"get_user","parameters":[1]}`), exit: unusable, want: "must be an object"},
		{name: "parameters holds a list", raw: literal(`{"identifier":"get_user","parameters":[["user_id"]]}`), exit: unusable, want: "must be an object"},
		{name: "state is a string", raw: literal(`{"identifier":"get_user","state":"x"}`), exit: unusable, want: "must be an object"},
		{name: "timeout is a string", raw: literal(`{"identifier":"get_user","timeout":"10"}`), exit: unusable, want: "must be a number"},
		{name: "timeout overflows", raw: literal(`{"identifier":"get_user","timeout":1e999}`), exit: unusable, want: "timeout"},
		{name: "timeout past a day", raw: literal(`{"identifier":"get_user","timeout":1e10}`), exit: unusable, want: "at most 86400"},
		{name: "debug_level negative", raw: literal(`{"identifier":"get_user","debug_level":-1}`), exit: unusable, want: "debug_level"},
		{name: "identifier and IDENTIFIER", raw: literal(`{"identifier":"get_user","IDENTIFIER":"disable_user"}`), exit: unusable, want: "differ only by letter case"},
		{name: "dry_run and DRY_RUN", raw: literal(`{"identifier":"disable_user","dry_run":true,"DRY_RUN":false}`), exit: unusable, want: "differ only by letter case"},
		{name: "asset_id and a long-s fold of it", raw: literal(`{"identifier":"get_user","asset_id":"a","aſſet_id":"b"}`), exit: unusable, want: "differ only by letter case"},
		{name: "parameter keys that fold together", raw: literal(`{"identifier":"get_user","parameters":[{"user_id":"a","USER_ID":"b"}]}`), exit: unusable, want: "parameters[0].user_id and parameters[0].USER_ID"},
		{name: "config keys with a Kelvin sign", raw: literal(`{"identifier":"get_user","config":{"api_key":"a","api_Key":"b"}}`), exit: unusable, want: "differ only by letter case"},
		{name: "state keys that fold together", raw: literal(`{"identifier":"on_poll","state":{"last_published":"x","LAST_PUBLISHED":"y"}}`), exit: unusable, want: "state.last_published and state.LAST_PUBLISHED"},
		{name: "DRY_RUN alone", raw: literal(`{"identifier":"disable_user","DRY_RUN":true}`), exit: unusable, want: `not "dry_run"`},
		{name: "Identifier alone", raw: literal(`{"Identifier":"get_user"}`), exit: unusable, want: `not "identifier"`},
		{name: "timeout zero", raw: literal(`{"identifier":"get_user","timeout":0}`), exit: unusable, want: "timeout"},
		{name: "debug_level fraction", raw: literal(`{"identifier":"get_user","debug_level":0.5}`), exit: unusable, want: "debug_level"},
		{name: "debug_level string", raw: literal(`{"identifier":"get_user","debug_level":"1"}`), exit: unusable, want: "must be a number"},
		{name: "dry_run string", raw: literal(`{"identifier":"disable_user","dry_run":"yes"}`), exit: unusable, want: "true or false"},
		{name: "asset_id number", raw: literal(`{"identifier":"get_user","asset_id":7}`), exit: unusable, want: "must be a string"},
		{name: "unknown action", raw: literal(`{"action":"drop tables"}`), exit: unusable, want: "unknown action"},
		{name: "action with NUL", raw: literal(`{"identifier":"get_user\u0000"}`), exit: unusable, want: "unknown action"},
		{name: "action in upper case", raw: literal(`{"identifier":"GET_USER"}`), exit: unusable, want: "unknown action"},
		{name: "action padded", raw: literal(`{"action":" get user "}`), exit: unusable, want: "unknown action"},
		{name: "huge action name", raw: literal(`{"action":"` + strings.Repeat("x", 100000) + `"}`), exit: unusable, want: "unknown action"},
		{name: "action and identifier disagree", raw: literal(`{"action":"get user","identifier":"disable_user"}`), exit: unusable, want: "different actions"},
		{name: "base_url with a path to another host", raw: literal(`{"identifier":"get_user","config":{"base_url":"https://acme.okta.example@evil.example","api_key":"k"},"parameters":[{"user_id":"x"}]}`), exit: unusable, want: "base_url"},
		{name: "base_url over plain http", raw: literal(`{"identifier":"get_user","config":{"base_url":"http://acme.okta.example","api_key":"k"},"parameters":[{"user_id":"x"}]}`), exit: unusable, want: "https"},
		{name: "api_key with CR LF", raw: literal(`{"identifier":"get_user","config":{"base_url":"https://acme.okta.example","api_key":"k\r\nX-Evil: 1"},"parameters":[{"user_id":"x"}]}`), exit: unusable, want: "api_key"},
		{name: "config value nested deep", raw: literal(`{"identifier":"get_user","config":{"base_url":` + strings.Repeat(`{"a":`, 100) + `1` + strings.Repeat("}", 100) + `,"api_key":"k"}}`), exit: unusable, want: "base_url"},
		{name: "parameter nested past the depth bound", raw: literal(`{"identifier":"get_user","parameters":[{"user_id":` + nestedArrays(62) + `}]}`), exit: unusable, want: "the request (at parameters[0].user_id) nests JSON objects or arrays more than 64 levels deep"},
		{name: "parameter nested at the depth bound", raw: func(cfg map[string]any) string {
			return `{"identifier":"get_user","config":` + rawJSON(cfg) + `,"parameters":[{"user_id":` + nestedArrays(61) + `}]}`
		}, exit: failed, want: "user_id"},
		{name: "state of 20 KB nested 10,000 deep", raw: literal(`{"identifier":"get_user","state":{"a":` + nestedArrays(10000) + `}}`), exit: unusable, want: "the request (at state.a[0]) nests JSON objects or arrays more than 64 levels deep"},
		{name: "config nested past the depth bound", raw: literal(`{"identifier":"get_user","config":{"base_url":"https://acme.okta.example","api_key":"k","x":` + strings.Repeat(`{"a":`, 70) + `1` + strings.Repeat("}", 70) + `}}`), exit: unusable, want: "at config.x.a"},
	}
	for _, cut := range []int{1, 2, 10, 15, 30, 45, 60, 80, 100, len(valid) - 1} {
		cases = append(cases, hostileRequest{name: fmt.Sprintf("truncated at %d bytes", cut), raw: literal(valid[:cut]), exit: unusable, want: "JSON"})
	}
	return cases
}

// parameterCases give wrong types to every declared parameter of every
// action: each must fail validation, naming the parameter, with nothing
// sent.
func parameterCases(t *testing.T) []hostileRequest {
	app := mustApp(t)
	var cases []hostileRequest
	for _, act := range app.Actions {
		names := make([]string, 0, len(act.Parameters))
		for name := range act.Parameters {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			p := act.Parameters[name]
			bad := []any{map[string]any{"$ne": nil}, []any{[]any{"nested"}}}
			switch p.DataType {
			case "numeric":
				bad = append(bad, "fifty", true)
			case "boolean":
				bad = append(bad, "maybe", 2)
			}
			for i, v := range bad {
				cases = append(cases, hostileRequest{
					name: fmt.Sprintf("%s %s wrong type %d", act.Identifier, name, i),
					raw:  with(act.Identifier, map[string]any{name: v}),
					exit: failed, want: name,
				})
			}
		}
	}
	return cases
}

// valueCases carry odd values that reach an Okta look-up.
func valueCases() []hostileRequest {
	users := []string{`/api/v1/users`, `/api/v1/users/SEG`}
	cases := []hostileRequest{
		{name: "1 MB login", raw: with("get_user", map[string]any{"user_id": strings.Repeat("a", 1<<20) + "@example.com"}), exit: failed, want: "characters long"},
		{name: "login made of quotes", raw: with("get_user", map[string]any{"user_id": strings.Repeat(`"`, 300)}), exit: failed, want: "no Okta user", paths: users},
		{name: "login made of backslashes", raw: with("get_user", map[string]any{"user_id": strings.Repeat(`\`, 300)}), exit: failed, want: "no Okta user", paths: users},
		{name: "filter injection closing the literal", raw: with("get_user", map[string]any{"user_id": `x" or status eq "ACTIVE`}), exit: failed, want: "no Okta user", paths: users},
		{name: "filter injection with escaped quote", raw: with("get_user", map[string]any{"user_id": `x\" or status eq \"ACTIVE`}), exit: failed, want: "no Okta user", paths: users},
		{name: "filter injection through parentheses", raw: with("get_user", map[string]any{"user_id": `x") or (profile.login pr`}), exit: failed, want: "no Okta user", paths: users},
		{name: "filter injection into disable", raw: with("disable_user", map[string]any{"id": `tomas.novak@example.com" or profile.login sw "`}), exit: failed, want: "no Okta user", paths: users},
		{name: "unicode login that exists", raw: with("get_user", map[string]any{"user_id": "o'neil+soc@example.com"}), exit: okExit, ok: true, paths: users},
		{name: "login with zero-width space", raw: with("get_user", map[string]any{"user_id": "dana.whitfield\u200b@example.com"}), exit: failed, want: "no Okta user", paths: users},
		{name: "login with right-to-left override", raw: with("get_user", map[string]any{"user_id": "\u202emoc.elpmaxe@anad"}), exit: failed, want: "no Okta user", paths: users},
		{name: "login with NUL", raw: with("get_user", map[string]any{"user_id": "dana\x00@example.com"}), exit: failed, want: "U+0000"},
		{name: "login with CR LF header", raw: with("get_user", map[string]any{"user_id": "dana@example.com\r\nX-Evil: 1"}), exit: failed, want: "position"},
		{name: "id with query", raw: with("get_user", map[string]any{"user_id": "00ufBAepfJBd0Kh8oOOL?expand=x"}), exit: failed, want: "no Okta user", paths: users},
		{name: "id with fragment", raw: with("get_user", map[string]any{"user_id": "00ufBAepfJBd0Kh8oOOL#x"}), exit: failed, want: "no Okta user", paths: users},
		{name: "id with encoded traversal", raw: with("get_user", map[string]any{"user_id": "..%2F..%2Fgroups"}), exit: failed, want: "no Okta user", paths: users},
		{name: "id with double-encoded traversal", raw: with("get_user", map[string]any{"user_id": "%252e%252e%252fgroups"}), exit: failed, want: "no Okta user", paths: users},
		{name: "id with traversal to lifecycle", raw: with("get_user", map[string]any{"user_id": "00ufBAepfJBd0Kh8oOOL/lifecycle/deactivate"}), exit: failed, want: "no Okta user", paths: users},
		{name: "absolute URL as id", raw: with("get_user", map[string]any{"user_id": "https://evil.example/api/v1/users/x"}), exit: failed, want: "no Okta user", paths: users},
		{name: "protocol-relative URL as id", raw: with("get_user", map[string]any{"user_id": "//evil.example/x"}), exit: failed, want: "no Okta user", paths: users},
		{name: "group id with traversal", raw: with("get_group", map[string]any{"group_id": "../users"}), exit: failed, paths: []string{`/api/v1/groups`, `/api/v1/groups/SEG`}},
		{name: "role id with path", raw: with("unassign_role", map[string]any{"user_id": "dana.whitfield@example.com", "role_id": "ra1/../../x"}), exit: failed, paths: users},
		{name: "5000 parameter sets", raw: func(cfg map[string]any) string {
			runs := make([]map[string]any, 5000)
			for i := range runs {
				runs[i] = map[string]any{}
			}
			return rawJSON(request("get_user", cfg, runs...))
		}, exit: unusable, want: "holds 5000 parameter sets, more than the 1000 action results one request may produce (the asset's max_targets)"},
		{name: "sets of lists multiplied past max_targets", raw: func(cfg map[string]any) string {
			list := make([]any, 100)
			for i := range list {
				list[i] = fmt.Sprintf("user%d@example.com", i)
			}
			runs := make([]map[string]any, 11)
			for i := range runs {
				runs[i] = map[string]any{"user_id": list}
			}
			return rawJSON(request("get_user", cfg, runs...))
		}, exit: unusable, want: "expand to more than the 1000 action results"},
		{name: "1000 unknown parameters", raw: func(cfg map[string]any) string {
			p := map[string]any{"user_id": "dana.whitfield@example.com"}
			for i := 0; i < 1000; i++ {
				p[fmt.Sprintf("x%d", i)] = i
			}
			return rawJSON(request("get_user", cfg, p))
		}, exit: failed, want: "x0"},
		{name: "limit far beyond any org", raw: with("list_users", map[string]any{"limit": 1e15}), exit: okExit, ok: true, paths: []string{`/api/v1/users`}},
		{name: "limit as a fraction string", raw: with("list_users", map[string]any{"limit": "2.5"}), exit: failed, want: "limit"},
		{name: "custom path climbing with ..;", raw: with("custom_api_request", map[string]any{"method": "GET", "path": "/api/v1/users/..;/..;/internal"}), exit: failed, want: "contains ';'"},
		{name: "custom path with a path parameter", raw: with("custom_api_request", map[string]any{"method": "DELETE", "path": "/api/v1/users/00ufBAepfJBd0Kh8oOOL;x=1"}), exit: failed, want: "contains ';'"},
		{name: "custom path with an encoded ;", raw: with("custom_api_request", map[string]any{"method": "GET", "path": "/api/v1/users/..%3B/groups"}), exit: failed, want: "hides ';'"},
		{name: "JSON body parameter nested past the depth bound", raw: with("custom_api_request", map[string]any{"method": "POST", "path": "/api/v1/users", "body": nestedArrays(65)}), exit: failed, want: `parameter "body" nests JSON objects or arrays more than 64 levels deep`},
		{name: "JSON query parameter nested past the depth bound", raw: with("custom_api_request", map[string]any{"method": "GET", "path": "/api/v1/users", "query": `{"a":` + nestedArrays(64) + `}`}), exit: failed, want: `parameter "query" nests`},
		{name: "password of control characters", raw: with("set_password", map[string]any{"id": "dana.whitfield@example.com", "new_password": "\x01\x02\x03\x04\x05"}), exit: failed, paths: users},
	}
	return cases
}

// nestedArrays is n arrays, each inside the last.
func nestedArrays(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }

// answer is a fault that answers every request with body as JSON.
func answer(body string) func(*simorg.Server) func(http.ResponseWriter, *http.Request) bool {
	return func(*simorg.Server) func(http.ResponseWriter, *http.Request) bool {
		return func(w http.ResponseWriter, r *http.Request) bool {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, body)
			return true
		}
	}
}

// onPath answers requests for path with body as JSON, and lets the org
// answer the others.
func onPath(path, body string) func(*simorg.Server) func(http.ResponseWriter, *http.Request) bool {
	return func(*simorg.Server) func(http.ResponseWriter, *http.Request) bool {
		return func(w http.ResponseWriter, r *http.Request) bool {
			if r.URL.Path != path {
				return false
			}
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, body)
			return true
		}
	}
}

// responseCases are answers no Okta org gives.
func responseCases() []hostileRequest {
	list := []string{`/api/v1/users`}
	link := func(target func(org string) string) func(*simorg.Server) func(http.ResponseWriter, *http.Request) bool {
		return func(sim *simorg.Server) func(http.ResponseWriter, *http.Request) bool {
			return func(w http.ResponseWriter, r *http.Request) bool {
				if r.URL.Query().Get("after") != "" {
					return false
				}
				w.Header().Set("Content-Type", "application/json")
				w.Header().Set("Link", fmt.Sprintf(`<%s>; rel="next"`, target(sim.URL)))
				fmt.Fprint(w, `[{"id":"00u1","status":"ACTIVE","profile":{"login":"a@example.com"}}]`)
				return true
			}
		}
	}
	return []hostileRequest{
		{name: "response over 64 MiB", raw: with("get_user", map[string]any{"user_id": "dana.whitfield@example.com"}), exit: failed, want: "MiB", paths: []string{`/api/v1/users/SEG`},
			fault: func(*simorg.Server) func(http.ResponseWriter, *http.Request) bool {
				return func(w http.ResponseWriter, r *http.Request) bool {
					w.Header().Set("Content-Type", "application/json")
					fmt.Fprint(w, `{"id":"00u1","profile":{"bio":"`)
					chunk := strings.Repeat("a", 1<<20)
					for i := 0; i < 66; i++ {
						if _, err := fmt.Fprint(w, chunk); err != nil {
							return true
						}
					}
					fmt.Fprint(w, `"}}`)
					return true
				}
			}},
		{name: "next link to another host", raw: with("list_users", map[string]any{}), exit: failed, want: "paging link", paths: list, fault: link(func(string) string { return "https://evil.example/api/v1/users?after=x" })},
		{name: "next link to another collection", raw: with("list_users", map[string]any{}), exit: failed, want: "outside this collection", paths: list, fault: link(func(org string) string { return org + "/api/v1/groups?after=x" })},
		{name: "next link over plain http", raw: with("list_users", map[string]any{}), exit: failed, want: "paging link", paths: list, fault: link(func(org string) string { return strings.Replace(org, "https", "http", 1) + "/api/v1/users?after=x" })},
		{name: "next link with user information and no host", raw: with("list_users", map[string]any{}), exit: failed, want: "is not an absolute https URL", paths: list, fault: link(func(string) string { return "//x:y@/api/v1/users?after=x" })},
		{name: "next link with user information on the org", raw: with("list_users", map[string]any{}), exit: failed, want: "carries user information", paths: list, fault: link(func(org string) string {
			return strings.Replace(org, "https://", "https://x:y@", 1) + "/api/v1/users?after=x"
		})},
		{name: "relative next link", raw: with("list_users", map[string]any{}), exit: failed, want: "is not an absolute https URL", paths: list, fault: link(func(string) string { return "/api/v1/users?after=x" })},
		{name: "protocol-relative next link to another host", raw: with("list_users", map[string]any{}), exit: failed, want: "is not an absolute https URL", paths: list, fault: link(func(string) string { return "//evil.example/api/v1/users?after=x" })},
		{name: "next link that is not a URL", raw: with("list_users", map[string]any{}), exit: failed, want: "not a URL", paths: list, fault: link(func(string) string { return "ht tp://%zz" })},
		{name: "object of 18 KB nested 9,000 deep", raw: with("get_user", map[string]any{"user_id": "00ufBAepfJBd0Kh8oOOL"}), exit: failed, want: "Okta's answer to GET /api/v1/users/00ufBAepfJBd0Kh8oOOL nests JSON objects or arrays more than 64 levels deep", paths: []string{`/api/v1/users/SEG`},
			fault: answer(`{"id":"00ufBAepfJBd0Kh8oOOL","status":"ACTIVE","profile":{"login":"dana.whitfield@example.com","x":` + nestedArrays(9000) + `}}`)},
		{name: "page item nested 9,000 deep", raw: with("list_users", map[string]any{}), exit: failed, want: "Okta's answer to list /api/v1/users nests JSON objects or arrays more than 64 levels deep", paths: list,
			fault: answer(`[{"id":"00u1","profile":{"x":` + nestedArrays(9000) + `}}]`)},
		{name: "error answer nested 9,000 deep", raw: with("get_user", map[string]any{"user_id": "00ufBAepfJBd0Kh8oOOL"}), exit: failed, want: "more than 64 levels deep", paths: []string{`/api/v1/users/SEG`},
			fault: func(*simorg.Server) func(http.ResponseWriter, *http.Request) bool {
				return func(w http.ResponseWriter, r *http.Request) bool {
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(http.StatusBadRequest)
					fmt.Fprint(w, `{"errorCode":"E0000001","errorSummary":"x","errorCauses":[{"errorSummary":`+nestedArrays(9000)+`}]}`)
					return true
				}
			}},
		{name: "role assignment id with a slash", raw: with("unassign_role", map[string]any{"user_id": "00ufBAepfJBd0Kh8oOOL", "role_id": "REPORT_ADMIN"}), exit: failed, want: `the id "ra1/../../../groups" contains '/'`, paths: []string{`/api/v1/users/SEG`, `/api/v1/users/SEG/roles`},
			fault: onPath("/api/v1/users/00ufBAepfJBd0Kh8oOOL/roles", `[{"id":"ra1/../../../groups","type":"REPORT_ADMIN","label":"Report Administrator","status":"ACTIVE"}]`)},
		{name: "factor id with a slash", raw: with("send_push_notification", map[string]any{"email": "dana.whitfield@example.com", "factortype": "push"}), exit: failed, want: `the id "opf1/../../../../groups" contains '/'`, paths: []string{`/api/v1/users`, `/api/v1/users/SEG`, `/api/v1/users/SEG/factors`},
			fault: onPath("/api/v1/users/00ufBAepfJBd0Kh8oOOL/factors", `[{"id":"opf1/../../../../groups","factorType":"push","provider":"OKTA","status":"ACTIVE"}]`)},
		{name: "factor id with a query", raw: with("send_push_notification", map[string]any{"email": "dana.whitfield@example.com", "factortype": "push"}), exit: failed, want: `the id "opf1?x=1" contains '?'`, paths: []string{`/api/v1/users`, `/api/v1/users/SEG`, `/api/v1/users/SEG/factors`},
			fault: onPath("/api/v1/users/00ufBAepfJBd0Kh8oOOL/factors", `[{"id":"opf1?x=1","factorType":"push","provider":"OKTA","status":"ACTIVE"}]`)},
		{name: "user object with a hostile id", raw: with("disable_user", map[string]any{"id": "dana.whitfield@example.com"}), exit: failed, want: "not a valid Okta id", paths: []string{`/api/v1/users/SEG`},
			fault: func(*simorg.Server) func(http.ResponseWriter, *http.Request) bool {
				return func(w http.ResponseWriter, r *http.Request) bool {
					w.Header().Set("Content-Type", "application/json")
					fmt.Fprint(w, `{"id":"../groups/00g1","status":"ACTIVE","profile":{"login":"dana.whitfield@example.com"}}`)
					return true
				}
			}},
	}
}

// At least 150 hostile or malformed requests: each ends in one envelope
// with the expected status and a message that says what is wrong, and the
// org sees no request outside the action's own endpoints.
func TestHostileRequests(t *testing.T) {
	var cases []hostileRequest
	cases = append(cases, envelopeCases()...)
	cases = append(cases, parameterCases(t)...)
	cases = append(cases, valueCases()...)
	cases = append(cases, responseCases()...)
	require.GreaterOrEqual(t, len(cases), 150)
	names := map[string]bool{}
	for _, c := range cases {
		require.False(t, names[c.name], "duplicate case name %q", c.name)
		names[c.name] = true
		t.Run(c.name, func(t *testing.T) {
			sim, p, cfg := simProgram(t)
			if c.fault != nil {
				sim.SetFault(c.fault(sim))
			}
			start := time.Now()
			code, env, stderr := invoke(t, p, c.raw(cfg))
			assert.Less(t, time.Since(start), 25*time.Second, "the envelope comes in bounded time")
			assert.Contains(t, c.exit, code, "exit status; message: %s", env.Message)
			if c.ok {
				assert.Equal(t, "success", env.Status, env.Message)
			} else {
				assert.Equal(t, "failed", env.Status)
			}
			assert.NotNil(t, env.ActionResults)
			msg := env.Message + " | " + resultMessage(env)
			if c.want != "" {
				assert.Contains(t, msg, c.want, "message")
			}
			assert.NotContains(t, stderr, "panic")
			assert.NotContains(t, msg, "internal error", "bad input is not a connector bug")
			allowed := compilePaths(t, c.paths)
			for _, r := range sim.Requests() {
				ok := false
				for _, re := range allowed {
					ok = ok || re.MatchString(r.EscapedPath)
				}
				assert.True(t, ok, "sent %s %s, outside the action's endpoints", r.Method, r.EscapedPath)
			}
		})
	}
}
