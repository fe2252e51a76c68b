package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadSplitsReachableFindings(t *testing.T) {
	out := `{"config":{"scanner_name":"govulncheck"}}
{"progress":{"message":"Scanning your code"}}
{"osv":{"id":"GO-1"}}
{"finding":{"osv":"GO-1","fixed_version":"v1.26.9","trace":[{"module":"stdlib","version":"v1.26.8","package":"net/http","function":"Get"}]}}
{"finding":{"osv":"GO-2","fixed_version":"v3.0.5","trace":[{"module":"github.com/go-jose/go-jose/v3","version":"v3.0.0","package":"github.com/go-jose/go-jose/v3","function":"ParseSigned"}]}}
{"finding":{"osv":"GO-3","fixed_version":"v0.1.0","trace":[{"module":"example.com/m","version":"v0.0.1","package":"example.com/m"}]}}
`
	modules, stdlib, err := read(strings.NewReader(out))
	require.NoError(t, err)
	assert.Equal(t, map[string]reached{"GO-2": {"github.com/go-jose/go-jose/v3", "v3.0.0", "v3.0.5"}}, modules, "GO-3 is imported but not called")
	assert.Equal(t, map[string]reached{"GO-1": {"stdlib", "v1.26.8", "v1.26.9"}}, stdlib)
}

func TestReadRefusesAnEmptyScan(t *testing.T) {
	_, _, err := read(strings.NewReader(""))
	assert.ErrorContains(t, err, "did not run")
	_, _, err = read(strings.NewReader("not json"))
	assert.Error(t, err)
}
