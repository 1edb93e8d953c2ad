package web_test

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestInvitationByAPI: an admin creates a user with "invite"; the user
// cannot log in, gets a mail with a link valid 7 days, chooses a password
// there and can then log in. Sending again replaces the older link.
func TestInvitationByAPI(t *testing.T) {
	t.Parallel()
	m := newMailFixture(t)
	body := `{"email":"nina.ny@skelleftea.example","name":"Nina Ny","title":"Näringslivschef","role":"member","member_id":"` +
		m.memberA.ID + `","invite":true}`
	r := m.do(request{method: "POST", path: "/api/v1/users", body: body, role: "admin"})
	if r.StatusCode != 201 {
		t.Fatalf("create with invite: %d", r.StatusCode)
	}
	created := decode[struct {
		ID             string `json:"id"`
		InvitationSent *bool  `json:"invitation_sent"`
	}](t, r)
	if created.InvitationSent == nil || !*created.InvitationSent {
		t.Fatalf("invitation_sent %v", created.InvitationSent)
	}
	if r := m.login("nina.ny@skelleftea.example", newPassword); r.StatusCode != 401 {
		t.Fatal("an invited user logs in without a password")
	}
	msgs := m.mail.Messages()
	if len(msgs) != 1 || msgs[0].Subject != "Inbjudan till Industrikommunerna" || !strings.Contains(msgs[0].Body, "7 dagar") {
		t.Fatalf("mails %+v", msgs)
	}
	first := m.lastLink("nina.ny@skelleftea.example")
	if !strings.HasPrefix(first, "/inbjudan/") {
		t.Fatalf("link %s", first)
	}
	if got := m.status(request{method: "POST", path: "/api/v1/users/" + created.ID + "/invitation", role: "admin"}); got != 204 {
		t.Fatalf("send again: %d", got)
	}
	link := m.lastLink("nina.ny@skelleftea.example")
	if link == first || m.status(request{method: "GET", path: first}) != 404 {
		t.Fatal("sending again did not replace the older link")
	}
	page := mustDoc(t, m.do(request{method: "GET", path: link}))
	if v, _ := page.Find("#f-username").Attr("value"); v != "nina.ny@skelleftea.example" {
		t.Errorf("invitation page shows %q", v)
	}
	m.clock.advance(6 * 24 * time.Hour) // still valid after 6 days
	if r := m.setPassword(link, newPassword); r.StatusCode != 303 {
		t.Fatalf("accept: %d", r.StatusCode)
	}
	if r := m.login("nina.ny@skelleftea.example", newPassword); r.StatusCode != 200 {
		t.Fatalf("login after accepting: %d", r.StatusCode)
	}
	if got := m.status(request{method: "POST", path: "/api/v1/users/" + created.ID + "/invitation", role: "admin"}); got != 422 {
		t.Errorf("inviting a user with a password: %d, want 422", got)
	}
	admin := m.byRole["admin"].ID
	if got, want := userAudit(t, m.fixture, created.ID), "user.create by "+admin+", user.invitation_accepted by "+created.ID+
		", user.invite by "+admin+", user.invite by "+admin; got != want {
		t.Errorf("audit:\n  %s\nwant\n  %s", got, want)
	}
}

// TestInvitationLinkExpires: after 7 days the invitation fails and the
// user still has no password.
func TestInvitationLinkExpires(t *testing.T) {
	t.Parallel()
	m := newMailFixture(t)
	r := m.do(request{method: "POST", path: "/api/v1/users", role: "admin",
		body: `{"email":"sen@example.se","name":"Sven Sen","role":"secretariat","invite":true}`})
	if r.StatusCode != 201 {
		t.Fatalf("create: %d", r.StatusCode)
	}
	m.clock.advance(7*24*time.Hour + time.Minute)
	if got := m.setPassword(m.lastLink("sen@example.se"), newPassword).StatusCode; got != 404 {
		t.Fatalf("expired invitation: %d, want 404", got)
	}
	if u, err := m.users.UserByEmail(t.Context(), "sen@example.se"); err != nil || u.HasPassword() {
		t.Fatalf("user after the expired invitation: %+v %v", u, err)
	}
}

