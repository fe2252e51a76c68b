package syslog

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Okta's risk text is read into its keys; a value may hold ", " (reasons),
// and text that is not in that form gives no keys.
func TestRiskFields(t *testing.T) {
	cases := []struct {
		text string
		want map[string]string
	}{
		{"{previousLevel=LOW, level=HIGH, detectionName=Session Influenced User Risk, reasons=Anomalous Device, Anomalous Location, issuer=OKTA_AI}",
			map[string]string{"previousLevel": "LOW", "level": "HIGH", "detectionName": "Session Influenced User Risk", "reasons": "Anomalous Device, Anomalous Location", "issuer": "OKTA_AI"}},
		{"{level=LOW}", map[string]string{"level": "LOW"}},
		{"{level=MEDIUM, reasons=New IP, New ASN}", map[string]string{"level": "MEDIUM", "reasons": "New IP, New ASN"}},
		{"{reasons=a=b, level=HIGH}", map[string]string{"reasons": "a=b", "level": "HIGH"}},
		{"", map[string]string{}},
		{"HIGH", map[string]string{}},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, riskFields(c.text), c.text)
	}
}

// A debugData value of another JSON kind than text is left out; the event
// is still read.
func TestRiskOfAnEventWithUnexpectedDebugData(t *testing.T) {
	ev, err := decodeEvent(json.RawMessage(`{"uuid":"u1","published":"2026-01-15T09:56:00.000Z","eventType":"user.risk.detect",` +
		`"debugContext":{"debugData":{"risk":{"level":"HIGH"},"action":7,"threatDetections":null}}}`))
	require.NoError(t, err)
	c := ev.container(5)
	require.Len(t, c.Artifacts, 1)
	for _, k := range []string{"riskLevel", "riskPolicyAction", "threatDetections"} {
		assert.NotContains(t, c.Artifacts[0].CEF, k)
	}
	assert.Equal(t, "medium", c.Severity)
}
