package actions

import (
	"github.com/soar-okta/okta-connector/actions/syslog"
	"github.com/soar-okta/okta-connector/connector"
)

// Handlers returns every action handler by its app.json identifier. This
// is the one table of the connector's actions: a handler is added here,
// next to its family, and a test checks that the identifiers are exactly
// app.json's. Each call returns a new map.
func Handlers() map[string]connector.Handler {
	return map[string]connector.Handler{
		// Connectivity, and requests of the caller's own.
		"test_connectivity":  testConnectivity,
		"custom_api_request": customAPIRequest,

		// Users (users.go, user_*.go, lifecycle.go, contain.go).
		"list_users":          listUsers,
		"get_user":            getUser,
		"get_user_groups":     getUserGroups,
		"create_user":         createUser,
		"update_user":         updateUser,
		"delete_user":         deleteUser,
		"activate_user":       activateUser,
		"reactivate_user":     reactivateUser,
		"deactivate_user":     deactivateUser,
		"suspend_user":        suspendUser,
		"unsuspend_user":      unsuspendUser,
		"unlock_user":         unlockUser,
		"disable_user":        disableUser,
		"enable_user":         enableUser,
		"expire_password":     expirePassword,
		"reset_password":      resetPassword,
		"set_password":        setPassword,
		"clear_user_sessions": clearUserSessions,
		"contain_user":        containUser,

		// Identity threat response on users: risk, devices, OAuth grants
		// and tokens, sessions and sign-in blocks (user_risk.go,
		// devices.go, user_grants.go, sessions.go).
		"universal_logout":          universalLogout,
		"end_session":               endSession,
		"get_user_blocks":           getUserBlocks,
		"get_user_risk":             getUserRisk,
		"set_user_risk":             setUserRisk,
		"list_user_devices":         listUserDevices,
		"suspend_device":            suspendDevice,
		"unsuspend_device":          unsuspendDevice,
		"deactivate_device":         deactivateDevice,
		"list_user_grants":          listUserGrants,
		"revoke_user_grants":        revokeUserGrants,
		"list_user_clients":         listUserClients,
		"revoke_user_client_tokens": revokeUserClientTokens,

		// Factors (factors.go, factor_reset.go).
		"list_factors":           listFactors,
		"reset_factor":           resetFactor,
		"reset_factors":          resetFactors,
		"send_push_notification": sendPushNotification,

		// Groups and roles (groups.go, roles.go).
		"list_user_groups":   listGroups,
		"get_group":          getGroup,
		"add_group":          addGroup,
		"list_group_members": listGroupMembers,
		"add_group_user":     addGroupUser,
		"remove_group_user":  removeGroupUser,
		"list_roles":         listRoles,
		"assign_role":        assignRole,
		"unassign_role":      unassignRole,

		// Applications (apps.go, app_users.go).
		"list_apps":            listApps,
		"get_app":              getApp,
		"activate_app":         activateApp,
		"deactivate_app":       deactivateApp,
		"delete_app":           deleteApp,
		"assign_group_to_app":  assignGroupToApp,
		"list_app_users":       listAppUsers,
		"get_app_user":         getAppUser,
		"assign_user_to_app":   assignUserToApp,
		"update_app_user":      updateAppUser,
		"remove_user_from_app": removeUserFromApp,

		// Identity providers (groups.go).
		"list_providers": listProviders,

		// Network zones (zones.go, blocklist.go).
		"list_zones":  listZones,
		"get_zone":    getZone,
		"create_zone": createZone,
		"update_zone": updateZone,
		"block_ip":    blockIP,
		"unblock_ip":  unblockIP,

		// The System Log (package syslog).
		"get_logs":                       syslog.GetLogs,
		"get_failed_logins":              syslog.GetFailedLogins,
		"get_group_assignments":          syslog.GetGroupAssignments,
		"get_application_assignments":    syslog.GetApplicationAssignments,
		"get_application_authentication": syslog.GetApplicationAuthentication,
		"on_poll":                        syslog.OnPoll,

		// The org's own defences: API tokens, admins, identity providers,
		// network zones, ThreatInsight and trusted origins (api_tokens.go,
		// admins.go, idps.go, zones.go, threat_insight.go,
		// trusted_origins.go).
		"list_api_tokens":       listAPITokens,
		"revoke_api_token":      revokeAPIToken,
		"list_admins":           listAdmins,
		"deactivate_idp":        deactivateIdP,
		"activate_zone":         activateZone,
		"deactivate_zone":       deactivateZone,
		"get_threatinsight":     getThreatInsight,
		"set_threatinsight":     setThreatInsight,
		"list_trusted_origins":  listTrustedOrigins,
		"delete_trusted_origin": deleteTrustedOrigin,
	}
}
