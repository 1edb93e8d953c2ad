package web_test

func init() { roleTables = append(roleTables, notificationRoles) }

// notificationRoles: everyone signed in has their own notifications, inbox
// and follows; nobody without a session has any.
func notificationRoles(f *fixture) []roleCase {
	signed200 := [6]int{401, 200, 200, 200, 200, 200}
	signed422 := [6]int{401, 422, 422, 422, 422, 422}
	return []roleCase{
		{"GET", "/api/v1/notifications", "", signed200},
		{"GET", "/api/v1/notifications?unread=true", "", signed200},
		{"GET", "/api/v1/notifications?unread=kanske", "", signed422},
		{"POST", "/api/v1/notifications/read", `{"all":true}`, signed200},
		{"POST", "/api/v1/notifications/read", `{}`, signed422},
		{"GET", "/api/v1/mentions?q=s%C3%B6", "", signed200},
		{"GET", "/internt/notiser", "", [6]int{303, 200, 200, 200, 200, 200}},
		{"POST", "/internt/notiser/las", "{}", signed422},
		{"POST", "/internt/bevaka", "{}", signed422},
	}
}
