package web_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app/web"
)

// login posts the JSON login and returns the response.
func (f *fixture) login(email, password string) *http.Response {
	f.t.Helper()
	return f.do(request{method: "POST", path: "/api/v1/auth/login",
		body: `{"email":"` + email + `","password":"` + password + `"}`})
}

func sessionCookie(t testing.TB, resp *http.Response) *http.Cookie {
	t.Helper()
	for _, c := range resp.Cookies() {
		if strings.HasSuffix(c.Name, "samsyn_session") && c.Value != "" {
			return c
		}
	}
	t.Fatalf("no session cookie in %v", resp.Header["Set-Cookie"])
	return nil
}

func TestLoginWrongPasswordAndUnknownEmailLookAlike(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	wrong := f.login("admin@example.se", "fel lösenord helt klart")
	unknown := f.login("ingen@example.se", "fel lösenord helt klart")
	wb, _ := io.ReadAll(wrong.Body)
	ub, _ := io.ReadAll(unknown.Body)
	if wrong.StatusCode != 401 || unknown.StatusCode != 401 || string(wb) != string(ub) {
		t.Fatalf("wrong password %d %s vs unknown e-mail %d %s", wrong.StatusCode, wb, unknown.StatusCode, ub)
	}
	if len(wrong.Cookies()) != 0 {
		for _, c := range wrong.Cookies() {
			if strings.Contains(c.Name, "session") {
				t.Fatal("a failed login set a session cookie")
			}
		}
	}
}

