package actions

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/soar-okta/okta-connector/actions/internal/present"
	"github.com/soar-okta/okta-connector/connector"
	"github.com/soar-okta/okta-connector/internal/textcut"
	"github.com/soar-okta/okta-connector/oktaapi"
)

// Devices (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Device/):
// the computers and phones users enrolled with Okta Verify or registered.

// listUserDevices: GET /api/v1/users/{userId}/devices (Okta does not page
// this list).
var listUserDevices = userListing{
	suffix:     "/devices",
	summaryKey: "num_devices",
	message: func(u *oktaapi.User, items []json.RawMessage) string {
		return fmt.Sprintf("User %s has %s", u.Name(), present.Plural(len(items), "device"))
	},
}.handler()

// device is the part of a device handlers decide on, and the whole object
// as Okta returned it.
type device struct {
	ID      string `json:"id"`
	Status  string `json:"status"`
	Profile struct {
		DisplayName string `json:"displayName"`
		Platform    string `json:"platform"`
	} `json:"profile"`
	raw json.RawMessage
	ref oktaapi.ID // ID, checked
}

// devicePath is a device's path, or a sub-resource's: suffix is the
// connector's own text.
func devicePath(id oktaapi.ID, suffix string) oktaapi.Path {
	return oktaapi.PathOf("/api/v1/devices/{}"+suffix, id)
}

// readDevice: GET /api/v1/devices/{deviceId}.
func readDevice(ctx context.Context, c *connector.Call, param string, id oktaapi.ID) (*device, error) {
	d := &device{}
	err := c.Okta.Get(ctx, devicePath(id, ""), nil, &d.raw)
	switch {
	case oktaapi.IsNotFound(err):
		return nil, fmt.Errorf("no Okta device has the id %s (parameter %q): list user devices gives the ids of a user's devices (data.*.device.id)", textcut.QuoteValue(id.String()), param)
	case err != nil:
		return nil, err
	}
	if err := json.Unmarshal(d.raw, d); err != nil {
		return nil, fmt.Errorf("Okta's device object could not be read: %w", err)
	}
	ref, err := oktaapi.CheckReturnedID(http.MethodPost, d.ID)
	if err != nil {
		return nil, err
	}
	d.ref = ref
	return d, nil
}

// resolveDevice finds the device the parameter names by its id.
func resolveDevice(ctx context.Context, c *connector.Call, param string) (*device, error) {
	id, err := oktaapi.CheckID(param, c.Params.String(param))
	if err != nil {
		return nil, err
	}
	return readDevice(ctx, c, param, id)
}

// Label names the device in messages: display name, platform and id.
func (d *device) Label() string {
	return fmt.Sprintf("%q (%s, %s)", d.Profile.DisplayName, d.Profile.Platform, d.ID)
}

// output is a result about the device: the message, the device as data,
// its id, name and status as summary.
func (d *device) output(msg string) connector.Output {
	return connector.Output{
		Message: msg,
		Data:    []any{d.raw},
		Summary: map[string]any{"device_id": d.ID, "device_name": d.Profile.DisplayName, "status": d.Status},
	}
}

// deviceTransition is a lifecycle operation on a device: POST
// /api/v1/devices/{deviceId}/lifecycle/{operation}, unless the device is
// already in the status it leads to.
type deviceTransition struct {
	operation string // Okta's operation, the connector's own word
	doneWhen  string // the status it leads to
	past      string // what was done, for the message
	allowed   string // which devices Okta accepts it for, for a refusal
}

func (t deviceTransition) handler() connector.Handler {
	return func(ctx context.Context, c *connector.Call) (connector.Output, error) {
		d, err := resolveDevice(ctx, c, "device_id")
		if err != nil {
			return connector.Output{}, err
		}
		if d.Status == t.doneWhen {
			return d.output(fmt.Sprintf("Device %s is already %s: nothing to do", d.Label(), d.Status)), nil
		}
		_, err = c.Okta.Do(ctx, http.MethodPost, devicePath(d.ref, "/lifecycle/"+t.operation), nil, nil, nil)
		switch {
		case oktaapi.IsAPIError(err, http.StatusBadRequest, "E0000001"):
			return connector.Output{}, fmt.Errorf("Okta refused to %s device %s, whose status is %s: %s. %s", t.operation, d.Label(), d.Status, t.allowed, connector.Refusal(err))
		case err != nil:
			return connector.Output{}, err
		}
		after, err := readDevice(ctx, c, "device_id", d.ref)
		if err != nil {
			// Okta's 204 answer says the change was made: the device as
			// read before stands in, with the status the change leads to.
			c.Log.Warn().Str("device_id", d.ID).Str("error", connector.Describe(err)).Msg("could not read the device again after the change")
			after = d
			after.Status = t.doneWhen
		}
		return after.output(fmt.Sprintf("Device %s %s; status is now %s", d.Label(), t.past, after.Status)), nil
	}
}

var (
	suspendDevice = deviceTransition{
		operation: "suspend", doneWhen: "SUSPENDED",
		past:    "suspended (unsuspend device reverses it)",
		allowed: "only an ACTIVE device can be suspended; deactivate device also takes a SUSPENDED one",
	}.handler()
	unsuspendDevice = deviceTransition{
		operation: "unsuspend", doneWhen: "ACTIVE", past: "unsuspended",
		allowed: "only a SUSPENDED device can be unsuspended; a DEACTIVATED device has to be enrolled again by its user",
	}.handler()
	deactivateDevice = deviceTransition{
		operation: "deactivate", doneWhen: "DEACTIVATED",
		past:    "deactivated: its links to its users are removed and its Okta Verify factors and client certificates no longer work, until a user enrolls it again",
		allowed: "only an ACTIVE or SUSPENDED device can be deactivated",
	}.handler()
)
