// Command jsonsame checks that JSON documents changed only the order of
// their objects' members:
//
//	jsonsame OLD NEW
//
// OLD and NEW are two files, or two directories whose *.json files are
// paired by name (a file in only one of them is a difference). Each pair
// must hold the same text byte for byte once the members of every object
// are sorted by key (the strings and numbers as written, escapes
// included), and each document must be laid out as encoding/json's
// MarshalIndent lays it out with a two-space indent, so that the layout
// hides nothing either. It prints one line per difference and exits 1 if
// there is any, 0 otherwise (after printing how many pairs it compared).
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: jsonsame OLD NEW (two files, or two directories of *.json files)")
		os.Exit(2)
	}
	pairs, problems, err := pairUp(os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "jsonsame:", err)
		os.Exit(2)
	}
	for _, p := range pairs {
		old, err := os.ReadFile(p[0])
		if err != nil {
			fmt.Fprintln(os.Stderr, "jsonsame:", err)
			os.Exit(2)
		}
		cur, err := os.ReadFile(p[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "jsonsame:", err)
			os.Exit(2)
		}
		if why := compare(old, cur); why != "" {
			problems = append(problems, fmt.Sprintf("%s: %s", p[1], why))
		}
	}
	for _, p := range problems {
		fmt.Println(p)
	}
	fmt.Printf("%d pairs compared, %d differences beyond member order\n", len(pairs), len(problems))
	if len(problems) > 0 {
		os.Exit(1)
	}
}

// pairUp pairs the files to compare: two files, or the *.json files of two
// directories by name. Files found on one side only are problems.
func pairUp(old, cur string) (pairs [][2]string, problems []string, err error) {
	info, err := os.Stat(old)
	if err != nil {
		return nil, nil, err
	}
	if !info.IsDir() {
		return [][2]string{{old, cur}}, nil, nil
	}
	names := map[string]int{}
	for i, dir := range []string{old, cur} {
		files, err := filepath.Glob(filepath.Join(dir, "*.json"))
		if err != nil {
			return nil, nil, err
		}
		for _, f := range files {
			names[filepath.Base(f)] |= 1 << i
		}
	}
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	for _, n := range sorted {
		switch names[n] {
		case 1:
			problems = append(problems, n+": only in "+old)
		case 2:
			problems = append(problems, n+": only in "+cur)
		default:
			pairs = append(pairs, [2]string{filepath.Join(old, n), filepath.Join(cur, n)})
		}
	}
	return pairs, problems, nil
}

// compare says how old and cur differ beyond the order of members, or ""
// when they do not.
func compare(old, cur []byte) string {
	ov, err := parse(old)
	if err != nil {
		return "the old text: " + err.Error()
	}
	cv, err := parse(cur)
	if err != nil {
		return "the new text: " + err.Error()
	}
	for _, d := range []struct {
		name string
		text []byte
		v    *node
	}{{"the old text", old, ov}, {"the new text", cur, cv}} {
		if !bytes.Equal(layout(d.v, false), d.text) {
			return d.name + " is not laid out as MarshalIndent lays it out"
		}
	}
	a, b := layout(ov, true), layout(cv, true)
	if bytes.Equal(a, b) {
		return ""
	}
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return fmt.Sprintf("with members sorted, the texts differ at byte %d: %q against %q", i, excerpt(a, i), excerpt(b, i))
}

func excerpt(b []byte, i int) string {
	from, to := max(0, i-40), min(len(b), i+40)
	return string(b[from:to])
}

// node is one JSON value: a scalar's text as written, or a container's
// members (objects: key and value) or elements.
type node struct {
	kind    byte // '{', '[', or 's' for a scalar
	text    []byte
	keys    [][]byte
	members []*node
}

type parser struct {
	b []byte
	i int
}

// parse reads one JSON value filling the whole of b, white space around
// it aside.
func parse(b []byte) (*node, error) {
	p := &parser{b: b}
	p.space()
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(b) {
		return nil, fmt.Errorf("text after the value at byte %d", p.i)
	}
	return v, nil
}

