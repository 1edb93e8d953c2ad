package web_test

import (
	"bytes"
	"io"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/web"
)

// TestResetAnswersAlikeWhetherOrNotTheAccountExists: a known, an unknown
// and a deactivated address get the same answer; only the known, active
// one gets a mail.
func TestResetAnswersAlikeWhetherOrNotTheAccountExists(t *testing.T) {
	t.Parallel()
	m := newMailFixture(t)
	if r := m.do(request{method: "PATCH", path: "/api/v1/users/" + m.byRole["memberB"].ID, body: `{"active":false}`, role: "admin"}); r.StatusCode != 200 {
		t.Fatalf("deactivate: %d", r.StatusCode)
	}
	answer := func(email string) string {
		resp := m.requestReset(email)
		body, _ := io.ReadAll(resp.Body)
		var flash string
		for _, c := range resp.Cookies() {
			if c.Name == "samsyn_flash" {
				flash = c.Value
			}
		}
		return resp.Status + " → " + resp.Header.Get("Location") + " flash=" + flash + " body=" + string(body)
	}
	known := answer("kso@skelleftea.example")
	for _, other := range []string{"ingen@skelleftea.example", "nlc@oxelosund.example"} {
		if got := answer(other); got != known {
			t.Errorf("answer for %s:\n  %s\nfor a known address:\n  %s", other, got, known)
		}
	}
	if !strings.HasPrefix(known, "303 See Other → /logga-in flash=accounts.forgot.sent") {
		t.Errorf("answer %s", known)
	}
	msgs := m.mail.Messages()
	if len(msgs) != 1 || msgs[0].To[0] != "kso@skelleftea.example" || !strings.Contains(msgs[0].Body, "Hej Sören Signer!") {
		t.Fatalf("want one mail to the known address, got %+v", msgs)
	}
	if n := len(linkDocs(t, m.db)); n != 1 {
		t.Fatalf("%d links stored, want 1", n)
	}
	login := mustDoc(t, m.do(request{method: "GET", path: "/logga-in", headers: map[string]string{"Cookie": "samsyn_flash=accounts.forgot.sent"}}))
	if !strings.Contains(login.Find(".flash").Text(), "30 minuter") || login.Find(`a[href="/glomt-losenord"]`).Length() != 1 {
		t.Errorf("login page after the request: flash %q, forgot link %d", login.Find(".flash").Text(), login.Find(`a[href="/glomt-losenord"]`).Length())
	}
}

// TestResetLinkWorksOnce: the link sets the password once; a second use
// fails with the invalid-link page and changes nothing.
func TestResetLinkWorksOnce(t *testing.T) {
	t.Parallel()
	m := newMailFixture(t)
	m.requestReset("KSO@skelleftea.example ")
	link := m.lastLink("kso@skelleftea.example")
	page := m.do(request{method: "GET", path: link})
	if page.StatusCode != 200 || page.Header.Get("Cache-Control") != "no-store" || page.Header.Get("Referrer-Policy") != "no-referrer" {
		t.Fatalf("link page: %d, Cache-Control %q, Referrer-Policy %q", page.StatusCode, page.Header.Get("Cache-Control"), page.Header.Get("Referrer-Policy"))
	}
	doc := mustDoc(t, page)
	if a, _ := doc.Find("#f-password").Attr("autocomplete"); a != "new-password" || doc.Find(`label[for=f-password]`).Length() != 1 ||
		doc.Find(`label[for=f-password_confirm]`).Length() != 1 {
		t.Errorf("password field: autocomplete %q, labels missing?", a)
	}
	if action, _ := doc.Find("form").Attr("action"); action != link {
		t.Errorf("form posts to %q, want %q", action, link)
	}
	if r := m.setPassword(link, newPassword); r.StatusCode != 303 || r.Header.Get("Location") != "/logga-in" {
		t.Fatalf("first use: %d → %q", r.StatusCode, r.Header.Get("Location"))
	}
	if r := m.login("kso@skelleftea.example", newPassword); r.StatusCode != 200 {
		t.Fatalf("login with the new password: %d", r.StatusCode)
	}
	if r := m.login("kso@skelleftea.example", testPassword); r.StatusCode != 401 {
		t.Fatalf("login with the old password: %d", r.StatusCode)
	}
	again := m.setPassword(link, "tredje lösenordet helt annat")
	if again.StatusCode != 404 || !strings.Contains(mustDoc(t, again).Find("main").Text(), "redan använts") {
		t.Fatalf("second use: %d", again.StatusCode)
	}
	if r := m.login("kso@skelleftea.example", "tredje lösenordet helt annat"); r.StatusCode != 401 {
		t.Fatalf("the second use changed the password: login %d", r.StatusCode)
	}
	if got := m.status(request{method: "GET", path: link}); got != 404 {
		t.Fatalf("used link page: %d", got)
	}
	if got := userAudit(t, m.fixture, m.byRole["signerA"].ID); got != "user.password_reset by "+m.byRole["signerA"].ID {
		t.Fatalf("audit: %s", got)
	}
}

