// Package actions holds the connector's action handlers, one small file per
// Okta resource family. Each handler receives validated parameters and uses
// the shared connector toolkit for requests, paging, user look-ups and
// errors.
package actions

import "github.com/soar-okta/okta-connector/connector"

// registry holds the handlers each family file registers in its init.
var registry = map[string]connector.Handler{}

// register adds handlers by app.json identifier; a duplicate is a bug.
func register(handlers map[string]connector.Handler) {
	for id, h := range handlers {
		if _, dup := registry[id]; dup {
			panic("actions: handler registered twice: " + id)
		}
		registry[id] = h
	}
}

// Handlers returns every action handler by its app.json identifier.
func Handlers() map[string]connector.Handler {
	out := map[string]connector.Handler{}
	for id, h := range registry {
		out[id] = h
	}
	return out
}

func init() {
	register(map[string]connector.Handler{
		"test_connectivity":      testConnectivity,
		"list_users":             listUsers,
		"get_user":               getUser,
		"get_user_groups":        getUserGroups,
		"list_user_groups":       listGroups,
		"get_group":              getGroup,
		"add_group":              addGroup,
		"add_group_user":         addGroupUser,
		"remove_group_user":      removeGroupUser,
		"list_providers":         listProviders,
		"list_roles":             listRoles,
		"assign_role":            assignRole,
		"unassign_role":          unassignRole,
		"disable_user":           disableUser,
		"enable_user":            enableUser,
		"clear_user_sessions":    clearUserSessions,
		"reset_password":         resetPassword,
		"set_password":           setPassword,
		"send_push_notification": sendPushNotification,
	})
}
