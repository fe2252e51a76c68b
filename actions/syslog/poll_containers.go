package syslog

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// logEvent is the part of a System Log event (LogEvent) a container is
// built from.
type logEvent struct {
	UUID           string     `json:"uuid"`
	Published      string     `json:"published"`
	EventType      string     `json:"eventType"`
	DisplayMessage string     `json:"displayMessage"`
	Severity       string     `json:"severity"`
	Actor          logParty   `json:"actor"`
	Target         []logParty `json:"target"`
	Outcome        struct {
		Result string `json:"result"`
		Reason string `json:"reason"`
	} `json:"outcome"`
	Client struct {
		IPAddress string `json:"ipAddress"`
		UserAgent struct {
			RawUserAgent string `json:"rawUserAgent"`
		} `json:"userAgent"`
		GeographicalContext struct {
			City    string `json:"city"`
			State   string `json:"state"`
			Country string `json:"country"`
		} `json:"geographicalContext"`
	} `json:"client"`
	Transaction struct {
		ID string `json:"id"`
	} `json:"transaction"`
	DebugContext struct {
		DebugData struct {
			PrivilegeGranted string `json:"privilegeGranted"`
			// Identity Threat Protection's findings, where the event
			// has them.
			Risk             logText `json:"risk"`
			Action           logText `json:"action"`
			ThreatDetections logText `json:"threatDetections"`
		} `json:"debugData"`
	} `json:"debugContext"`

	published time.Time
}

// logText is a debugData value read as text: a value of another JSON kind
// is left out rather than failing the event, since Okta gives no schema
// for debugData.
type logText string

func (t *logText) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*t = logText(s)
	}
	return nil
}

// riskKey finds the keys of Okta's risk text, such as
// "{previousLevel=LOW, level=HIGH, detectionName=Session Influenced User
// Risk, reasons=Anomalous Device, Anomalous Location, issuer=OKTA_AI}":
// a key opens the text or follows ", ". A value (reasons) may itself hold
// ", ", never followed by a word and "=".
var riskKey = regexp.MustCompile(`(?:^\{|, )([A-Za-z]+)=`)

// riskFields reads Okta's risk text into its keys and values.
func riskFields(text string) map[string]string {
	text = strings.TrimSuffix(strings.TrimSpace(text), "}")
	out := map[string]string{}
	keys := riskKey.FindAllStringSubmatchIndex(text, -1)
	for i, k := range keys {
		end := len(text)
		if i+1 < len(keys) {
			end = keys[i+1][0]
		}
		out[text[k[2]:k[3]]] = strings.TrimSpace(text[k[1]:end])
	}
	return out
}

// logParty is an event's actor or one of its targets.
type logParty struct {
	ID          string `json:"id"`
	Type        string `json:"type"`
	AlternateID string `json:"alternateId"`
	DisplayName string `json:"displayName"`
}

func decodeEvent(raw json.RawMessage) (*logEvent, error) {
	ev := &logEvent{}
	if err := json.Unmarshal(raw, ev); err != nil {
		return nil, fmt.Errorf("a System Log event from Okta could not be read: %w", err)
	}
	t, err := time.Parse(time.RFC3339Nano, ev.Published)
	if ev.UUID == "" || err != nil {
		return nil, fmt.Errorf("Okta returned a System Log event without a uuid or a valid published time (uuid %q, published %q)", ev.UUID, ev.Published)
	}
	ev.published = t.UTC()
	return ev, nil
}

// container is a SOAR container: one System Log event.
type container struct {
	Name                 string     `json:"name"`
	Description          string     `json:"description"`
	Severity             string     `json:"severity"`
	SourceDataIdentifier string     `json:"source_data_identifier"`
	StartTime            string     `json:"start_time"`
	Artifacts            []artifact `json:"artifacts"`
}

// artifact is a SOAR artifact: CEF fields and what each contains.
type artifact struct {
	Name                 string              `json:"name"`
	Label                string              `json:"label"`
	Severity             string              `json:"severity"`
	SourceDataIdentifier string              `json:"source_data_identifier"`
	CEF                  map[string]string   `json:"cef"`
	CEFTypes             map[string][]string `json:"cef_types"`
}

