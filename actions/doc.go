// Package actions holds the connector's action handlers, one small file per
// Okta resource family. Each handler receives validated parameters and uses
// the shared connector toolkit for requests, paging, user look-ups and
// errors.
package actions

import "github.com/soar-okta/okta-connector/connector"

// Handlers returns every action handler by its app.json identifier.
func Handlers() map[string]connector.Handler {
	return map[string]connector.Handler{
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
	}
}
