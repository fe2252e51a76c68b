package schema

import (
	"os"
	"testing"
)

// BenchmarkParseForLookup is what every run pays before its action runs:
// the manifest's top level and configuration, then the one action named.
func BenchmarkParseForLookup(b *testing.B) {
	data, err := os.ReadFile("../app.json")
	if err != nil {
		b.Fatal(err)
	}
	for _, id := range []string{"test_connectivity", "on_poll"} {
		b.Run(id, func(b *testing.B) {
			for b.Loop() {
				app, err := ParseFor(data)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := app.Lookup("", id); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