func TestSessionCookieFlags(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	resp := f.login("ADMIN@example.se", testPassword)
	if resp.StatusCode != 200 {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	c := sessionCookie(t, resp)
	if c.Name != "samsyn_session" || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure || c.Path != "/" {
		t.Fatalf("localhost cookie %+v: want samsyn_session, HttpOnly, SameSite=Lax, not Secure", c)
	}
	https := newFixtureWith(t, web.Config{BaseURL: "https://samsyn.example.se"})
	c = sessionCookie(t, https.login("admin@example.se", testPassword))
	if c.Name != "__Host-samsyn_session" || !c.Secure || !c.HttpOnly || c.Domain != "" || c.Path != "/" {
		t.Fatalf("https cookie %+v: want __Host- prefix, Secure, HttpOnly, no Domain, Path=/", c)
	}
	resp = https.do(request{method: "GET", path: "/"})
	if h := resp.Header.Get("Strict-Transport-Security"); h == "" && resp.Request != nil && resp.Request.TLS != nil {
		t.Errorf("no HSTS over HTTPS")
	}
}

// TestCSRF: a cookie-authenticated change without the session's token is
// refused and changes nothing; with it, it goes through.
func TestCSRF(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	resp := f.login("admin@example.se", testPassword)
	c := sessionCookie(t, resp)
	token := decode[struct {
		CSRFToken string `json:"csrf_token"`
	}](t, resp).CSRFToken
	patch := func(csrf string) int {
		hdr := map[string]string{"Cookie": c.Name + "=" + c.Value}
		if csrf != "" {
			hdr["X-CSRF-Token"] = csrf
		}
		r := f.do(request{method: "PATCH", path: "/api/v1/members/" + f.memberA.ID, body: `{"county":"Norrbottens län"}`, headers: hdr})
		r.Body.Close()
		return r.StatusCode
	}
	if got := patch(""); got != 403 {
		t.Errorf("no token: %d, want 403", got)
	}
	if got := patch(strings.Repeat("0", 64)); got != 403 {
		t.Errorf("wrong token: %d, want 403", got)
	}
	if m, _ := f.members.MemberByID(t.Context(), f.memberA.ID); m.County != "Västerbottens län" {
		t.Fatalf("refused request changed county to %q", m.County)
	}
	if got := patch(token); got != 200 {
		t.Errorf("right token: %d, want 200", got)
	}
	// The HTML login form needs the anonymous CSRF cookie's token.
	form := url.Values{"email": {"admin@example.se"}, "password": {testPassword}}
	r := f.do(request{method: "POST", path: "/logga-in", body: form.Encode(), contentType: "application/x-www-form-urlencoded"})
	if r.StatusCode != 403 {
		t.Errorf("login form without CSRF: %d, want 403", r.StatusCode)
	}
}

// TestSessionLifecycle: a new session id at login, logout invalidates it.
func TestSessionLifecycle(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	first := sessionCookie(t, f.login("kansli@example.se", testPassword))
	second := sessionCookie(t, f.login("kansli@example.se", testPassword))
	if first.Value == second.Value {
		t.Fatal("two logins got the same session id")
	}
	me := func(c *http.Cookie) int {
		r := f.do(request{method: "GET", path: "/api/v1/me", headers: map[string]string{"Cookie": c.Name + "=" + c.Value}})
		r.Body.Close()
		return r.StatusCode
	}
	if me(second) != 200 {
		t.Fatal("session does not authenticate")
	}
	r := f.do(request{method: "POST", path: "/api/v1/auth/logout", headers: map[string]string{"Cookie": second.Name + "=" + second.Value}})
	if r.StatusCode != 403 {
		t.Fatalf("logout without CSRF token: %d, want 403", r.StatusCode)
	}
	ses, _ := f.accounts.Sessions.SessionByID(t.Context(), hashOf(second.Value))
	r = f.do(request{method: "POST", path: "/api/v1/auth/logout", headers: map[string]string{
		"Cookie": second.Name + "=" + second.Value, "X-CSRF-Token": ses.CSRFToken}})
	if r.StatusCode != 204 {
		t.Fatalf("logout: %d", r.StatusCode)
	}
	if got := me(second); got != 401 {
		t.Fatalf("after logout: %d, want 401", got)
	}
}

// TestDeactivationEndsAccess: a deactivated user's sessions and tokens stop
// working at once.
func TestDeactivationEndsAccess(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := sessionCookie(t, f.login("nlc@oxelosund.example", testPassword))
	r := f.do(request{method: "PATCH", path: "/api/v1/users/" + f.byRole["memberB"].ID, body: `{"active":false}`, role: "admin"})
	if r.StatusCode != 200 {
		t.Fatalf("deactivate: %d", r.StatusCode)
	}
	if r := f.do(request{method: "GET", path: "/api/v1/me", role: "memberB"}); r.StatusCode != 401 {
		t.Errorf("token after deactivation: %d, want 401", r.StatusCode)
	}
	if r := f.do(request{method: "GET", path: "/api/v1/me", headers: map[string]string{"Cookie": c.Name + "=" + c.Value}}); r.StatusCode != 401 {
		t.Errorf("session after deactivation: %d, want 401", r.StatusCode)
	}
	if r := f.login("nlc@oxelosund.example", testPassword); r.StatusCode != 401 {
		t.Errorf("login after deactivation: %d, want 401", r.StatusCode)
	}
	self := f.do(request{method: "PATCH", path: "/api/v1/users/" + f.byRole["admin"].ID, body: `{"active":false}`, role: "admin"})
	if self.StatusCode != 422 {
		t.Errorf("admin deactivating itself: %d, want 422", self.StatusCode)
	}
}

// TestLoginThrottled: after LoginLimit failures for one account, even the
// right password gets a clear 429 until the window passes.
func TestLoginThrottled(t *testing.T) {
	t.Parallel()
	f := newFixtureWith(t, web.Config{BaseURL: "http://localhost:8080", LoginLimit: 3, LoginWindow: time.Minute})
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f.login("kso@skelleftea.example", "fel fel fel fel fel").Body.Close()
		}()
	}
	wg.Wait()
	r := f.login("kso@skelleftea.example", testPassword)
	if r.StatusCode != 429 {
		t.Fatalf("after 3 failures: %d, want 429", r.StatusCode)
	}
	if e := decode[errorAnswer](t, r); e.Error.Code != "rate_limited" || e.Error.Message == "" {
		t.Fatalf("429 body: %+v", e.Error)
	}
	if r := f.login("admin@example.se", testPassword); r.StatusCode != 200 {
		t.Fatalf("another account is not throttled: %d", r.StatusCode)
	}
}
