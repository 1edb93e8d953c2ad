package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestBadInputChangesNothing sends malformed, mistyped, oversized and
// conflicting requests: each gets the JSON error of DESIGN.md with the
// right status and field messages, never a 500, and nothing is stored.
func TestBadInputChangesNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	memberA := "/api/v1/members/" + f.memberA.ID
	userA := "/api/v1/users/" + f.byRole["memberA"].ID
	cases := []struct {
		name   string
		req    request
		status int
		code   string
		field  string // a field that must carry a message, if any
	}{
		{"malformed JSON", request{method: "POST", path: "/api/v1/members", body: `{"name":`, role: "admin"}, 400, "bad_request", ""},
		{"not an object", request{method: "POST", path: "/api/v1/members", body: `["Kiruna"]`, role: "admin"}, 400, "bad_request", ""},
		{"wrong type", request{method: "POST", path: "/api/v1/members", body: `{"name":42,"municipality_code":"2584"}`, role: "admin"}, 400, "bad_request", "name"},
		{"unknown field", request{method: "POST", path: "/api/v1/members", body: `{"name":"Kiruna","municipality_code":"2584","admin":true}`, role: "admin"}, 400, "bad_request", "admin"},
		{"operator as value", request{method: "POST", path: "/api/v1/members", body: `{"name":{"$gt":""},"municipality_code":"2584"}`, role: "admin"}, 400, "bad_request", "name"},
		{"empty body", request{method: "POST", path: "/api/v1/members", role: "admin", contentType: "application/json"}, 400, "bad_request", ""},
		{"not JSON", request{method: "POST", path: "/api/v1/members", body: "name=Kiruna", contentType: "application/x-www-form-urlencoded", role: "admin"}, 400, "bad_request", ""},
		{"trailing garbage", request{method: "POST", path: "/api/v1/members", body: `{"name":"Kiruna","municipality_code":"2584"} x`, role: "admin"}, 400, "bad_request", ""},
		{"missing required", request{method: "POST", path: "/api/v1/members", body: `{"name":"Kiruna"}`, role: "admin"}, 422, "validation_failed", "municipality_code"},
		{"bad municipality code", request{method: "POST", path: "/api/v1/members", body: `{"name":"Kiruna","municipality_code":"25a4"}`, role: "admin"}, 422, "validation_failed", "municipality_code"},
		{"code of no county", request{method: "POST", path: "/api/v1/members", body: `{"name":"Kiruna","municipality_code":"9999"}`, role: "admin"}, 422, "validation_failed", "municipality_code"},
		{"duplicate member", request{method: "POST", path: "/api/v1/members", body: `{"name":"Skellefteå","municipality_code":"2482"}`, role: "admin"}, 409, "conflict", "name"},
		{"unknown member id", request{method: "GET", path: "/api/v1/members/0123456789abcdef01234567", role: "admin"}, 404, "not_found", ""},
		{"malformed member id", request{method: "GET", path: "/api/v1/members/%7B%22$gt%22:%22%22%7D", role: "admin"}, 404, "not_found", ""},
		{"patch unknown member", request{method: "PATCH", path: "/api/v1/members/0123456789abcdef01234567", body: `{"name":"X"}`, role: "admin"}, 404, "not_found", ""},
		{"patch empty name", request{method: "PATCH", path: memberA, body: `{"name":""}`, role: "admin"}, 422, "validation_failed", "name"},
		{"patch wrong type", request{method: "PATCH", path: memberA, body: `{"active":"yes"}`, role: "admin"}, 400, "bad_request", "active"},
		{"duplicate email any case", request{method: "POST", path: "/api/v1/users", body: `{"email":"ADMIN@example.se","name":"Ny","role":"admin","password":"ett långt lösenord"}`, role: "admin"}, 409, "conflict", "email"},
		{"short password", request{method: "POST", path: "/api/v1/users", body: `{"email":"ny@example.se","name":"Ny","role":"admin","password":"kort"}`, role: "admin"}, 422, "validation_failed", "password"},
		{"common password", request{method: "POST", path: "/api/v1/users", body: `{"email":"ny@example.se","name":"Ny","role":"admin","password":"password1234"}`, role: "admin"}, 422, "validation_failed", "password"},
		{"bad email", request{method: "POST", path: "/api/v1/users", body: `{"email":"inte-en-adress","name":"Ny","role":"admin","password":"ett långt lösenord"}`, role: "admin"}, 422, "validation_failed", "email"},
		{"unknown role", request{method: "POST", path: "/api/v1/users", body: `{"email":"ny@example.se","name":"Ny","role":"kung","password":"ett långt lösenord"}`, role: "admin"}, 422, "validation_failed", "role"},
		{"member user without member", request{method: "POST", path: "/api/v1/users", body: `{"email":"ny@example.se","name":"Ny","role":"member","password":"ett långt lösenord"}`, role: "admin"}, 422, "validation_failed", "member_id"},
		{"unknown member of user", request{method: "POST", path: "/api/v1/users", body: `{"email":"ny@example.se","name":"Ny","role":"member","member_id":"0123456789abcdef01234567","password":"ett långt lösenord"}`, role: "admin"}, 422, "validation_failed", "member_id"},
		{"stale user version", request{method: "PATCH", path: userA, body: `{"name":"Nytt namn","version":99}`, role: "admin"}, 409, "conflict", ""},
		{"bad page", request{method: "GET", path: "/api/v1/members?page=zero", role: "admin"}, 422, "validation_failed", "page"},
		{"per_page too big", request{method: "GET", path: "/api/v1/members?per_page=1000", role: "admin"}, 422, "validation_failed", "per_page"},
		{"unknown API route", request{method: "GET", path: "/api/v1/nothing-here", role: "admin"}, 404, "not_found", ""},
		{"malformed bearer", request{method: "GET", path: "/api/v1/me", headers: map[string]string{"Authorization": "Basic YWRtaW46YWRtaW4="}}, 401, "unauthorized", ""},
		{"unknown token", request{method: "GET", path: "/api/v1/me", headers: map[string]string{"Authorization": "Bearer samsyn_0000"}}, 401, "unauthorized", ""},
		{"login wrong types", request{method: "POST", path: "/api/v1/auth/login", body: `{"email":["a"],"password":1}`}, 400, "bad_request", "email"},
		{"login missing password", request{method: "POST", path: "/api/v1/auth/login", body: `{"email":"admin@example.se"}`}, 422, "validation_failed", "password"},
	}
	beforeMembers, beforeUsers := f.counts()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := f.do(tc.req)
			if resp.StatusCode != tc.status {
				t.Errorf("status = %d, want %d", resp.StatusCode, tc.status)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type = %q, want JSON", ct)
			}
			e := decode[errorAnswer](t, resp)
			if e.Error.Code != tc.code || e.Error.Message == "" {
				t.Errorf("error = %+v, want code %q with a message", e.Error, tc.code)
			}
			if tc.field != "" && e.Error.Fields[tc.field] == "" {
				t.Errorf("fields = %v, want a message for %q", e.Error.Fields, tc.field)
			}
			if strings.Contains(e.Error.Message, "goroutine") || strings.Contains(e.Error.Message, ".go:") {
				t.Errorf("message leaks internals: %q", e.Error.Message)
			}
		})
	}
	afterMembers, afterUsers := f.counts()
	if afterMembers != beforeMembers || afterUsers != beforeUsers {
		t.Errorf("bad requests changed the store: members %d→%d, users %d→%d", beforeMembers, afterMembers, beforeUsers, afterUsers)
	}
	got, err := f.users.UserByID(t.Context(), f.byRole["memberA"].ID)
	if err != nil || got.Name != "Märta Medlem" || got.Version != 1 {
		t.Errorf("stale patch changed the user: %+v %v", got, err)
	}
}

