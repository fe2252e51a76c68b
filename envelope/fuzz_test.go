package envelope

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The request decoder never panics and either returns a request or an
// error with a message.
func FuzzDecodeRequest(f *testing.F) {
	for _, seed := range []string{
		`{"identifier":"get_user","parameters":[{"user_id":"a"}]}`,
		`{"action":"list users","timeout":0}`,
		`[]`, `{`, `{"a":1}{"b":2}`, `{"parameters":{"x":1}}`, `{"debug_level":2}`,
		`{"timeout":-1}`, `{"timeout":1e309}`, "\ufeff{}", `{"config":{"api_key":null}}`,
		`{"parameters":[[]]}`, `{"state":"x"}`, strings.Repeat("[", 10000),
		`{"dry_run":true,"DRY_RUN":false}`, `{"DRY_RUN":true}`, `{"aſſet_id":"a"}`, `{"identifier":"a","\u0130dentifier":"b"}`,
		`{"timeout":1e10}`, `{"debug_level":3,"environment_variables":{"HTTPS_PROXY":{"type":"string","value":"http://p:1"},"https_proxy":"x"}}`,
	} {
		f.Add([]byte(seed))
	}
	// Every fixture request is a seed too.
	files, _ := filepath.Glob("../fixtures/requests/*.json")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := Decode(bytes.NewReader(data))
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if req == nil {
			t.Fatal("nil request without an error")
		}
		if req.Timeout != nil && !(*req.Timeout > 0 && *req.Timeout <= maxTimeout) {
			t.Fatalf("accepted timeout %v", *req.Timeout)
		}
		// Read as any other JSON reader reads it, by exact keys, the
		// request means the same: no folded key changed a member.
		var plain map[string]any
		if err := json.Unmarshal(bytes.TrimPrefix(bytes.TrimSpace(data), utf8BOM), &plain); err != nil {
			t.Fatalf("accepted a request encoding/json cannot read: %v", err)
		}
		str := func(k string) string { s, _ := plain[k].(string); return s }
		if req.Action != str("action") || req.Identifier != str("identifier") || req.AssetID != str("asset_id") {
			t.Fatalf("action/identifier/asset_id read as %q/%q/%q, exact keys say %q/%q/%q", req.Action, req.Identifier, req.AssetID, str("action"), str("identifier"), str("asset_id"))
		}
		if dry, _ := plain["dry_run"].(bool); req.DryRun != dry {
			t.Fatalf("dry_run read as %v, the exact key says %v", req.DryRun, plain["dry_run"])
		}
		seen := map[string]string{}
		for k := range plain {
			if other, ok := seen[foldKey(k)]; ok {
				t.Fatalf("accepted keys %q and %q, which fold together", k, other)
			}
			seen[foldKey(k)] = k
		}
	})
}
