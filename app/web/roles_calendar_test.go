package web_test

import (
	"fmt"
	"net/url"

	"github.com/samsyn/samsyn/app"
)

func init() { roleTables = append(roleTables, calendarRoles) }

// calendarRoles covers the private calendar feeds. The feed's address is
// its credential: a live one answers whoever holds it, signed in or not;
// a revoked one, or one of a deactivated user, is 404 to everyone. Each
// feed belongs to a user of its own, so that the rows that create and
// revoke the callers' own feeds cannot touch it. Creating and revoking
// one's feed needs a session or token.
func calendarRoles(f *fixture) []roleCase {
	live := f.calendarPath("kalenderLive")
	revoked := f.calendarPath("kalenderRevoked")
	f.mustCall(204, "kalenderRevoked", "DELETE", "/api/v1/me/calendar", "")
	deactivated := f.calendarPath("kalenderInactive")
	f.mustCall(200, "admin", "PATCH", "/api/v1/users/"+f.byRole["kalenderInactive"].ID, `{"active":false}`)
	f.guard("POST", "/admin/import", func() string { return fmt.Sprint(f.importedCount(), " consultations") })
	return []roleCase{
		{"GET", live, "", all200},
		{"GET", revoked, "", all404},
		{"GET", deactivated, "", all404},
		{"POST", "/internt/kalender", "{}", [6]int{401, 303, 303, 303, 303, 303}},
		{"POST", "/internt/kalender/aterkalla", "{}", [6]int{401, 303, 303, 303, 303, 303}},
	}
}

// calendarPath gives a new member user key a calendar feed and returns
// the feed's path.
func (f *fixture) calendarPath(key string) string {
	f.t.Helper()
	f.mustUser(key, app.NewUserInput{Email: key + "@skelleftea.example", Name: "Kalender " + key, Role: app.RoleMember, MemberID: f.memberA.ID})
	var out struct {
		CalendarURL string `json:"calendar_url"`
	}
	mustUnmarshal(f.t, f.mustCall(201, key, "POST", "/api/v1/me/calendar", "{}"), &out)
	u, err := url.Parse(out.CalendarURL)
	if err != nil || u.Path == "" {
		f.t.Fatalf("calendar_url %q: %v", out.CalendarURL, err)
	}
	return u.Path
}
