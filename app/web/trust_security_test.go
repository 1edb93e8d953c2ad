package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/web"
)

// loggedIn reports whether a response started a session.
func loggedIn(resp *http.Response) bool {
	for _, c := range resp.Cookies() {
		if strings.HasSuffix(c.Name, "samsyn_session") && c.Value != "" {
			return true
		}
	}
	return false
}

// TestLoginLockoutHoldsWhateverTheRequestShape (security review finding 1):
// once an account is locked, no mix of a decoy address in the body and the
// real credentials in the query string logs in; credentials and the CSRF
// token are read from the body only, and the form refuses other bodies.
func TestLoginLockoutHoldsWhateverTheRequestShape(t *testing.T) {
	t.Parallel()
	f := newFixtureWith(t, web.Config{BaseURL: "http://localhost:8080", LoginLimit: 3, LoginWindow: time.Minute})
	for range 3 {
		f.login("kso@skelleftea.example", "fel fel fel fel fel").Body.Close()
	}
	if r := f.login("kso@skelleftea.example", testPassword); r.StatusCode != 429 {
		t.Fatalf("locked account: %d, want 429", r.StatusCode)
	}
	csrf := anonCSRFToken(f)
	cookie := map[string]string{"Cookie": "samsyn_csrf=" + csrf, "Accept": "text/html"}
	real := url.Values{"email": {"kso@skelleftea.example"}, "password": {testPassword}}.Encode()
	decoy := url.Values{"email": {"decoy@example.se"}, "_csrf": {csrf}}.Encode()
	for i, r := range []request{
		{method: "POST", path: "/logga-in?" + real, body: `{"email":"decoy@example.se"}`, headers: cookie},
		{method: "POST", path: "/logga-in?" + real, body: decoy, contentType: "application/x-www-form-urlencoded", headers: cookie},
		{method: "POST", path: "/api/v1/auth/login?" + real, body: `{"email":"decoy@example.se","password":"x"}`},
	} {
		resp := f.do(r)
		resp.Body.Close()
		if loggedIn(resp) || resp.StatusCode < 400 {
			t.Errorf("attempt %d on a locked account (%s %s): %d, logged in %v", i+1, r.method, r.path, resp.StatusCode, loggedIn(resp))
		}
	}
	// Credentials or the CSRF token in the query string are not read, even
	// for an account that is not locked.
	admin := url.Values{"email": {"admin@example.se"}, "password": {testPassword}}
	for i, r := range []request{
		{method: "POST", path: "/logga-in?" + admin.Encode(), body: url.Values{"_csrf": {csrf}}.Encode()},
		{method: "POST", path: "/logga-in?_csrf=" + csrf, body: admin.Encode()},
	} {
		r.contentType, r.headers = "application/x-www-form-urlencoded", cookie
		resp := f.do(r)
		resp.Body.Close()
		if loggedIn(resp) || resp.StatusCode < 400 {
			t.Errorf("secret in the query string %d (%s): %d, logged in %v", i+1, r.path, resp.StatusCode, loggedIn(resp))
		}
	}
	admin.Set("_csrf", csrf)
	if r := f.do(request{method: "POST", path: "/logga-in", body: admin.Encode(), contentType: "application/x-www-form-urlencoded", headers: cookie}); r.StatusCode != 303 || !loggedIn(r) {
		t.Fatalf("the form with everything in its body: %d", r.StatusCode)
	}
}

// TestResetRequestLimitHoldsWhateverTheRequestShape (finding 2): a decoy
// address in a JSON body and the victim's in the query string do not get
// past the per-address limit on reset mails.
func TestResetRequestLimitHoldsWhateverTheRequestShape(t *testing.T) {
	t.Parallel()
	m := withMail(newFixtureWith(t, web.Config{BaseURL: "http://localhost:8080", LoginLimit: 2, LoginWindow: time.Minute}))
	hdr := map[string]string{"Cookie": "samsyn_csrf=" + m.csrf, "Accept": "text/html"}
	for i := range 6 {
		decoy := "decoy" + string(rune('a'+i)) + "@example.se"
		for _, r := range []request{
			{method: "POST", path: "/glomt-losenord?email=admin@example.se", body: `{"email":"` + decoy + `"}`, headers: hdr},
			{method: "POST", path: "/glomt-losenord?email=admin@example.se", contentType: "application/x-www-form-urlencoded",
				body: url.Values{"email": {decoy}, "_csrf": {m.csrf}}.Encode(), headers: hdr},
		} {
			m.do(r).Body.Close()
		}
	}
	m.srv.WaitBackgroundForTest()
	n := 0
	for _, msg := range m.mail.Messages() {
		for _, to := range msg.To {
			if to == "admin@example.se" {
				n++
			}
		}
	}
	if n > 2 {
		t.Fatalf("%d reset mails to the victim, want at most the limit of 2", n)
	}
}

