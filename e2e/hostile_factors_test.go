package e2e

// The factor, role and containment actions' parameters that name Okta
// objects, and the only paths those actions may send.
func factorFamily() hostileFamily {
	actionPaths := map[string][]string{}
	var hostileTargets []hostileTarget
	dana := map[string]any{"user_id": "dana.whitfield@example.com"}
	hostileTargets = append(hostileTargets,
		hostileTarget{"list_factors", "user_id", nil},
		hostileTarget{"reset_factor", "user_id", map[string]any{"factor_id": "opf1CiAhzCueQpBenQtY"}},
		hostileTarget{"reset_factor", "factor_id", dana},
		hostileTarget{"reset_factors", "user_id", nil},
		hostileTarget{"contain_user", "user_id", map[string]any{"reset_factors": true, "expire_password": true}},
		hostileTarget{"send_push_notification", "email", map[string]any{"factortype": "sms", "pass_code": "123456"}},
	)
	users := []string{`/api/v1/users`, `/api/v1/users/SEG`}
	actionPaths["list_factors"] = append(users, `/api/v1/users/SEG/factors`)
	actionPaths["reset_factor"] = append(users, `/api/v1/users/SEG/factors`, `/api/v1/users/SEG/factors/SEG`)
	actionPaths["reset_factors"] = append(users, `/api/v1/users/SEG/factors`, `/api/v1/users/SEG/lifecycle/reset_factors`)
	actionPaths["contain_user"] = append(users, `/api/v1/users/SEG/factors`, `/api/v1/users/SEG/sessions`,
		`/api/v1/users/SEG/lifecycle/(suspend|deactivate|reset_factors|expire_password)`)
	actionPaths["unassign_role"] = append(actionPaths["unassign_role"], `/api/v1/users/SEG/roles`)
	return hostileFamily{targets: hostileTargets, paths: actionPaths}
}