// TestInvitationRefusedWithoutMailOrWithPassword: an invitation with a
// password, or with no mail server, is 422 and creates nobody.
func TestInvitationRefusedWithoutMailOrWithPassword(t *testing.T) {
	t.Parallel()
	plain := newFixture(t)
	_, before := plain.counts()
	r := plain.do(request{method: "POST", path: "/api/v1/users", role: "admin",
		body: `{"email":"ny@example.se","name":"Ny","role":"secretariat","invite":true}`})
	if e := decode[errorAnswer](t, r); r.StatusCode != 422 || !strings.Contains(e.Error.Fields["invite"], "SAMSYN_SMTP_URL") {
		t.Errorf("invite without a mail server: %d %+v", r.StatusCode, e.Error)
	}
	m := withMail(plain)
	r = m.do(request{method: "POST", path: "/api/v1/users", role: "admin",
		body: `{"email":"ny@example.se","name":"Ny","role":"secretariat","invite":true,"password":"` + newPassword + `"}`})
	if e := decode[errorAnswer](t, r); r.StatusCode != 422 || e.Error.Fields["password"] == "" {
		t.Errorf("invite with a password: %d %+v", r.StatusCode, e.Error)
	}
	r = m.do(request{method: "POST", path: "/api/v1/users", role: "admin", body: `{"email":"ny@example.se","name":"Ny","role":"secretariat"}`})
	if e := decode[errorAnswer](t, r); r.StatusCode != 422 || e.Error.Fields["password"] == "" {
		t.Errorf("neither password nor invite: %d %+v", r.StatusCode, e.Error)
	}
	if _, after := plain.counts(); after != before || len(m.mail.Messages()) != 0 {
		t.Fatalf("refused invitations created %d users, sent %d mails", after-before, len(m.mail.Messages()))
	}
}

// TestLinkPurposesDoNotMix: a reset link is no invitation and an
// invitation no reset link; trying the wrong one leaves it usable.
func TestLinkPurposesDoNotMix(t *testing.T) {
	t.Parallel()
	m := newMailFixture(t)
	m.requestReset("kso@skelleftea.example")
	reset := m.lastLink("kso@skelleftea.example")
	if r := m.do(request{method: "POST", path: "/api/v1/users", role: "admin",
		body: `{"email":"inbjuden@example.se","name":"Ines Inbjuden","role":"secretariat","invite":true}`}); r.StatusCode != 201 {
		t.Fatalf("invite: %d", r.StatusCode)
	}
	invite := m.lastLink("inbjuden@example.se")
	swap := func(link string) string {
		if strings.HasPrefix(link, "/aterstall/") {
			return "/inbjudan/" + strings.TrimPrefix(link, "/aterstall/")
		}
		return "/aterstall/" + strings.TrimPrefix(link, "/inbjudan/")
	}
	for _, link := range []string{reset, invite} {
		if got := m.status(request{method: "GET", path: swap(link)}); got != 404 {
			t.Errorf("GET %s as the other purpose: %d, want 404", link, got)
		}
		if got := m.setPassword(swap(link), newPassword).StatusCode; got != 404 {
			t.Errorf("POST %s as the other purpose: %d, want 404", link, got)
		}
	}
	if n := len(linkDocs(t, m.db)); n != 2 {
		t.Fatalf("wrong-purpose attempts used links up: %d left", n)
	}
	for _, link := range []string{reset, invite} {
		if r := m.setPassword(link, newPassword); r.StatusCode != 303 {
			t.Errorf("%s for its own purpose afterwards: %d", link, r.StatusCode)
		}
	}
}