// TestResetStoresOnlyTheHash: the stored link is the SHA-256 of the
// secret; the secret itself is nowhere in the store.
func TestResetStoresOnlyTheHash(t *testing.T) {
	t.Parallel()
	m := newMailFixture(t)
	m.requestReset("kansli@example.se")
	secret := strings.TrimPrefix(m.lastLink("kansli@example.se"), "/aterstall/")
	docs := linkDocs(t, m.db)
	if len(docs) != 1 {
		t.Fatalf("%d links stored", len(docs))
	}
	d := docs[0]
	if id := d.Lookup("_id").StringValue(); id != app.HashSecret(secret) || id == secret {
		t.Errorf("_id %q, want the SHA-256 of the secret", id)
	}
	if bytes.Contains(d, []byte(secret)) {
		t.Errorf("the secret is stored: %s", d)
	}
	created, expires := d.Lookup("created_at").Time(), d.Lookup("expires_at").Time()
	if d.Lookup("purpose").StringValue() != "reset" || expires.Sub(created) != 30*time.Minute ||
		d.Lookup("user_id").StringValue() != m.byRole["secretariat"].ID {
		t.Errorf("stored link %s", d)
	}
	m.requestReset("kansli@example.se") // a new request replaces the old link
	if docs := linkDocs(t, m.db); len(docs) != 1 || docs[0].Lookup("_id").StringValue() == app.HashSecret(secret) {
		t.Errorf("after a second request: %d links, old one kept?", len(docs))
	}
	if got := m.status(request{method: "GET", path: "/aterstall/" + secret}); got != 404 {
		t.Errorf("the older link after a new request: %d, want 404", got)
	}
}

// TestResetLinkExpires: the link works for 30 minutes; after that it fails
// like an unknown one and changes nothing.
func TestResetLinkExpires(t *testing.T) {
	t.Parallel()
	m := newMailFixture(t)
	m.requestReset("admin@example.se")
	link := m.lastLink("admin@example.se")
	before, _ := m.users.UserByID(t.Context(), m.byRole["admin"].ID)
	m.clock.advance(29 * time.Minute)
	if got := m.status(request{method: "GET", path: link}); got != 200 {
		t.Fatalf("after 29 minutes: %d, want 200", got)
	}
	m.clock.advance(2 * time.Minute)
	if got := m.status(request{method: "GET", path: link}); got != 404 {
		t.Fatalf("after 31 minutes: %d, want 404", got)
	}
	r := m.setPassword(link, newPassword)
	unknown := m.setPassword("/aterstall/"+strings.Repeat("ab", 32), newPassword)
	rb, ub := mustDoc(t, r).Find("main").Text(), mustDoc(t, unknown).Find("main").Text()
	if r.StatusCode != 404 || unknown.StatusCode != 404 || rb != ub {
		t.Fatalf("expired %d %q vs unknown %d %q: want the same 404 page", r.StatusCode, rb, unknown.StatusCode, ub)
	}
	after, _ := m.users.UserByID(t.Context(), m.byRole["admin"].ID)
	if after.PasswordHash != before.PasswordHash || after.Version != before.Version {
		t.Fatal("an expired link changed the user")
	}
	if r := m.login("admin@example.se", testPassword); r.StatusCode != 200 {
		t.Fatalf("old password after the expired attempt: %d", r.StatusCode)
	}
}

