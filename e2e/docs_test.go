package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/oktaapi/scopes"
)

// docFiles lists the hand-written and generated Markdown documentation.
func docFiles(t *testing.T) []string {
	t.Helper()
	files := []string{"README.md", "CONTRIBUTING.md"}
	more, err := filepath.Glob("docs/*.md")
	require.NoError(t, err)
	require.NotEmpty(t, more)
	return append(files, more...)
}

// docText is a Markdown file split into prose (code fences and code spans
// blanked out, so that examples are not read as links) and the lines of its
// code fences.
type docText struct {
	prose string
	code  []string
	lines []string
}

var docCodeSpan = regexp.MustCompile("`[^`\n]*`")

func readDoc(t *testing.T, path string) docText {
	t.Helper()
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	var d docText
	var prose []string
	fenced := false
	for _, line := range strings.Split(string(raw), "\n") {
		d.lines = append(d.lines, line)
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			prose = append(prose, "")
			continue
		}
		if fenced {
			d.code = append(d.code, line)
			prose = append(prose, "")
			continue
		}
		prose = append(prose, line)
	}
	d.prose = strings.Join(prose, "\n")
	return d
}

// docAnchors returns the anchors GitHub gives the headings of a document:
// the heading text in lower case, without punctuation other than hyphens
// and underscores, spaces made hyphens; a repeated anchor gets -1, -2, ...
func docAnchors(d docText) map[string]bool {
	anchors := map[string]bool{}
	seen := map[string]int{}
	heading := regexp.MustCompile(`^#{1,6}\s+(.*?)\s*#*\s*$`)
	link := regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	for _, line := range strings.Split(d.prose, "\n") {
		m := heading.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		text := link.ReplaceAllString(m[1], "$1")
		var b strings.Builder
		for _, r := range strings.ToLower(text) {
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
				b.WriteRune(r)
			case r == ' ':
				b.WriteRune('-')
			}
		}
		slug := b.String()
		if n := seen[slug]; n > 0 {
			anchors[fmt.Sprintf("%s-%d", slug, n)] = true
		} else {
			anchors[slug] = true
		}
		seen[slug]++
	}
	return anchors
}

// Every relative link in the documentation points at a file of the
// repository, and every anchor at a heading of the document it names.
func TestDocsLinksResolve(t *testing.T) {
	// Code spans are blanked here, not in readDoc: a heading's code span is
	// part of its anchor.
	target := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	docs := map[string]docText{}
	load := func(path string) docText {
		if d, ok := docs[path]; ok {
			return d
		}
		docs[path] = readDoc(t, path)
		return docs[path]
	}
	links := 0
	for _, file := range docFiles(t) {
		prose := docCodeSpan.ReplaceAllString(load(file).prose, "")
		for _, m := range target.FindAllStringSubmatch(prose, -1) {
			ref := m[1]
			if strings.Contains(ref, "://") || strings.HasPrefix(ref, "mailto:") {
				continue
			}
			links++
			path, anchor, _ := strings.Cut(ref, "#")
			dest := file
			if path != "" {
				dest = filepath.Clean(filepath.Join(filepath.Dir(file), path))
				_, err := os.Stat(dest)
				if !assert.NoError(t, err, "%s links to %s, which does not exist", file, ref) {
					continue
				}
			}
			if anchor == "" {
				continue
			}
			if !assert.True(t, strings.HasSuffix(dest, ".md"), "%s links to an anchor in %s, which is not Markdown", file, ref) {
				continue
			}
			assert.True(t, docAnchors(load(dest))[anchor], "%s links to %s: %s has no heading with that anchor", file, ref, dest)
		}
	}
	assert.Greater(t, links, 20, "the documentation links its pages together")
}

// Every `make X` the documentation mentions is a target of the Makefile.
func TestDocsMakeTargetsExist(t *testing.T) {
	raw, err := os.ReadFile("Makefile")
	require.NoError(t, err)
	targets := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^([a-z][a-z0-9_-]*):`).FindAllStringSubmatch(string(raw), -1) {
		targets[m[1]] = true
	}
	require.True(t, targets["demo"] && targets["test"], "the Makefile has demo and test")
	inProse := regexp.MustCompile("`make ([a-z][a-z0-9_-]*)")
	inCode := regexp.MustCompile(`^\s*make ([a-z][a-z0-9_-]*)`)
	for _, file := range docFiles(t) {
		d := readDoc(t, file)
		var named []string
		for _, m := range inProse.FindAllStringSubmatch(d.prose, -1) {
			named = append(named, m[1])
		}
		for _, line := range d.code {
			if m := inCode.FindStringSubmatch(line); m != nil {
				named = append(named, m[1])
			}
		}
		for _, n := range named {
			assert.True(t, targets[n], "%s mentions make %s, which the Makefile does not define", file, n)
		}
	}
}

// The configuration page lists exactly app.json's configuration keys, in
// their order, and every scope requested by default.
func TestDocsConfigurationIsComplete(t *testing.T) {
	raw, err := os.ReadFile("app.json")
	require.NoError(t, err)
	var app struct {
		Configuration map[string]struct {
			Order int `json:"order"`
		} `json:"configuration"`
	}
	require.NoError(t, json.Unmarshal(raw, &app))
	var want []string
	for k := range app.Configuration {
		want = append(want, k)
	}
	sort.Slice(want, func(i, j int) bool { return app.Configuration[want[i]].Order < app.Configuration[want[j]].Order })

	const path = "docs/configuration.md"
	d := readDoc(t, path)
	section := d.prose[strings.Index(d.prose, "\n## Asset configuration\n"):]
	if end := strings.Index(section[1:], "\n## "); end >= 0 {
		section = section[:end+1]
	}
	var got []string
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z_]+)` \\|").FindAllStringSubmatch(section, -1) {
		got = append(got, m[1])
	}
	assert.Equal(t, want, got, "%s's Asset configuration table against app.json", path)
	for _, scope := range connector.DefaultScopes {
		assert.Contains(t, d.prose, "`"+scope+"`", "%s names the default scope %s", path, scope)
	}
	raw, err = os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(raw), scopes.Table(), "%s's scope table is the one scope table: run make docs", path)
}

// The README stays an introduction; the details live in docs/.
func TestDocsReadmeIsShort(t *testing.T) {
	d := readDoc(t, "README.md")
	assert.LessOrEqual(t, len(d.lines), 400, "README.md lines")
	for _, want := range []string{"make demo", "make test", "docs/actions.md", "docs/configuration.md", "docs/splunk-soar.md"} {
		assert.Contains(t, strings.Join(d.lines, "\n"), want)
	}
}
