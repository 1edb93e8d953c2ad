package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/samsyn/samsyn/templates"
)

// untranslated matches a message key that leaked into a page.
var untranslated = regexp.MustCompile(`\b(layout|nav|home|login|dashboard|members|users|status|role|common|field|hint|form|error|audit|kind)\.[a-z_]+\b`)

func mustDoc(t testing.TB, resp *http.Response) *goquery.Document {
	t.Helper()
	defer resp.Body.Close()
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestEveryPageRenders renders each page in Swedish and English for the
// role that may see it and checks the basics of a good page.
func TestEveryPageRenders(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	pages := []struct{ path, role string }{
		{"/", ""}, {"/logga-in", ""}, {"/oversikt", "memberA"}, {"/admin/medlemmar", "admin"},
		{"/admin/medlemmar/ny", "admin"}, {"/admin/medlemmar/" + f.memberA.ID, "admin"},
		{"/admin/anvandare", "admin"}, {"/admin/anvandare/ny", "admin"},
		{"/admin/anvandare/" + f.byRole["signerA"].ID, "admin"}, {"/internt/installningar", "memberA"}, {"/finns-inte", ""},
	}
	for _, p := range pages {
		for _, lang := range []string{"sv", "en"} {
			resp := f.do(request{method: "GET", path: p.path + "?lang=" + lang, role: p.role, headers: map[string]string{"Accept": "text/html"}})
			want := 200
			if p.path == "/finns-inte" {
				want = 404
			}
			if resp.StatusCode != want {
				t.Errorf("%s (%s): status %d, want %d", p.path, lang, resp.StatusCode, want)
			}
			doc := mustDoc(t, resp)
			if got, _ := doc.Find("html").Attr("lang"); got != lang {
				t.Errorf("%s: lang=%q, want %q", p.path, got, lang)
			}
			if doc.Find("h1").Length() != 1 || strings.TrimSpace(doc.Find("title").Text()) == "" || doc.Find("main#innehall").Length() != 1 {
				t.Errorf("%s (%s): want one h1, a title and main#innehall", p.path, lang)
			}
			if k := untranslated.FindString(doc.Find("body").Text()); k != "" {
				t.Errorf("%s (%s): untranslated key %q on the page", p.path, lang, k)
			}
			doc.Find("link[rel=stylesheet]").Each(func(_ int, s *goquery.Selection) {
				href, _ := s.Attr("href")
				if r := f.do(request{method: "GET", path: href}); r.StatusCode != 200 || !strings.Contains(r.Header.Get("Cache-Control"), "immutable") {
					t.Errorf("%s: stylesheet %s: %d %q", p.path, href, r.StatusCode, r.Header.Get("Cache-Control"))
				}
			})
		}
	}
}

// TestTemplatesUseOnlyKnownMessages finds every {{.T "key"}} in the
// templates and checks both catalogues have it.
func TestTemplatesUseOnlyKnownMessages(t *testing.T) {
	t.Parallel()
	msgs, err := templates.Messages()
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`\.T "([a-z_.]+)"`)
	for _, dir := range []string{"layouts", "pages"} {
		entries, _ := templates.Views.ReadDir(dir)
		for _, e := range entries {
			b, _ := templates.Views.ReadFile(dir + "/" + e.Name())
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				for _, lang := range templates.Languages {
					if _, ok := msgs[lang][m[1]]; !ok {
						t.Errorf("%s/%s uses %q, missing in %s", dir, e.Name(), m[1], lang)
					}
				}
			}
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	resp := f.do(request{method: "GET", path: "/"})
	for h, want := range map[string]string{
		"Content-Security-Policy": "frame-ancestors 'none'", "X-Content-Type-Options": "nosniff",
		"Referrer-Policy": "strict-origin-when-cross-origin", "X-Frame-Options": "DENY",
	} {
		if got := resp.Header.Get(h); !strings.Contains(got, want) {
			t.Errorf("%s = %q, want it to contain %q", h, got, want)
		}
	}
	if csp := resp.Header.Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP allows inline code: %s", csp)
	}
	if resp.Header.Get("X-Request-Id") == "" {
		t.Error("no request id")
	}
}

// TestFormFlow logs in through the HTML form and creates a member, with a
// failed attempt re-rendered as 422 with the field marked.
func TestFormFlow(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	resp := f.do(request{method: "GET", path: "/logga-in"})
	var csrf *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "samsyn_csrf" {
			csrf = c
		}
	}
	doc := mustDoc(t, resp)
	token, _ := doc.Find(`input[name=_csrf]`).Attr("value")
	if csrf == nil || token != csrf.Value {
		t.Fatalf("login page CSRF: cookie %v, field %q", csrf, token)
	}
	post := func(path string, form url.Values, cookies string) *http.Response {
		return f.do(request{method: "POST", path: path, body: form.Encode(), contentType: "application/x-www-form-urlencoded",
			headers: map[string]string{"Cookie": cookies, "Accept": "text/html"}})
	}
	bad := post("/logga-in", url.Values{"_csrf": {token}, "email": {"admin@example.se"}, "password": {"fel lösenord!!"}}, "samsyn_csrf="+token)
	if bad.StatusCode != 401 || mustDoc(t, bad).Find(".error-summary").Length() != 1 {
		t.Fatalf("wrong password via form: %d", bad.StatusCode)
	}
	ok := post("/logga-in", url.Values{"_csrf": {token}, "email": {"admin@example.se"}, "password": {testPassword}, "next": {"//evil.example"}}, "samsyn_csrf="+token)
	if ok.StatusCode != 303 || ok.Header.Get("Location") != "/oversikt" {
		t.Fatalf("login via form: %d → %q", ok.StatusCode, ok.Header.Get("Location"))
	}
	session := sessionCookie(t, ok)
	cookies := session.Name + "=" + session.Value
	page := mustDoc(t, f.do(request{method: "GET", path: "/admin/medlemmar/ny", headers: map[string]string{"Cookie": cookies}}))
	stoken, _ := page.Find(`input[name=_csrf]`).Attr("value")
	invalid := post("/admin/medlemmar/ny", url.Values{"_csrf": {stoken}, "name": {"Kiruna"}, "municipality_code": {"25"}}, cookies)
	idoc := mustDoc(t, invalid)
	if invalid.StatusCode != 422 || idoc.Find(`#f-municipality_code[aria-invalid=true]`).Length() != 1 {
		t.Fatalf("invalid member form: %d", invalid.StatusCode)
	}
	if v, _ := idoc.Find("#f-name").Attr("value"); v != "Kiruna" {
		t.Errorf("re-rendered form lost the name: %q", v)
	}
	created := post("/admin/medlemmar/ny", url.Values{"_csrf": {stoken}, "name": {"Kiruna"}, "municipality_code": {"2584"}}, cookies)
	if created.StatusCode != 303 {
		t.Fatalf("create member via form: %d", created.StatusCode)
	}
	if m, err := f.members.MemberBySlug(t.Context(), "kiruna"); err != nil || m.County != "Norrbottens län" {
		t.Fatalf("created member: %+v %v", m, err)
	}
}
