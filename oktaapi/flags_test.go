package oktaapi

// Accept the module-wide test flags (go test ./... -update).
import _ "github.com/soar-okta/okta-connector/internal/testflags"