func (p *parser) space() {
	for p.i < len(p.b) && (p.b[p.i] == ' ' || p.b[p.i] == '\n' || p.b[p.i] == '\r' || p.b[p.i] == '\t') {
		p.i++
	}
}

func (p *parser) fail(what string) error {
	return fmt.Errorf("%s at byte %d", what, p.i)
}

func (p *parser) value() (*node, error) {
	if p.i >= len(p.b) {
		return nil, p.fail("unexpected end")
	}
	switch c := p.b[p.i]; c {
	case '{', '[':
		return p.container(c)
	case '"':
		s, err := p.str()
		return &node{kind: 's', text: s}, err
	}
	start := p.i
	for p.i < len(p.b) && !bytes.ContainsRune([]byte(",]} \n\r\t"), rune(p.b[p.i])) {
		p.i++
	}
	if p.i == start {
		return nil, p.fail("expected a value")
	}
	return &node{kind: 's', text: p.b[start:p.i]}, nil
}

func (p *parser) str() ([]byte, error) {
	start := p.i
	for p.i++; p.i < len(p.b); p.i++ {
		switch p.b[p.i] {
		case '\\':
			p.i++
		case '"':
			p.i++
			return p.b[start:p.i], nil
		}
	}
	return nil, p.fail("unterminated string")
}

func (p *parser) container(open byte) (*node, error) {
	n := &node{kind: open}
	closing := open + 2 // '{'+2 is '}', '['+2 is ']'
	p.i++
	p.space()
	if p.i < len(p.b) && p.b[p.i] == closing {
		p.i++
		return n, nil
	}
	for {
		if open == '{' {
			if p.i >= len(p.b) || p.b[p.i] != '"' {
				return nil, p.fail("expected a key")
			}
			k, err := p.str()
			if err != nil {
				return nil, err
			}
			p.space()
			if p.i >= len(p.b) || p.b[p.i] != ':' {
				return nil, p.fail("expected ':'")
			}
			p.i++
			p.space()
			n.keys = append(n.keys, k)
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		n.members = append(n.members, v)
		p.space()
		if p.i >= len(p.b) {
			return nil, p.fail("unexpected end")
		}
		switch p.b[p.i] {
		case ',':
			p.i++
			p.space()
		case closing:
			p.i++
			return n, nil
		default:
			return nil, p.fail("expected ',' or the closing bracket")
		}
	}
}

// layout writes v as MarshalIndent does with a two-space indent, followed
// by a newline, each object's members sorted by key when sorted is set
// (stably: repeated keys keep their order).
func layout(v *node, sorted bool) []byte {
	var out bytes.Buffer
	var write func(v *node, depth int)
	write = func(v *node, depth int) {
		if v.kind == 's' {
			out.Write(v.text)
			return
		}
		if len(v.members) == 0 {
			out.WriteByte(v.kind)
			out.WriteByte(v.kind + 2)
			return
		}
		order := make([]int, len(v.members))
		for i := range order {
			order[i] = i
		}
		if sorted && v.kind == '{' {
			sort.SliceStable(order, func(a, b int) bool { return bytes.Compare(v.keys[order[a]], v.keys[order[b]]) < 0 })
		}
		out.WriteByte(v.kind)
		for j, i := range order {
			if j > 0 {
				out.WriteByte(',')
			}
			out.WriteByte('\n')
			out.Write(bytes.Repeat([]byte("  "), depth+1))
			if v.kind == '{' {
				out.Write(v.keys[i])
				out.WriteString(": ")
			}
			write(v.members[i], depth+1)
		}
		out.WriteByte('\n')
		out.Write(bytes.Repeat([]byte("  "), depth))
		out.WriteByte(v.kind + 2)
	}
	write(v, 0)
	out.WriteByte('\n')
	return out.Bytes()
}
