package web_test

import (
	"context"
	"fmt"

	"github.com/samsyn/samsyn/app"
)

func init() { roleTables = append(roleTables, adminRoles) }

// adminRoles covers changing members and users, by API and by the admin
// forms: only an admin may. Each row changes a member or user of its own,
// and a refused attempt must leave it, and the number of members and
// users, as it was. The forms read form fields, so the JSON bodies of the
// table reach the admin as empty forms (422): past the role check, and
// still nothing changes.
func adminRoles(f *fixture) []roleCase {
	api := f.mustMember("Linköping", "0580")
	form := f.mustMember("Norrköping", "0581")
	f.mustUser("patchedByAPI", app.NewUserInput{Email: "api.rad@skelleftea.example", Name: "Api Rad", Role: app.RoleMember, MemberID: f.memberA.ID})
	f.mustUser("patchedByForm", app.NewUserInput{Email: "form.rad@skelleftea.example", Name: "Form Rad", Role: app.RoleMember, MemberID: f.memberA.ID})
	uAPI, uForm := f.byRole["patchedByAPI"].ID, f.byRole["patchedByForm"].ID
	counts := func() string { m, u := f.counts(); return fmt.Sprint(m, " members, ", u, " users") }
	member := func(id string) func() string {
		return stored(func(ctx context.Context) (*app.Member, error) { return f.members.MemberByID(ctx, id) })
	}
	user := func(id string) func() string {
		return stored(func(ctx context.Context) (*app.User, error) { return f.users.UserByID(ctx, id) })
	}
	formRefused := [6]int{401, 403, 403, 403, 403, 422}
	cases := []roleCase{
		{"POST", "/api/v1/members", `{"name":"Kiruna {n}","municipality_code":"258{n}"}`, [6]int{401, 403, 403, 403, 403, 201}},
		{"PATCH", "/api/v1/members/" + api.ID, `{"county":"Västerbottens län"}`, [6]int{401, 403, 403, 403, 403, 200}},
		{"POST", "/api/v1/users", `{"email":"ny{n}@example.se","name":"Ny","role":"secretariat","password":"ett långt lösenord"}`, [6]int{401, 403, 403, 403, 403, 201}},
		{"PATCH", "/api/v1/users/" + uAPI, `{"title":"Näringslivschef"}`, [6]int{401, 403, 403, 403, 403, 200}},
		// A caller who may not see a user (member B, user of A) learns
		// nothing from the refusal: 403 comes from the route, for any id.
		{"PATCH", "/api/v1/users/000000000000000000000000", `{"title":"x"}`, [6]int{401, 403, 403, 403, 403, 404}},
		{"POST", "/admin/medlemmar/ny", "{}", formRefused},
		{"POST", "/admin/medlemmar/" + form.ID, "{}", formRefused},
		{"POST", "/admin/medlemmar/000000000000000000000000", "{}", [6]int{401, 403, 403, 403, 403, 404}},
		{"POST", "/admin/anvandare/ny", "{}", formRefused},
		{"POST", "/admin/anvandare/" + uForm, "{}", formRefused},
		{"POST", "/admin/anvandare/000000000000000000000000", "{}", [6]int{401, 403, 403, 403, 403, 404}},
	}
	for _, p := range []string{"/api/v1/members", "/api/v1/users", "/admin/medlemmar/ny", "/admin/anvandare/ny"} {
		f.guard("POST", p, counts)
	}
	f.guard("PATCH", "/api/v1/members/"+api.ID, member(api.ID))
	f.guard("POST", "/admin/medlemmar/"+form.ID, member(form.ID))
	f.guard("PATCH", "/api/v1/users/"+uAPI, user(uAPI))
	f.guard("POST", "/admin/anvandare/"+uForm, user(uForm))
	return cases
}