// eventSeverity rates the polled event types; others are low.
var eventSeverity = map[string]string{
	"user.account.report_suspicious_activity_by_enduser": "high",
	"user.account.privilege.grant":                       "high",
	"system.api_token.create":                            "high",
	"user.account.lock":                                  "medium",
	"user.session.start":                                 "medium",
	"user.mfa.factor.reset_all":                          "medium",
	"user.mfa.factor.deactivate":                         "medium",
	"user.lifecycle.suspend":                             "medium",
	"user.lifecycle.deactivate":                          "medium",
	"user.lifecycle.delete.initiated":                    "medium",
	// Identity Threat Protection; a HIGH risk level raises any of them.
	"security.threat.detected":             "high",
	"user.risk.detect":                     "medium",
	"user.risk.change":                     "medium",
	"policy.entity_risk.action":            "medium",
	"user.authentication.universal_logout": "medium",
	"user.session.context.change":          "medium",
	"user.mfa.okta_verify.deny_push":       "medium",
}

// severity is the container's severity: the event type's rating, raised
// by Okta's own WARN or ERROR and by a HIGH risk level.
func (ev *logEvent) severity() string {
	rank := map[string]int{"low": 0, "medium": 1, "high": 2}
	sev := eventSeverity[ev.EventType]
	if sev == "" {
		sev = "low"
	}
	switch {
	case ev.Severity == "ERROR", ev.risk()["level"] == "HIGH":
		sev = "high"
	case ev.Severity == "WARN" && rank[sev] < rank["medium"]:
		sev = "medium"
	}
	return sev
}

// targetContains says what a target's id is, by Okta's target type.
var targetContains = map[string]string{
	"User": "okta user id", "UserGroup": "okta group id", "AppInstance": "okta app id",
}

// known reports whether a System Log value names something; Okta writes
// "unknown" for values it does not have.
func known(v string) bool { return v != "" && v != "unknown" }

// cefFields collects non-empty CEF fields and their contains.
type cefFields struct {
	cef   map[string]string
	types map[string][]string
}

func newCEF() cefFields {
	return cefFields{cef: map[string]string{}, types: map[string][]string{}}
}

func (f cefFields) set(key, value string, contains ...string) {
	if !known(value) {
		return
	}
	f.cef[key] = value
	if len(contains) > 0 {
		f.types[key] = contains
	}
}

// container builds the event's container with at most maxArtifacts
// artifacts: the event itself, then one per target.
func (ev *logEvent) container(maxArtifacts int) container {
	sev := ev.severity()
	f := newCEF()
	f.set("eventType", ev.EventType)
	f.set("message", ev.DisplayMessage)
	f.set("outcome", ev.Outcome.Result)
	f.set("outcomeReason", ev.Outcome.Reason)
	f.set("oktaSeverity", ev.Severity)
	f.set("startTime", ev.Published)
	f.set("eventUuid", ev.UUID)
	f.set("transactionId", ev.Transaction.ID)
	f.set("privilegeGranted", ev.DebugContext.DebugData.PrivilegeGranted)
	ev.setRisk(f)
	f.set("sourceAddress", ev.Client.IPAddress, "ip")
	f.set("requestClientApplication", ev.Client.UserAgent.RawUserAgent)
	f.set("sourceLocation", joinKnown(ev.Client.GeographicalContext.City, ev.Client.GeographicalContext.State, ev.Client.GeographicalContext.Country))
	if ev.Actor.Type == "User" {
		f.set("sourceUserName", ev.Actor.AlternateID, "user name")
		f.set("sourceUserId", ev.Actor.ID, "okta user id")
	} else {
		f.set("sourceServiceName", ev.Actor.DisplayName)
	}
	if u := ev.userTarget(); u != nil {
		f.set("destinationUserName", u.AlternateID, "user name")
		f.set("destinationUserId", u.ID, "okta user id")
	}
	arts := []artifact{{
		Name: "Okta event " + ev.EventType, Label: "event", Severity: sev,
		SourceDataIdentifier: ev.UUID, CEF: f.cef, CEFTypes: f.types,
	}}
	for i, t := range ev.Target {
		if len(arts) >= maxArtifacts {
			break
		}
		tf := newCEF()
		tf.set("targetType", t.Type)
		if c := targetContains[t.Type]; c != "" {
			tf.set("targetId", t.ID, c)
		} else {
			tf.set("targetId", t.ID)
		}
		if t.Type == "User" {
			tf.set("targetAlternateId", t.AlternateID, "user name")
		} else {
			tf.set("targetAlternateId", t.AlternateID)
		}
		tf.set("targetDisplayName", t.DisplayName)
		arts = append(arts, artifact{
			Name: fmt.Sprintf("Okta event target %s %s", t.Type, firstKnown(t.AlternateID, t.DisplayName, t.ID)), Label: "target", Severity: sev,
			SourceDataIdentifier: fmt.Sprintf("%s/target/%d", ev.UUID, i), CEF: tf.cef, CEFTypes: tf.types,
		})
	}
	return container{
		Name: ev.name(), Description: ev.DisplayMessage, Severity: sev,
		SourceDataIdentifier: ev.UUID, StartTime: ev.Published, Artifacts: arts[:min(len(arts), maxArtifacts)],
	}
}

