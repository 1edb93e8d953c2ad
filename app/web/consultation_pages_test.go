package web_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// featureKey matches a message key of these features left on a page.
var featureKey = regexp.MustCompile(`\b(consultations|issues|meetings|watch|audit)\.[a-z_.]+\b`)

// TestConsultationPagesRender renders every new page in both languages for
// a role that may see it.
func TestConsultationPagesRender(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	s := mustSeed(f)
	c, i := "/internt/remisser/"+s.consultation.ID, "/internt/fragor/"+s.internal.ID
	pages := []struct{ path, role string }{
		{"/internt/remisser", "memberA"}, {"/internt/remisser?status=missed&issuer=klimat", "memberA"},
		{"/internt/remisser/ny", "secretariat"}, {c, "secretariat"}, {c, "memberB"}, {c + "/redigera", "admin"},
		{"/internt/moten", "memberA"}, {"/internt/moten", "admin"}, {"/internt/bevakning", "secretariat"},
		{"/internt/fragor", "memberB"}, {"/internt/fragor/ny", "admin"}, {i, "memberA"}, {i, "admin"}, {i + "/redigera", "admin"},
	}
	for _, p := range pages {
		for _, lang := range []string{"sv", "en"} {
			sep := "?"
			if strings.Contains(p.path, "?") {
				sep = "&"
			}
			resp := f.do(request{method: "GET", path: p.path + sep + "lang=" + lang, role: p.role, headers: map[string]string{"Accept": "text/html"}})
			if resp.StatusCode != 200 {
				t.Errorf("%s (%s): %d", p.path, lang, resp.StatusCode)
			}
			doc := mustDoc(t, resp)
			if doc.Find("h1").Length() != 1 || doc.Find("main#innehall").Length() != 1 {
				t.Errorf("%s (%s): want one h1 in main#innehall", p.path, lang)
			}
			if k := featureKey.FindString(doc.Find("body").Text()); k != "" {
				t.Errorf("%s (%s): untranslated key %q", p.path, lang, k)
			}
		}
	}
	watch := mustDoc(t, f.do(request{method: "GET", path: "/internt/bevakning", role: "admin"}))
	if watch.Find(`svg[role=img] title#tl-title`).Length() != 1 || watch.Find(`svg desc#tl-desc`).Length() != 1 ||
		watch.Find("svg circle, svg rect").Length() != 3 || watch.Find("table tbody tr").Length() < 3 {
		t.Error("deadline watch: want an accessible SVG with three marks and a table fallback")
	}
	detail := mustDoc(t, f.do(request{method: "GET", path: c, role: "memberA"}))
	if !strings.Contains(detail.Find(".warning").Text(), "1") || detail.Find("tr.row-warning").Length() != 1 {
		t.Error("consultation page: want a warning for the member with no meeting in time")
	}
}

// TestConsultationFormFlow registers a consultation through the HTML form:
// a bad one is shown again (422) with the field marked and nothing stored.
func TestConsultationFormFlow(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	mustSeed(f)
	cookies, csrf := f.remissSession(t, "kansli@example.se")
	post := func(form url.Values) (int, string, string) {
		form.Set("_csrf", csrf)
		resp := f.do(request{method: "POST", path: "/internt/remisser/ny", body: form.Encode(), contentType: "application/x-www-form-urlencoded",
			headers: map[string]string{"Cookie": cookies, "Accept": "text/html"}})
		doc := mustDoc(t, resp)
		v, _ := doc.Find("#f-title").Attr("value")
		return resp.StatusCode, v + "|" + doc.Find("#f-deadline[aria-invalid=true]").AttrOr("id", ""), resp.Header.Get("Location")
	}
	status, marks, _ := post(url.Values{"title": {"Yrkesvux"}, "issuer": {"U"}, "received_on": {"2026-03-02"}, "deadline": {"2026-03-01"}})
	if status != 422 || marks != "Yrkesvux|f-deadline" {
		t.Fatalf("bad form: %d %q", status, marks)
	}
	status, _, loc := post(url.Values{"title": {"Yrkesvux"}, "issuer": {"U"}, "deadline": {"2030-05-29"}, "documents": {"Missiv | https://regeringen.se/m.pdf"}})
	if status != 303 || !strings.HasPrefix(loc, "/internt/remisser/") {
		t.Fatalf("good form: %d %q", status, loc)
	}
}

// remissSession logs email in by the API and returns its session cookie
// header and CSRF token.
func (f *fixture) remissSession(t *testing.T, email string) (cookie, csrf string) {
	t.Helper()
	resp := f.login(email, testPassword)
	c := sessionCookie(t, resp)
	body := decode[struct {
		CSRFToken string `json:"csrf_token"`
	}](t, resp)
	return c.Name + "=" + c.Value, body.CSRFToken
}