// TestInvitationFromAdminPages: the admin ticks "send invitation" in the
// new-user form, sees the user as invited, and sends the invitation again
// from the user's page.
func TestInvitationFromAdminPages(t *testing.T) {
	t.Parallel()
	m := newMailFixture(t)
	resp := m.login("admin@example.se", testPassword)
	c := sessionCookie(t, resp)
	token := decode[struct {
		CSRFToken string `json:"csrf_token"`
	}](t, resp).CSRFToken
	post := func(path string, form url.Values) (int, string) {
		form.Set("_csrf", token)
		r := m.do(request{method: "POST", path: path, body: form.Encode(), contentType: "application/x-www-form-urlencoded",
			headers: map[string]string{"Cookie": c.Name + "=" + c.Value, "Accept": "text/html"}})
		r.Body.Close()
		return r.StatusCode, r.Header.Get("Location")
	}
	get := func(path string) string {
		return mustDoc(t, m.do(request{method: "GET", path: path, headers: map[string]string{"Cookie": c.Name + "=" + c.Value}})).Find("main").Text()
	}
	form := mustDoc(t, m.do(request{method: "GET", path: "/admin/anvandare/ny", headers: map[string]string{"Cookie": c.Name + "=" + c.Value}}))
	if form.Find(`input#f-invite[type=checkbox]`).Length() != 1 || form.Find(`label[for=f-invite]`).Length() != 1 {
		t.Fatal("no labelled invite checkbox in the new-user form")
	}
	status, loc := post("/admin/anvandare/ny", url.Values{"email": {"olle@example.se"}, "name": {"Olle Ohlsson"}, "role": {"secretariat"}, "invite": {"true"}})
	if status != 303 || loc != "/admin/anvandare" {
		t.Fatalf("create with invite: %d → %s", status, loc)
	}
	first := m.lastLink("olle@example.se")
	u, err := m.users.UserByEmail(t.Context(), "olle@example.se")
	if err != nil || u.HasPassword() {
		t.Fatalf("invited user %+v %v", u, err)
	}
	if !strings.Contains(get("/admin/anvandare"), "Inbjuden") || !strings.Contains(get("/admin/anvandare/"+u.ID), "Skicka inbjudan igen") {
		t.Error("the admin pages do not show the user as invited")
	}
	if status, loc := post("/admin/anvandare/"+u.ID+"/inbjudan", url.Values{}); status != 303 || loc != "/admin/anvandare/"+u.ID {
		t.Fatalf("send again: %d → %s", status, loc)
	}
	if again := m.lastLink("olle@example.se"); again == first || len(m.mail.Messages()) != 2 {
		t.Fatal("sending again sent no new link")
	}
	if status, _ := post("/admin/anvandare/"+m.byRole["memberA"].ID+"/inbjudan", url.Values{}); status != 422 {
		t.Errorf("inviting a user with a password: %d, want 422", status)
	}
}

// TestOpenAPIInvitationMatchesDocument: the answers of the invitation API,
// errors included, have the documented status and shape.
func TestOpenAPIInvitationMatchesDocument(t *testing.T) {
	t.Parallel()
	m := newMailFixture(t)
	v := openAPIValidator(t)
	b := openAPICall(t, m.fixture, v, 201, "admin", "POST", "/api/v1/users", `{"email":"api.inbjuden@example.se","name":"Api Inbjuden","role":"secretariat","invite":true}`)
	if !strings.Contains(string(b), `"invitation_sent":true`) {
		t.Errorf("create with invite: %s", b)
	}
	u, err := m.users.UserByEmail(t.Context(), "api.inbjuden@example.se")
	if err != nil {
		t.Fatal(err)
	}
	openAPICall(t, m.fixture, v, 204, "admin", "POST", "/api/v1/users/"+u.ID+"/invitation", "")
	openAPICall(t, m.fixture, v, 422, "admin", "POST", "/api/v1/users/"+m.byRole["memberA"].ID+"/invitation", "")
	openAPICall(t, m.fixture, v, 404, "admin", "POST", "/api/v1/users/000000000000000000000000/invitation", "")
	openAPICall(t, m.fixture, v, 403, "secretariat", "POST", "/api/v1/users/"+u.ID+"/invitation", "")
	openAPICall(t, m.fixture, v, 422, "admin", "POST", "/api/v1/users", `{"email":"x@example.se","name":"X","role":"secretariat","invite":true,"password":"`+newPassword+`"}`)
}

// TestAdminPasswordEndsLinks: when an admin sets a user's password, the
// user's outstanding invitation and reset links stop working.
func TestAdminPasswordEndsLinks(t *testing.T) {
	t.Parallel()
	m := newMailFixture(t)
	r := m.do(request{method: "POST", path: "/api/v1/users", role: "admin", body: `{"email":"lina@example.se","name":"Lina Länk","role":"secretariat","invite":true}`})
	id := decode[struct {
		ID string `json:"id"`
	}](t, r).ID
	invite := m.lastLink("lina@example.se")
	if got := m.status(request{method: "PATCH", path: "/api/v1/users/" + id, role: "admin", body: `{"password":"` + newPassword + `"}`}); got != 200 {
		t.Fatalf("set password: %d", got)
	}
	if got := m.status(request{method: "GET", path: invite}); got != 404 {
		t.Fatalf("invitation after the admin set a password: %d, want 404", got)
	}
	if r := m.login("lina@example.se", newPassword); r.StatusCode != 200 {
		t.Fatalf("login with the admin's password: %d", r.StatusCode)
	}
}