// TestResetEndsSessions: a reset ends the user's sessions and API tokens.
func TestResetEndsSessions(t *testing.T) {
	t.Parallel()
	m := newMailFixture(t)
	c := sessionCookie(t, m.login("nlc@skelleftea.example", testPassword))
	me := func(r request) int { r.method, r.path = "GET", "/api/v1/me"; return m.status(r) }
	cookie := map[string]string{"Cookie": c.Name + "=" + c.Value}
	if me(request{headers: cookie}) != 200 || me(request{role: "memberA"}) != 200 {
		t.Fatal("session or token does not work before the reset")
	}
	m.requestReset("nlc@skelleftea.example")
	if r := m.setPassword(m.lastLink("nlc@skelleftea.example"), newPassword); r.StatusCode != 303 {
		t.Fatalf("reset: %d", r.StatusCode)
	}
	if got := me(request{headers: cookie}); got != 401 {
		t.Errorf("session after reset: %d, want 401", got)
	}
	if got := me(request{role: "memberA"}); got != 401 {
		t.Errorf("API token after reset: %d, want 401", got)
	}
}

// TestResetRejectsWeakPasswordAndKeepsLink: a weak or mistyped password is
// 422 with the field marked; the link still works afterwards.
func TestResetRejectsWeakPasswordAndKeepsLink(t *testing.T) {
	t.Parallel()
	m := newMailFixture(t)
	m.requestReset("kso@skelleftea.example")
	link := m.lastLink("kso@skelleftea.example")
	for _, tc := range []struct {
		name string
		form url.Values
	}{
		{"common", url.Values{"password": {"lösenord1234"}, "password_confirm": {"lösenord1234"}}},
		{"short", url.Values{"password": {"kort"}, "password_confirm": {"kort"}}},
		{"own e-mail", url.Values{"password": {"kso@skelleftea.example"}, "password_confirm": {"kso@skelleftea.example"}}},
		{"mismatch", url.Values{"password": {newPassword}, "password_confirm": {newPassword + "x"}}},
		{"empty", url.Values{}},
	} {
		name := tc.name
		r := m.postForm(link, tc.form)
		doc := mustDoc(t, r)
		if r.StatusCode != 422 || doc.Find(".error-summary").Length() != 1 || doc.Find(`input[aria-invalid=true]`).Length() == 0 {
			t.Errorf("%s password: %d, want 422 with the error summary and the field marked", name, r.StatusCode)
		}
		if v, _ := doc.Find("#f-password").Attr("value"); v != "" {
			t.Errorf("%s: the password was echoed back", name)
		}
	}
	if n := len(linkDocs(t, m.db)); n != 1 {
		t.Fatalf("rejected passwords used the link up: %d links left", n)
	}
	if r := m.login("kso@skelleftea.example", testPassword); r.StatusCode != 200 {
		t.Fatalf("rejected passwords changed the password: %d", r.StatusCode)
	}
	if r := m.setPassword(link, newPassword); r.StatusCode != 303 {
		t.Fatalf("good password after rejected ones: %d", r.StatusCode)
	}
}

// TestResetFormsNeedCSRF: the anonymous forms need the CSRF cookie's token
// like the login form; a refused post sends and changes nothing.
func TestResetFormsNeedCSRF(t *testing.T) {
	t.Parallel()
	m := newMailFixture(t)
	post := func(path string, form url.Values) int {
		return m.status(request{method: "POST", path: path, body: form.Encode(), contentType: "application/x-www-form-urlencoded"})
	}
	if got := post("/glomt-losenord", url.Values{"email": {"admin@example.se"}}); got != 403 {
		t.Errorf("reset request without CSRF: %d, want 403", got)
	}
	m.srv.WaitBackgroundForTest()
	if n := len(m.mail.Messages()); n != 0 {
		t.Fatalf("a refused request sent %d mails", n)
	}
	m.requestReset("admin@example.se")
	link := m.lastLink("admin@example.se")
	if got := post(link, url.Values{"password": {newPassword}, "password_confirm": {newPassword}}); got != 403 {
		t.Errorf("new password without CSRF: %d, want 403", got)
	}
	if r := m.setPassword(link, newPassword); r.StatusCode != 303 {
		t.Fatalf("the link after a refused post: %d", r.StatusCode)
	}
}

// TestResetRequestsThrottled: reset requests for one address are limited
// like logins; a form with errors does not count, another address is not
// throttled.
func TestResetRequestsThrottled(t *testing.T) {
	t.Parallel()
	m := withMail(newFixtureWith(t, web.Config{BaseURL: "http://localhost:8080", LoginLimit: 2, LoginWindow: time.Minute}))
	if r := m.requestReset("inte en adress"); r.StatusCode != 422 {
		t.Fatalf("malformed address: %d, want 422", r.StatusCode)
	}
	for i := range 2 {
		if r := m.requestReset("admin@example.se"); r.StatusCode != 303 {
			t.Fatalf("request %d: %d", i+1, r.StatusCode)
		}
	}
	r := m.requestReset("Admin@example.se")
	if r.StatusCode != 429 || !strings.Contains(mustDoc(t, r).Find("main").Text(), "För många") {
		t.Fatalf("third request: %d, want 429", r.StatusCode)
	}
	if r := m.requestReset("kansli@example.se"); r.StatusCode != 303 {
		t.Fatalf("another address: %d", r.StatusCode)
	}
	if n := len(m.mail.Messages()); n != 3 {
		t.Fatalf("%d mails, want 3", n)
	}
}