// risk is the event's risk text read into its keys (level, previousLevel,
// reasons, detectionName, ...); empty when the event has none.
func (ev *logEvent) risk() map[string]string {
	return riskFields(string(ev.DebugContext.DebugData.Risk))
}

// setRisk puts Identity Threat Protection's findings in the CEF fields:
// the risk level (and the one before it), its reasons and detection, the
// action an entity risk policy took, and ThreatInsight's detections.
func (ev *logEvent) setRisk(f cefFields) {
	risk := ev.risk()
	f.set("riskLevel", risk["level"])
	f.set("riskPreviousLevel", risk["previousLevel"])
	f.set("riskReasons", risk["reasons"])
	f.set("riskDetection", risk["detectionName"])
	if ev.EventType == "policy.entity_risk.action" {
		f.set("riskPolicyAction", string(ev.DebugContext.DebugData.Action))
	}
	f.set("threatDetections", string(ev.DebugContext.DebugData.ThreatDetections))
}

// userTarget is the first target that is an Okta user.
func (ev *logEvent) userTarget() *logParty {
	for i := range ev.Target {
		if ev.Target[i].Type == "User" {
			return &ev.Target[i]
		}
	}
	return nil
}

// name is the container's name: what happened, its outcome unless it
// succeeded, and to whom, for example "User login to Okta (FAILURE:
// INVALID_CREDENTIALS): ravi.patel@example.com".
func (ev *logEvent) name() string {
	name := firstKnown(ev.DisplayMessage, ev.EventType)
	if r := ev.Outcome.Result; known(r) && r != "SUCCESS" {
		name += " (" + strings.Join(filterKnown(r, ev.Outcome.Reason), ": ") + ")"
	}
	var who []string
	for _, t := range ev.Target {
		if t.Type == "User" {
			who = append(who, firstKnown(t.AlternateID, t.DisplayName, t.ID))
		}
	}
	for _, t := range ev.Target {
		if t.Type != "User" && t.Type != "AppUser" {
			who = append(who, firstKnown(t.DisplayName, t.AlternateID, t.ID))
		}
	}
	if len(who) == 0 {
		who = filterKnown(firstKnown(ev.Actor.AlternateID, ev.Actor.DisplayName, ev.Actor.ID))
	}
	if len(who) > 0 {
		name += ": " + strings.Join(who, ", ")
	}
	return name
}

func filterKnown(values ...string) []string {
	var out []string
	for _, v := range values {
		if known(v) {
			out = append(out, v)
		}
	}
	return out
}

func firstKnown(values ...string) string {
	if k := filterKnown(values...); len(k) > 0 {
		return k[0]
	}
	return ""
}

func joinKnown(values ...string) string { return strings.Join(filterKnown(values...), ", ") }