// TestAnonymousJSONOnFormRoutesIsRefused (finding 3): a JSON request
// without a session skips no CSRF check on a form route; nothing is stored.
func TestAnonymousJSONOnFormRoutesIsRefused(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	q := url.Values{"message": {"Knappen saknar namn."}, "page": {"/sok"}}.Encode()
	resp := f.do(request{method: "POST", path: "/tillganglighet?" + q, body: `{}`})
	resp.Body.Close()
	if resp.StatusCode < 400 {
		t.Errorf("anonymous JSON to a form route without CSRF: %d, want a refusal", resp.StatusCode)
	}
	if _, total, err := f.services.Feedback.List(t.Context(), app.Page{Number: 1, Size: 10}); err != nil || total != 0 {
		t.Fatalf("feedback stored: %d, %v", total, err)
	}
}

// TestAnonymousFormRoutesRefuseOtherBodies walks every page (not API)
// route that takes a POST: an anonymous JSON request with its fields in
// the query string is refused by the route's guard or by anonymousForm,
// never served.
func TestAnonymousFormRoutesRefuseOtherBodies(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	param := regexp.MustCompile(`:[a-z]+`)
	for _, r := range f.srv.App().GetRoutes(true) {
		if r.Method != "POST" || strings.HasPrefix(r.Path, "/api/") {
			continue
		}
		path := param.ReplaceAllString(r.Path, "000000000000000000000000")
		q := url.Values{"email": {"admin@example.se"}, "password": {testPassword}, "message": {"x"}}.Encode()
		if got := f.status(request{method: "POST", path: path + "?" + q, body: `{"message":"x"}`}); got < 400 {
			t.Errorf("anonymous JSON POST %s: %d, want a refusal", r.Path, got)
		}
	}
}

// TestStrayBasicAuthorizationIsIgnoredOnPublicPages (finding 5): a Basic
// header (a proxy's, a browser's remembered one) does not make public
// pages or the public API answer 401; protected routes still need a login.
func TestStrayBasicAuthorizationIsIgnoredOnPublicPages(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	withSearch(f)
	basic := map[string]string{"Authorization": "Basic dXNlcjpwYXNz"}
	for _, path := range []string{"/", "/remisser", "/api/v1/search?q=el", "/api/v1/openapi.json"} {
		if got := f.status(request{method: "GET", path: path, headers: basic}); got != 200 {
			t.Errorf("GET %s with a Basic header: %d, want 200", path, got)
		}
	}
	if got := f.status(request{method: "GET", path: "/api/v1/me", headers: basic}); got != 401 {
		t.Errorf("GET /api/v1/me with only a Basic header: %d, want 401", got)
	}
}

// TestHeaderLimitIsEightKiB (finding 5): SECURITY.md promises 8 KiB of
// request line and headers; a request within it is served, one over it
// gets 431.
func TestHeaderLimitIsEightKiB(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	base := f.listen()
	get := func(filler int) int {
		req, _ := http.NewRequest("GET", base+"/healthz", nil)
		req.Header.Set("X-Filler", strings.Repeat("a", filler))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := get(6 << 10); got != 200 {
		t.Errorf("6 KiB header: %d, want 200", got)
	}
	if got := get(9 << 10); got != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("9 KiB header: %d, want 431", got)
	}
}

// TestDeclinedDecisionsAgreeOnEveryPublicChannel (finding 5): a decision
// to decline is a public act of a municipality once the text is
// published. The public API, the public page and /deltagande all show it;
// none shows it before publication.
func TestDeclinedDecisionsAgreeOnEveryPublicChannel(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementSigning, "Elnät i norr")
	f.mustCall(201, "signerA", "POST", "/api/v1/statements/"+st.ID+"/signatures", signBody("", st.ContentHash))
	declined := strings.Replace(signBody(f.memberB.ID, st.ContentHash), `"signed"`, `"declined"`, 1)
	f.mustCall(201, "secretariat", "POST", "/api/v1/statements/"+st.ID+"/signatures", declined)
	f.mustCall(200, "secretariat", "POST", "/api/v1/statements/"+st.ID+"/publish", "")

	var pub stmtJSON
	mustUnmarshal(t, f.mustCall(200, "", "GET", "/api/v1/statements/"+st.ID, ""), &pub)
	decisions := map[string]string{}
	for _, g := range pub.Signatures {
		decisions[g.MemberID] = g.Decision
	}
	if decisions[f.memberA.ID] != "signed" || decisions[f.memberB.ID] != "declined" {
		t.Errorf("public API decisions %v, want A signed and B declined", decisions)
	}
	page := mustDoc(t, f.do(request{method: "GET", path: "/stallningstaganden/" + st.Slug}))
	if got := page.Find("#avbojt").Text(); !strings.Contains(got, "Oxelösund") {
		t.Errorf("public page's declined section %q does not name Oxelösund", got)
	}
	part := mustDoc(t, f.do(request{method: "GET", path: "/deltagande"}))
	if !strings.Contains(part.Find("table").Text(), "Oxelösund") {
		t.Error("/deltagande does not show Oxelösund's decision")
	}
}