// TestAccountPagesRender: the new pages in Swedish and English, with one
// h1, the language set and no message key showing.
func TestAccountPagesRender(t *testing.T) {
	t.Parallel()
	m := newMailFixture(t)
	m.requestReset("admin@example.se")
	for _, path := range []string{"/glomt-losenord", m.lastLink("admin@example.se"), "/aterstall/finns-inte", "/inbjudan/" + strings.Repeat("0", 64)} {
		for _, lang := range []string{"sv", "en"} {
			resp := m.do(request{method: "GET", path: path + "?lang=" + lang, headers: map[string]string{"Accept": "text/html"}})
			doc := mustDoc(t, resp)
			if l, _ := doc.Find("html").Attr("lang"); l != lang || doc.Find("h1").Length() != 1 {
				t.Errorf("%s (%s): lang %q, %d h1", path, lang, l, doc.Find("h1").Length())
			}
			if body := doc.Find("body").Text(); strings.Contains(body, "accounts.") || untranslated.MatchString(body) {
				t.Errorf("%s (%s): a message key shows", path, lang)
			}
			if doc.Find("script").Length() != 0 {
				t.Errorf("%s: has a script", path)
			}
		}
	}
}

// TestResetLinkRaceOneWins: two concurrent uses of one link: one sets its
// password, the other gets the invalid-link page.
func TestResetLinkRaceOneWins(t *testing.T) {
	t.Parallel()
	m := newMailFixture(t)
	m.requestReset("kansli@example.se")
	link := m.lastLink("kansli@example.se")
	passwords := []string{newPassword, "tredje lösenordet helt annat"}
	statuses := make([]int, 2)
	var wg sync.WaitGroup
	for i, pw := range passwords {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := m.setPassword(link, pw)
			r.Body.Close()
			statuses[i] = r.StatusCode
		}()
	}
	wg.Wait()
	slices.Sort(statuses)
	if statuses[0] != 303 || statuses[1] != 404 {
		t.Fatalf("statuses %v, want one 303 and one 404", statuses)
	}
	ok := 0
	for _, pw := range passwords {
		if r := m.login("kansli@example.se", pw); r.StatusCode == 200 {
			ok++
		}
	}
	if ok != 1 {
		t.Fatalf("%d of the two passwords work, want 1", ok)
	}
}

// TestResetWithoutWorkingMailIsLogged: with no mail server, or one that
// refuses, the answer is the same, nothing is sent, and the log says why —
// without the link.
func TestResetWithoutWorkingMailIsLogged(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for name, mailer := range map[string]app.Mailer{"no mail server": nil, "mail server down": mustMailer(t, "smtp://127.0.0.1:1")} {
		var logs lockedBuffer // the request and its background work both log
		srv := newLoggedServer(t, f, &logs)
		srv.SetMailerForTest(mailer)
		csrf := strings.Repeat("c", 64)
		form := url.Values{"email": {"kansli@example.se"}, "_csrf": {csrf}}
		req := httptest.NewRequest("POST", "/glomt-losenord", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Cookie", "samsyn_csrf="+csrf)
		resp, err := srv.App().Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		srv.WaitBackgroundForTest()
		if resp.StatusCode != 303 || resp.Header.Get("Location") != "/logga-in" {
			t.Errorf("%s: %d → %q", name, resp.StatusCode, resp.Header.Get("Location"))
		}
		log := logs.String()
		if !strings.Contains(log, "password reset link") || !strings.Contains(log, f.byRole["secretariat"].ID) {
			t.Errorf("%s: the log does not say the mail was not sent:\n%s", name, log)
		}
		if strings.Contains(log, "/aterstall/") || strings.Contains(log, "kansli@example.se") {
			t.Errorf("%s: the log shows the link or the address:\n%s", name, log)
		}
	}
}

// lockedBuffer is a log sink that goroutines may write to at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
