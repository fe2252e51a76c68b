package syslog

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/soar-okta/okta-connector/internal/textcut"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// eventTypePattern is the shape of Okta event types, such as
// user.session.start or user.lifecycle.delete.initiated.
var eventTypePattern = regexp.MustCompile(`^[a-z0-9_]+(\.[a-z0-9_]+)+$`)

// outcomeResults are the values of a System Log event's outcome.result.
var outcomeResults = []string{"SUCCESS", "FAILURE", "SKIPPED", "ALLOW", "DENY", "CHALLENGE", "UNKNOWN"}

// eventTypeFilter turns a list of event types into a System Log filter
// expression. An entry may name an outcome after a colon,
// user.session.start:FAILURE, to select only the events with that
// outcome.result. name is the setting or parameter, for messages.
func eventTypeFilter(name string, entries []string) (string, error) {
	if len(entries) == 0 {
		return "", fmt.Errorf("%s lists no event type", name)
	}
	var clauses []string
	for _, entry := range entries {
		eventType, result, withResult := strings.Cut(strings.TrimSpace(entry), ":")
		eventType = strings.TrimSpace(eventType)
		if !eventTypePattern.MatchString(eventType) {
			return "", fmt.Errorf("%s: %s is not an Okta event type (expected lower-case words joined by dots, such as user.session.start)", name, textcut.QuoteValue(eventType))
		}
		lit, err := oktaapi.QuoteLiteral(name, eventType)
		if err != nil {
			return "", err
		}
		clause := "eventType eq " + lit
		if withResult {
			result = strings.ToUpper(strings.TrimSpace(result))
			if !slices.Contains(outcomeResults, result) {
				return "", fmt.Errorf("%s: the outcome after %s must be one of %s, got %s", name, eventType, strings.Join(outcomeResults, ", "), textcut.QuoteValue(result))
			}
			lit, err := oktaapi.QuoteLiteral(name, result)
			if err != nil {
				return "", err
			}
			clause += " and outcome.result eq " + lit
			if len(entries) > 1 {
				clause = "(" + clause + ")"
			}
		}
		clauses = append(clauses, clause)
	}
	return strings.Join(clauses, " or "), nil
}