// TestOversizedRequestsOnARealListener checks the body and header limits,
// which only a real connection exercises: 413 (or 431) with our JSON error,
// and nothing stored.
func TestOversizedRequestsOnARealListener(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	withSearch(f)
	base := f.listen()
	huge := `{"name":"` + strings.Repeat("å", 40<<10) + `","municipality_code":"2584"}`
	req, _ := http.NewRequest("POST", base+"/api/v1/members", strings.NewReader(huge))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+f.tokens["admin"])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("big body: status = %d, want 413", resp.StatusCode)
	}
	if e := decode[errorAnswer](t, resp); e.Error.Code != "too_large" {
		t.Errorf("big body: %+v", e.Error)
	}
	req, _ = http.NewRequest("GET", base+"/api/v1/me", nil)
	req.Header.Set("X-Filler", strings.Repeat("a", 20<<10))
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("big header: status = %d, want 431", resp.StatusCode)
	}
	resp.Body.Close()
	long, err := http.Get(base + "/api/v1/search?q=" + strings.Repeat("elnät", 1000)[:3000])
	if err != nil {
		t.Fatal(err)
	}
	if long.StatusCode != http.StatusOK {
		t.Errorf("3,000-byte query: status = %d, want 200 (it is cut, not refused)", long.StatusCode)
	}
	long.Body.Close()
	if m, _ := f.counts(); m != 2 {
		t.Errorf("members = %d after refused requests, want 2", m)
	}
}
