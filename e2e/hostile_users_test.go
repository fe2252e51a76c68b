package e2e

// The user family's id parameters under attack, and the only paths their
// actions may call.
func userFamily() hostileFamily {
	actionPaths := map[string][]string{}
	var hostileTargets []hostileTarget
	lookup := []string{`/api/v1/users`, `/api/v1/users/SEG`}
	lifecycle := func(ops ...string) []string {
		out := append([]string(nil), lookup...)
		for _, op := range ops {
			out = append(out, `/api/v1/users/SEG/lifecycle/`+op)
		}
		return out
	}
	withEmail := map[string]any{"send_email": false}
	for action, t := range map[string]struct {
		ops    []string
		others map[string]any
	}{
		"activate_user":   {[]string{"activate", "reactivate"}, withEmail},
		"reactivate_user": {[]string{"reactivate"}, withEmail},
		"deactivate_user": {[]string{"deactivate"}, withEmail},
		"suspend_user":    {[]string{"suspend"}, nil},
		"unsuspend_user":  {[]string{"unsuspend"}, nil},
		"unlock_user":     {[]string{"unlock"}, nil},
	} {
		actionPaths[action] = lifecycle(t.ops...)
		hostileTargets = append(hostileTargets, hostileTarget{action, "user_id", t.others})
	}
	actionPaths["disable_user"] = lifecycle("suspend", "deactivate")
	actionPaths["enable_user"] = lifecycle("unsuspend", "activate", "reactivate")
	actionPaths["set_password"] = lifecycle("expire_password")
	actionPaths["expire_password"] = append(lifecycle("expire_password", "expire_password_with_temp_password"), `/api/v1/users/SEG/sessions`)
	actionPaths["update_user"] = lookup
	actionPaths["delete_user"] = lookup
	actionPaths["create_user"] = []string{`/api/v1/users`}

	hostileTargets = append(hostileTargets,
		hostileTarget{"disable_user", "id", map[string]any{"deactivate": true}},
		hostileTarget{"enable_user", "id", map[string]any{"activate": true}},
		hostileTarget{"set_password", "id", map[string]any{"new_password": "Val1d-Passw0rd", "temporary": true}},
		hostileTarget{"expire_password", "user_id", map[string]any{"temporary_password": true, "revoke_sessions": true}},
		hostileTarget{"update_user", "user_id", map[string]any{"title": "Analyst"}},
		hostileTarget{"delete_user", "user_id", nil},
		hostileTarget{"create_user", "group_ids", map[string]any{
			"login": "new.hire@example.com", "email": "new.hire@example.com", "first_name": "Robin", "last_name": "Hale",
		}},
	)
	return hostileFamily{targets: hostileTargets, paths: actionPaths}
}
