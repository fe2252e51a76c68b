package schema

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// loadApp parses the repository's manifest.
func loadApp(t *testing.T) *App {
	t.Helper()
	data, err := os.ReadFile("../app.json")
	require.NoError(t, err)
	app, err := Parse(data)
	require.NoError(t, err)
	return app
}

// probeManifest declares one action with a parameter of every kind, so that
// validation rules are tested independently of the real actions.
const probeManifest = `{
  "appid": "00000000-0000-4000-8000-000000000000",
  "name": "Probe",
  "configuration": {
    "base_url": {"description": "Where to connect.", "data_type": "string", "required": true, "order": 0},
    "api_key": {"description": "Token.", "data_type": "password", "required": true, "order": 1},
    "verify_server_cert": {"description": "Check TLS.", "data_type": "boolean", "required": false, "default": true, "order": 2},
    "poll_ms": {"description": "Poll interval.", "data_type": "numeric", "whole": true, "minimum": 1, "maximum": 60000, "required": false, "default": 3000, "order": 3}
  },
  "actions": [
    {
      "action": "probe",
      "identifier": "probe",
      "description": "Exercise every rule.",
      "type": "investigate",
      "read_only": true,
      "parameters": {
        "user_id": {"description": "An id.", "data_type": "string", "required": true, "primary": true, "contains": ["okta user id"], "order": 0},
        "secret": {"description": "A secret.", "data_type": "password", "required": false, "order": 1},
        "limit": {"description": "A count.", "data_type": "numeric", "whole": true, "minimum": 1, "required": false, "order": 2},
        "ratio": {"description": "Any number.", "data_type": "numeric", "required": false, "order": 3},
        "flag": {"description": "A switch.", "data_type": "boolean", "required": false, "default": false, "order": 4},
        "kind": {"description": "A choice.", "data_type": "string", "required": false, "value_list": ["Email", "UI"], "default": "UI", "order": 5}
      },
      "output": [{"data_path": "action_result.status", "data_type": "string"}]
    },
    {
      "action": "bounds",
      "identifier": "bounds",
      "description": "Numbers with declared bounds.",
      "type": "generic",
      "read_only": true,
      "parameters": {
        "pages": {"description": "Zero or more, at most 10.", "data_type": "numeric", "whole": true, "minimum": 0, "maximum": 10, "required": false, "order": 0},
        "offset": {"description": "Any whole number.", "data_type": "numeric", "whole": true, "required": false, "order": 1},
        "weight": {"description": "From a half to 2.5.", "data_type": "numeric", "minimum": 0.5, "maximum": 2.5, "required": false, "order": 2},
        "ceiling": {"description": "At most 100.", "data_type": "numeric", "maximum": 100, "required": false, "order": 3}
      },
      "output": []
    },
    {
      "action": "ping",
      "identifier": "ping",
      "description": "No parameters.",
      "type": "test",
      "read_only": true,
      "parameters": {},
      "output": []
    }
  ]
}`

func loadProbe(t *testing.T) *App {
	t.Helper()
	app, err := Parse([]byte(probeManifest))
	require.NoError(t, err)
	return app
}
