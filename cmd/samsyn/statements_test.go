package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// session is a signed-in client with its CSRF header.
type session struct {
	t    *testing.T
	base string
	c    *http.Client
	csrf map[string]string
}

func signIn(t *testing.T, base, email, password string) *session {
	t.Helper()
	s := &session{t: t, base: base, c: newClient(t)}
	resp, body := mustDo(t, s.c, "POST", base+"/api/v1/auth/login", `{"email":"`+email+`","password":"`+password+`"}`, nil)
	var login struct {
		CSRFToken string `json:"csrf_token"`
	}
	if err := json.Unmarshal([]byte(body), &login); err != nil || resp.StatusCode != 200 {
		t.Fatalf("login %s: %d %s", email, resp.StatusCode, body)
	}
	s.csrf = map[string]string{"X-CSRF-Token": login.CSRFToken}
	return s
}

// call sends a JSON request, expects status want and decodes into out.
func (s *session) call(want int, method, path, body string, out any) string {
	s.t.Helper()
	resp, b := mustDo(s.t, s.c, method, s.base+path, body, s.csrf)
	if resp.StatusCode != want {
		s.t.Fatalf("%s %s: %d %s, want %d", method, path, resp.StatusCode, b, want)
	}
	if out != nil {
		if err := json.Unmarshal([]byte(b), out); err != nil {
			s.t.Fatalf("decode %s: %v", b, err)
		}
	}
	return b
}

type apiStatement struct {
	ID, Slug, Status, Body string
	Version                int
	ContentHash            string `json:"content_hash"`
}

// signers creates a signatory (may_sign) for each of n demo members and
// signs them in.
func signers(t *testing.T, admin *session, password string, n int) ([]*session, []string) {
	var members struct {
		Items []struct{ ID, Name, Slug string }
	}
	admin.call(200, "GET", "/api/v1/members?per_page=100", "", &members)
	var out []*session
	var names []string
	for _, m := range members.Items[:n] {
		email := "undertecknare@" + m.Slug + ".example"
		admin.call(201, "POST", "/api/v1/users", fmt.Sprintf(`{"email":%q,"name":"KSO i %s","title":"Kommunstyrelsens ordförande",`+
			`"role":"member","member_id":%q,"may_sign":true,"password":%q}`, email, m.Name, m.ID, password), nil)
		out = append(out, signIn(t, admin.base, email, password))
		names = append(names, m.Name)
	}
	return out, names
}

// TestStatementGoldenPath runs the life of a statement over a real
// listener: a draft, two members editing with one conflict resolved, a
// comment, signing opened, three members signing and one declining,
// publication, and the public page listing exactly the three.
func TestStatementGoldenPath(t *testing.T) {
	t.Parallel()
	inst := startServe(t, t.TempDir())
	defer inst.stop()
	admin := signIn(t, inst.URL, inst.AdminEmail, inst.AdminPassword)
	const pw = "ett långt lösenord för test"
	members, names := signers(t, admin, pw, 4)
	a, b := members[0], members[1]

	var st apiStatement
	a.call(201, "POST", "/api/v1/statements", `{"kind":"joint_statement","title":"Gemensamt uttalande om elnätet i norr",`+
		`"summary":"Kort sammanfattning.","body":"Första stycket.\n\nAndra stycket.","topics":["elnät"]}`, &st)
	var edited apiStatement
	b.call(200, "PATCH", "/api/v1/statements/"+st.ID, `{"version":1,"body":"Första stycket, skärpt.\n\nAndra stycket."}`, &edited)
	var merged struct {
		apiStatement
		Merged bool
	}
	a.call(200, "PATCH", "/api/v1/statements/"+st.ID, `{"version":1,"body":"Första stycket.\n\nAndra stycket, utvecklat."}`, &merged)
	if !merged.Merged || merged.Body != "Första stycket, skärpt.\n\nAndra stycket, utvecklat." {
		t.Fatalf("save of another paragraph from version 1: %+v", merged)
	}
	var conflict struct {
		Error     struct{ Code string }
		Conflicts []struct{ Block any }
		Current   apiStatement
	}
	a.call(409, "PATCH", "/api/v1/statements/"+st.ID, `{"version":1,"body":"Första stycket, mildrat.\n\nAndra stycket."}`, &conflict)
	if conflict.Error.Code != "edit_conflict" || len(conflict.Conflicts) != 1 || conflict.Current.Version != merged.Version {
		t.Fatalf("conflict answer: %+v", conflict)
	}
	st = merged.apiStatement
	var diff struct{ Changed bool }
	b.call(200, "GET", "/api/v1/statements/"+st.ID+"/diff?from=1&to=3", "", &diff)
	if !diff.Changed {
		t.Fatal("diff of revisions 1 and 3 shows no change")
	}
	b.call(201, "POST", "/api/v1/statements/"+st.ID+"/comments", `{"body":"Bra, men nämn Svenska kraftnät.","anchor":1}`, nil)

	signBy := time.Now().AddDate(0, 0, 10).Format(time.DateOnly)
	admin.call(200, "POST", "/api/v1/statements/"+st.ID+"/signing", `{"sign_by":"`+signBy+`"}`, &st)
	yesterday := time.Now().AddDate(0, 0, -1).Format(time.DateOnly)
	for i, m := range members {
		decision := "signed"
		if i == 3 {
			decision = "declined"
		}
		m.call(201, "POST", "/api/v1/statements/"+st.ID+"/signatures", fmt.Sprintf(`{"decision":%q,"content_hash":%q,`+
			`"signatory_name":"KSO %d","signatory_title":"Kommunstyrelsens ordförande","decided_by":"KS","decided_on":%q,"paragraph":"§ %d"}`,
			decision, st.ContentHash, i, yesterday, 10+i), nil)
	}
	var board struct{ Signed, Declined int }
	admin.call(200, "GET", "/api/v1/statements/"+st.ID+"/signing", "", &board)
	if board.Signed != 3 || board.Declined != 1 {
		t.Fatalf("board: %+v", board)
	}
	admin.call(200, "POST", "/api/v1/statements/"+st.ID+"/publish", "", &st)

	resp, page := mustDo(t, newClient(t), "GET", inst.URL+"/stallningstaganden/"+st.Slug, "", nil)
	if resp.StatusCode != 200 || !strings.Contains(page, "Andra stycket, utvecklat.") || !strings.Contains(page, st.ContentHash) {
		t.Fatalf("public page: %d", resp.StatusCode)
	}
	signersSection := page[strings.Index(page, `id="undertecknare-h"`):]
	// A decision to decline is public once the text is published: the
	// member that declined is listed apart (SECURITY.md).
	signersSection, declinedSection, _ := strings.Cut(signersSection, `id="avbojt"`)
	if !strings.Contains(declinedSection, "<strong>"+names[3]+"</strong>") {
		t.Errorf("public page does not list %s among the members that declined", names[3])
	}
	for i, name := range names {
		if got := strings.Contains(signersSection, "<strong>"+name+"</strong>"); got != (i < 3) {
			t.Errorf("public page lists %s: %v, want %v", name, got, i < 3)
		}
	}
	if n := strings.Count(signersSection, "<li>"); n != 3 {
		t.Errorf("public page lists %d signing members, want 3", n)
	}
}
