package web_test

import (
	"io"
	"regexp"
	"strings"
	"testing"
)

type issueAnswer struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Public  bool   `json:"public"`
	Version int    `json:"version"`
	Actions []struct {
		Date string `json:"date"`
		Who  string `json:"who"`
		Note string `json:"note"`
	} `json:"actions"`
}

func TestIssueAPI(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	s := mustSeed(f)
	resp := f.do(request{method: "POST", path: "/api/v1/issues", role: "secretariat",
		body: `{"title":"Tillstånd för industrin","priority":"high","owner_member_ids":["` + f.memberA.ID + `"],"consultation_ids":["` + s.consultation.ID + `"]}`})
	i := decode[issueAnswer](t, resp)
	if resp.StatusCode != 201 || i.Public || i.Version != 1 {
		t.Fatalf("create: %d %+v", resp.StatusCode, i)
	}
	path := "/api/v1/issues/" + i.ID
	for _, tc := range []struct {
		method, path, body string
		status             int
	}{
		{"PATCH", path, `{"public":true,"version":1}`, 200},
		{"PATCH", path, `{"title":"Gammal","version":1}`, 409},
		{"PATCH", path, `{"priority":"urgent"}`, 422},
		{"PATCH", path, `{"owner_member_ids":["0123456789abcdef01234567"]}`, 422},
		{"POST", path + "/actions", `{"date":"2026-03-02","who":"Kansliet","note":"Möte med departementet","url":"https://regeringen.se/"}`, 201},
		{"POST", path + "/actions", `{"note":"Framtida","date":"2999-01-01"}`, 422},
		{"POST", path + "/actions", `{"note":""}`, 422},
		{"POST", path + "/actions", `{"note":"x","url":"javascript:alert(1)"}`, 422},
		{"GET", "/api/v1/issues?priority=urgent", "", 422},
	} {
		resp := f.do(request{method: tc.method, path: tc.path, body: tc.body, role: "admin"})
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("%s %s %s: %d, want %d", tc.method, tc.path, tc.body, resp.StatusCode, tc.status)
		}
	}
	got := decode[issueAnswer](t, f.do(request{method: "GET", path: path, role: "memberB"}))
	if !got.Public || got.Title != "Tillstånd för industrin" || len(got.Actions) != 1 || got.Actions[0].Who != "Kansliet" || got.Version != 3 {
		t.Fatalf("after edits: %+v", got)
	}
	list := decode[struct{ Total int }](t, f.do(request{method: "GET", path: "/api/v1/issues?public=true&priority=high", role: "memberA"}))
	if list.Total != 1 {
		t.Errorf("filter public high: %d", list.Total)
	}
}

// TestAnonymousSeesNoInternalIssue: nothing of an internal issue reaches
// anyone signed out — not the API, not the pages, not the start page.
func TestAnonymousSeesNoInternalIssue(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	s := mustSeed(f)
	secret := regexp.MustCompile(`(?i)hemlig förhandlingslinje|` + s.internal.ID)
	for _, path := range []string{"/api/v1/issues", "/api/v1/issues/" + s.internal.ID, "/internt/fragor",
		"/internt/fragor/" + s.internal.ID, "/", "/api/v1/consultations", "/api/v1/deadlines", "/internt/bevakning",
		"/api/v1/search?q=hemlig", "/sok?q=hemlig"} {
		resp := f.do(request{method: "GET", path: path})
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == 200 && strings.HasPrefix(path, "/internt") {
			t.Errorf("%s answered 200 to anonymous", path)
		}
		if secret.Match(b) || strings.Contains(resp.Header.Get("Location"), "Hemlig") {
			t.Errorf("%s leaks the internal issue to anonymous: %s", path, b)
		}
	}
}
