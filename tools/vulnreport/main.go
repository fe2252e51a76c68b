// Command vulnreport reads govulncheck's JSON output on standard input and
// reports the advisories the code reaches (a finding whose trace names a
// function). Advisories in required modules fail the check; advisories in
// the standard library belong to the Go toolchain and are listed with the
// Go release that fixes them, without failing it.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
)

type frame struct {
	Module   string `json:"module"`
	Version  string `json:"version"`
	Package  string `json:"package"`
	Function string `json:"function"`
}

type message struct {
	Config  json.RawMessage `json:"config"`
	Finding *struct {
		OSV          string  `json:"osv"`
		FixedVersion string  `json:"fixed_version"`
		Trace        []frame `json:"trace"`
	} `json:"finding"`
}

type reached struct{ module, version, fixed string }

func main() {
	modules, stdlib, err := read(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "vulnreport:", err)
		os.Exit(2)
	}
	for _, id := range sortedKeys(stdlib) {
		r := stdlib[id]
		fmt.Printf("standard library: %s in %s %s, fixed in Go %s (the toolchain's, not a module's)\n", id, r.module, r.version, r.fixed)
	}
	for _, id := range sortedKeys(modules) {
		r := modules[id]
		fmt.Printf("REACHABLE in a required module: %s in %s %s, fixed in %s\n", id, r.module, r.version, r.fixed)
	}
	fmt.Printf("%d reachable advisories in required modules, %d in the standard library\n", len(modules), len(stdlib))
	if len(modules) > 0 {
		os.Exit(1)
	}
}

func read(r io.Reader) (modules, stdlib map[string]reached, err error) {
	modules, stdlib = map[string]reached{}, map[string]reached{}
	dec := json.NewDecoder(r)
	scanned := false
	for {
		var m message
		if err := dec.Decode(&m); errors.Is(err, io.EOF) {
			if !scanned {
				return nil, nil, errors.New("no govulncheck output to read: the scan did not run")
			}
			return modules, stdlib, nil
		} else if err != nil {
			return nil, nil, err
		}
		scanned = scanned || m.Config != nil
		if m.Finding == nil || len(m.Finding.Trace) == 0 || m.Finding.Trace[0].Function == "" {
			continue // imported or required, but not called
		}
		top := m.Finding.Trace[0]
		entry := reached{top.Module, top.Version, m.Finding.FixedVersion}
		if top.Module == "stdlib" {
			stdlib[m.Finding.OSV] = entry
		} else {
			modules[m.Finding.OSV] = entry
		}
	}
}

func sortedKeys(m map[string]reached) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
