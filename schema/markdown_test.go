package schema

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMarkdown(t *testing.T) {
	app := loadApp(t)
	md := app.Markdown()

	// One heading per action, in manifest order.
	last := -1
	for _, act := range app.Actions {
		i := strings.Index(md, "### action: '"+act.Name+"'\n")
		require.GreaterOrEqual(t, i, 0, act.Name)
		assert.Greater(t, i, last, "%s out of order", act.Name)
		last = i
		for _, o := range act.Output {
			assert.Contains(t, md, "| `"+o.DataPath+"` | "+o.DataType+" |")
		}
	}
	for _, want := range []string{
		"| `limit` | no | numeric |  |  |  |",
		"| `receive_type` | yes | string |  | `Email`, `UI` |  |",
		"| `user_id` | yes | string | `okta user id` |",
		"| `verify_server_cert` | no | boolean | `true` |",
		"This action takes no parameters.",
		"Type: **investigate**  \nRead only: **true**",
	} {
		assert.Contains(t, md, want)
	}
}

func TestCell(t *testing.T) {
	assert.Equal(t, `a \| b c`, cell("a | b\n  c"))
}

func TestReplaceSection(t *testing.T) {
	const gen = "### action: 'x'\n"
	tests := []struct {
		name, readme, want, err string
	}{
		{"markers only", BeginMarker + "\n" + EndMarker + "\n",
			BeginMarker + "\n\n" + gen + "\n" + EndMarker + "\n", ""},
		{"surroundings kept, old text replaced", "# Title\n\nIntro\n" + BeginMarker + "\nold\nstuff\n" + EndMarker + "\nTail\n",
			"# Title\n\nIntro\n" + BeginMarker + "\n\n" + gen + "\n" + EndMarker + "\nTail\n", ""},
		{"no begin", "x\n" + EndMarker, "", "exactly once, found it 0 times"},
		{"no end", BeginMarker + "\n", "", "exactly once, found it 0 times"},
		{"two begins", BeginMarker + BeginMarker + EndMarker, "", "found it 2 times"},
		{"reversed", EndMarker + "\n" + BeginMarker, "", "before"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReplaceSection(tt.readme, gen)
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			again, err := ReplaceSection(got, gen)
			require.NoError(t, err)
			assert.Equal(t, got, again, "not idempotent")
		})
	}
}
