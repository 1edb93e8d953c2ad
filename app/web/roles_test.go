package web_test

import (
	"fmt"
	"strings"
	"testing"
)

// roles are the callers every route is tried with; "" is anonymous.
var roles = []string{"", "memberA", "signerA", "memberB", "secretariat", "admin"}

// roleCase is one route and the status each role gets, in the order of
// roles. Later capabilities add their routes here.
type roleCase struct {
	method, path, body string
	want               [6]int
}

// roleTables are the parts of the table, one per capability; each test
// file of a capability appends its part in init.
var roleTables = []func(f *fixture) []roleCase{coreRoles}

// coreRoles covers accounts, members, users and the site's frame.
func coreRoles(f *fixture) []roleCase {
	a, ua := f.memberA.ID, f.byRole["memberA"].ID
	ub := f.byRole["memberB"].ID
	return []roleCase{
		{"GET", "/", "", [6]int{200, 200, 200, 200, 200, 200}},
		{"GET", "/healthz", "", [6]int{200, 200, 200, 200, 200, 200}},
		{"GET", "/readyz", "", [6]int{200, 200, 200, 200, 200, 200}},
		{"GET", "/metrics", "", [6]int{200, 200, 200, 200, 200, 200}},
		{"GET", "/logga-in", "", [6]int{200, 303, 303, 303, 303, 303}},
		{"GET", "/oversikt", "", [6]int{303, 200, 200, 200, 200, 200}},
		{"GET", "/admin/medlemmar", "", [6]int{303, 403, 403, 403, 403, 200}},
		{"GET", "/admin/medlemmar/ny", "", [6]int{303, 403, 403, 403, 403, 200}},
		{"GET", "/admin/medlemmar/" + a, "", [6]int{303, 403, 403, 403, 403, 200}},
		{"GET", "/admin/anvandare", "", [6]int{303, 403, 403, 403, 403, 200}},
		{"GET", "/admin/anvandare/ny", "", [6]int{303, 403, 403, 403, 403, 200}},
		{"GET", "/admin/anvandare/" + ua, "", [6]int{303, 403, 403, 403, 403, 200}},
		{"GET", "/api/v1/me", "", [6]int{401, 200, 200, 200, 200, 200}},
		{"GET", "/api/v1/members", "", [6]int{401, 200, 200, 200, 200, 200}},
		{"GET", "/api/v1/members/" + a, "", [6]int{401, 200, 200, 200, 200, 200}},
		{"POST", "/api/v1/members", `{"name":"Kiruna {n}","municipality_code":"258{n}"}`, [6]int{401, 403, 403, 403, 403, 201}},
		{"PATCH", "/api/v1/members/" + a, `{"county":"Västerbottens län"}`, [6]int{401, 403, 403, 403, 403, 200}},
		{"GET", "/api/v1/users", "", [6]int{401, 403, 403, 403, 200, 200}},
		{"GET", "/api/v1/users/" + ua, "", [6]int{401, 200, 200, 404, 200, 200}},
		{"GET", "/api/v1/users/" + ub, "", [6]int{401, 404, 404, 200, 200, 200}},
		{"POST", "/api/v1/users", `{"email":"ny{n}@example.se","name":"Ny","role":"secretariat","password":"ett långt lösenord"}`, [6]int{401, 403, 403, 403, 403, 201}},
		{"PATCH", "/api/v1/users/" + ua, `{"title":"Näringslivschef"}`, [6]int{401, 403, 403, 403, 403, 200}},
	}
}

// TestRoleTable tries every route with every role and expects exactly the
// status in the table: nobody gets in where they don't belong.
func TestRoleTable(t *testing.T) {
	f := newFixture(t)
	var table []roleCase
	for _, part := range roleTables {
		table = append(table, part(f)...)
	}
	for _, rc := range table {
		for j, role := range roles {
			body := strings.ReplaceAll(rc.body, "{n}", fmt.Sprint(j)) // unique per attempt
			name := fmt.Sprintf("%s %s as %q", rc.method, rc.path, role)
			resp := f.do(request{method: rc.method, path: rc.path, body: body, role: role})
			resp.Body.Close()
			if resp.StatusCode != rc.want[j] {
				t.Errorf("%s: status %d, want %d", name, resp.StatusCode, rc.want[j])
			}
		}
	}
}
