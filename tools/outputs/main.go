// Command outputs proposes an action's output data paths from its golden
// envelopes (fixtures/golden/<identifier>__*.json): the entries app.json's
// "output" lacks for what the envelopes show, and the entries it declares
// that no envelope shows. Run it from the repository root:
//
//	go run ./tools/outputs                  # every action
//	go run ./tools/outputs -action get_user # one action (identifier or name)
//
// It prints one JSON object per action, in app.json's order:
//
//	{"action": "get_user", "goldens": 9, "missing": [...], "unseen": [...]}
//
// missing holds entries ready for the action's "output": data_path,
// data_type (string, numeric or boolean, from the values seen; password for
// the masked echo of a password parameter) and, where
// known, contains: a parameter's own contains for its
// action_result.parameter path, otherwise the contains app.json already
// gives the same data path and type in another action. unseen holds the
// declared entries whose data path and type no golden envelope shows (a
// declared password shows as a string: the mask).
// A path whose values differ in type is proposed once per type, as
// app.json declares such paths. The platform's own parameter metadata
// (action_result.parameter.context.*) is left out.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/soar-okta/okta-connector/internal/datapath"
	"github.com/soar-okta/okta-connector/schema"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "outputs:", err)
		os.Exit(1)
	}
}

// entry is one element of an action's "output" in app.json.
type entry struct {
	DataPath string   `json:"data_path"`
	DataType string   `json:"data_type"`
	Contains []string `json:"contains,omitempty"`
}

// report is what the command prints for one action.
type report struct {
	Action  string  `json:"action"`
	Goldens int     `json:"goldens"`
	Missing []entry `json:"missing"`
	Unseen  []entry `json:"unseen"`
}

func run(args []string, stdout io.Writer) error {
	flags := flag.NewFlagSet("outputs", flag.ContinueOnError)
	appPath := flags.String("app", "app.json", "manifest whose outputs to check")
	goldenDir := flags.String("golden", filepath.Join("fixtures", "golden"), "directory of golden envelopes")
	only := flags.String("action", "", "one action, by identifier or name (default: every action)")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", flags.Arg(0))
	}
	data, err := os.ReadFile(*appPath)
	if err != nil {
		return err
	}
	app, err := schema.Parse(data)
	if err != nil {
		return err
	}
	actions := app.Actions
	if *only != "" {
		act, err := app.Lookup("", *only)
		if err != nil {
			return err
		}
		actions = []*schema.Action{act}
	}
	known := knownContains(app)
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	for _, act := range actions {
		r, err := propose(act, *goldenDir, known)
		if err != nil {
			return err
		}
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}

// propose compares an action's declared outputs with its golden envelopes.
func propose(act *schema.Action, goldenDir string, known map[datapath.Path][]string) (report, error) {
	r := report{Action: act.Identifier, Missing: []entry{}, Unseen: []entry{}}
	files, err := filepath.Glob(filepath.Join(goldenDir, act.Identifier+"__*.json"))
	if err != nil {
		return r, err
	}
	seen := map[datapath.Path]bool{}
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			return r, err
		}
		var env map[string]any
		if err := json.Unmarshal(raw, &env); err != nil {
			return r, fmt.Errorf("%s: %w", file, err)
		}
		for _, p := range datapath.Of(env) {
			if !platformMetadata(p.DataPath) {
				seen[p] = true
			}
		}
	}
	r.Goldens = len(files)

	declared := map[datapath.Path]bool{}
	for _, o := range act.Output {
		p := asDeclared(datapath.Path{DataPath: o.DataPath, DataType: o.DataType})
		declared[p] = true
		if !seen[p] {
			r.Unseen = append(r.Unseen, entry{o.DataPath, o.DataType, o.Contains})
		}
	}
	for p := range seen {
		if !declared[p] {
			r.Missing = append(r.Missing, entry{p.DataPath, dataType(act, p), containsOf(act, p, known)})
		}
	}
	sort.Slice(r.Missing, func(i, j int) bool {
		if r.Missing[i].DataPath != r.Missing[j].DataPath {
			return r.Missing[i].DataPath < r.Missing[j].DataPath
		}
		return r.Missing[i].DataType < r.Missing[j].DataType
	})
	return r, nil
}

const parameterPrefix = "action_result.parameter."

// asDeclared is how an envelope shows a declared output: a password as the
// masked string the parameter's echo holds.
func asDeclared(p datapath.Path) datapath.Path {
	if p.DataType == schema.TypePassword {
		p.DataType = datapath.String
	}
	return p
}

// dataType is a proposed entry's data_type: the type of the values seen,
// or "password" for the echo of a password parameter.
func dataType(act *schema.Action, p datapath.Path) string {
	if name, ok := strings.CutPrefix(p.DataPath, parameterPrefix); ok {
		if param := act.Parameters[name]; param != nil && param.DataType == schema.TypePassword {
			return schema.TypePassword
		}
	}
	return p.DataType
}

// platformMetadata reports whether a data path is Splunk SOAR's own
// parameter metadata, which a result echoes as it was given.
func platformMetadata(path string) bool {
	const context = parameterPrefix + "context"
	return path == context || strings.HasPrefix(path, context+".")
}

// containsOf is what a proposed entry contains, where known: a parameter's
// declared contains for its echo, otherwise what app.json declares for the
// same data path and type elsewhere.
func containsOf(act *schema.Action, p datapath.Path, known map[datapath.Path][]string) []string {
	if name, ok := strings.CutPrefix(p.DataPath, parameterPrefix); ok {
		if param := act.Parameters[name]; param != nil && len(param.Contains) > 0 {
			return param.Contains
		}
	}
	return known[p]
}

// knownContains is the first non-empty contains app.json declares for each
// data path and type, over every action in order.
func knownContains(app *schema.App) map[datapath.Path][]string {
	out := map[datapath.Path][]string{}
	for _, act := range app.Actions {
		for _, o := range act.Output {
			p := datapath.Path{DataPath: o.DataPath, DataType: o.DataType}
			if _, ok := out[p]; !ok && len(o.Contains) > 0 {
				out[p] = o.Contains
			}
		}
	}
	return out
}
