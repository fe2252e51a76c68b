package oktaapi

import (
	"net/url"
	pathpkg "path"
	"strings"
	"testing"
	"unicode/utf8"
)

// unquoteLiteral reads an Okta string literal back: the inverse of
// QuoteLiteral, written independently of it.
func unquoteLiteral(t *testing.T, lit string) string {
	if len(lit) < 2 || lit[0] != '"' || lit[len(lit)-1] != '"' {
		t.Fatalf("literal %q is not quoted", lit)
	}
	var b strings.Builder
	body := lit[1 : len(lit)-1]
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == '\\':
			i++
			if i == len(body) || (body[i] != '"' && body[i] != '\\') {
				t.Fatalf("literal %q has a dangling or unknown escape", lit)
			}
			b.WriteByte(body[i])
		case c == '"':
			t.Fatalf("literal %q closes early at byte %d", lit, i+1)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Whatever the value, QuoteLiteral gives one literal that reads back as the
// value itself, or refuses it.
func FuzzQuoteLiteral(f *testing.F) {
	for _, seed := range []string{"", "a", `"`, `\`, `\"`, `x" or status eq "ACTIVE`, "a\x00b", "\r\n", "o'neil", "\xff", `""\\"`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, v string) {
		lit, err := QuoteLiteral("value", v)
		if err != nil {
			return
		}
		if !utf8.ValidString(v) {
			t.Fatalf("accepted invalid UTF-8 %q", v)
		}
		if got := unquoteLiteral(t, lit); got != v {
			t.Fatalf("QuoteLiteral(%q) = %s reads back as %q", v, lit, got)
		}
	})
}

// A value CheckID accepts stays one path segment of the endpoint it is
// put into: the URL parses to the same path, with no query or fragment.
func FuzzPathSegment(f *testing.F) {
	for _, seed := range []string{"00u1", ".", "..", "a/b", "a?b", "a#b", "%2e%2e", "a b", "dana@example.com", "~x", "a\\b", "..."} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, v string) {
		id, err := CheckID("id", v)
		if err != nil {
			return
		}
		p := PathOf("/api/v1/users/{}/groups", id).String()
		u, err := url.Parse("https://acme.okta.example" + p)
		if err != nil {
			t.Fatalf("path %q does not parse: %v", p, err)
		}
		if u.Path != p || u.RawQuery != "" || u.Fragment != "" || u.Host != "acme.okta.example" {
			t.Fatalf("segment %q changed the URL: host %q path %q query %q fragment %q", v, u.Host, u.Path, u.RawQuery, u.Fragment)
		}
		parts := strings.Split(u.Path, "/")
		if len(parts) != 6 || parts[4] != v || v == "." || v == ".." {
			t.Fatalf("segment %q is not one segment of %q", v, u.Path)
		}
	})
}

// A path APIPath accepts stays on base_url under /api/v1/: parsed as a
// URL on the org, it keeps the host, has no query or fragment, and neither
// it nor its once-decoded form climbs out of /api/v1/.
func FuzzAPIPath(f *testing.F) {
	for _, seed := range []string{
		"/api/v1/users", "/api/v1/users/00u1/groups", "/api/v1/../../admin", "//evil.example/api/v1/",
		"/api/v1/%2e%2e/x", "/api/v1/users%2f..", "/api/v1/users?x=1", "/api/v1/a#b", "/api/v1/a\\b",
		"/api/v1/%252e", "/api/v1/users/%E2%80%AE", "https://evil.example/api/v1/users", "/api/v10/users",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, p string) {
		got, err := APIPath("path", p)
		if err != nil {
			return
		}
		if got.String() != p {
			t.Fatalf("APIPath changed %q to %q", p, got)
		}
		u, err := url.Parse("https://acme.okta.example" + p)
		if err != nil {
			t.Fatalf("accepted %q does not parse: %v", p, err)
		}
		if u.Host != "acme.okta.example" || u.RawQuery != "" || u.Fragment != "" {
			t.Fatalf("accepted %q changes the URL: host %q query %q fragment %q", p, u.Host, u.RawQuery, u.Fragment)
		}
		for _, form := range []string{u.EscapedPath(), u.Path} {
			clean := pathpkg.Clean(form)
			if !strings.HasPrefix(clean+"/", APIPrefix) || strings.Contains(form, "//") {
				t.Fatalf("accepted %q leaves %s once decoded or cleaned: %q", p, APIPrefix, clean)
			}
			for _, seg := range strings.Split(form, "/") {
				if seg == "." || seg == ".." {
					t.Fatalf("accepted %q has a %q segment once decoded", p, seg)
				}
			}
		}
	})
}
