// Command vulndb lays out the Go vulnerability database for govulncheck's
// -db file:// mode from the OSV entries of the golang.org/x/vulndb module,
// so that make vulncheck needs no network access beyond the module proxy.
//
//	vulndb -src DIR/data/osv -out CACHE -stamp 2026-11-05T23:49:57Z
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

type osvEntry struct {
	ID       string   `json:"id"`
	Modified string   `json:"modified"`
	Aliases  []string `json:"aliases"`
	Affected []struct {
		Package struct {
			Name string `json:"name"`
		} `json:"package"`
		Ranges []struct {
			Events []map[string]string `json:"events"`
		} `json:"ranges"`
	} `json:"affected"`
}

type moduleVuln struct {
	ID       string `json:"id"`
	Modified string `json:"modified"`
	Fixed    string `json:"fixed,omitempty"`
}

type vulnSummary struct {
	ID       string   `json:"id"`
	Modified string   `json:"modified"`
	Aliases  []string `json:"aliases"`
}

func main() {
	src := flag.String("src", "", "the vulndb module's data/osv folder")
	out := flag.String("out", "", "the database folder to write")
	stamp := flag.String("stamp", "", "the snapshot's time, RFC 3339")
	flag.Parse()
	if err := run(*src, *out, *stamp); err != nil {
		fmt.Fprintln(os.Stderr, "vulndb:", err)
		os.Exit(1)
	}
}

func run(src, out, stamp string) error {
	files, err := filepath.Glob(filepath.Join(src, "*.json"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no OSV entries in %s", src)
	}
	for _, d := range []string{"ID", "index"} {
		if err := os.MkdirAll(filepath.Join(out, d), 0o755); err != nil {
			return err
		}
	}
	modules := map[string][]moduleVuln{}
	var vulns []vulnSummary
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var e osvEntry
		if err := json.Unmarshal(raw, &e); err != nil {
			return fmt.Errorf("%s: %w", filepath.Base(f), err)
		}
		if err := os.WriteFile(filepath.Join(out, "ID", e.ID+".json"), raw, 0o644); err != nil {
			return err
		}
		vulns = append(vulns, vulnSummary{e.ID, e.Modified, e.Aliases})
		for _, a := range e.Affected {
			mv := moduleVuln{ID: e.ID, Modified: e.Modified}
			for _, r := range a.Ranges {
				for _, ev := range r.Events {
					if v, ok := ev["fixed"]; ok {
						mv.Fixed = v
					}
				}
			}
			modules[a.Package.Name] = append(modules[a.Package.Name], mv)
		}
	}
	type moduleEntry struct {
		Path  string       `json:"path"`
		Vulns []moduleVuln `json:"vulns"`
	}
	var index []moduleEntry
	for p, vs := range modules {
		index = append(index, moduleEntry{p, vs})
	}
	sort.Slice(index, func(i, j int) bool { return index[i].Path < index[j].Path })
	for name, v := range map[string]any{"db.json": map[string]string{"modified": stamp}, "modules.json": index, "vulns.json": vulns} {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, "index", name), b, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "vulndb: %d advisories for %d modules, snapshot %s\n", len(vulns), len(index), stamp)
	return nil
}
