package transport

import (
	"strings"
	"testing"

	"github.com/okta/okta-sdk-golang/v2/okta"
	"github.com/stretchr/testify/assert"
)

// Only a permission refusal gets the permission advice.
func TestForbiddenHintNamesPermissionsOnlyWhenTheyAreTheCause(t *testing.T) {
	for code, wantHint := range map[string]bool{"E0000006": true, "": true, "E0000038": false, "E0000068": false} {
		e := &APIError{Status: 403, ContentType: "application/json", Okta: &okta.Error{ErrorCode: code, ErrorSummary: "refused"}}
		assert.Equal(t, wantHint, strings.Contains(e.Error(), "lacks the permission"), code)
	}
}
