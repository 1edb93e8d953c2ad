package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
)

// browserSession logs role in through the API and returns its cookie
// header and CSRF token, as a browser would hold them.
func (f *fixture) browserSession(email string) (cookie, csrf string) {
	f.t.Helper()
	resp := f.do(request{method: "POST", path: "/api/v1/auth/login", body: `{"email":"` + email + `","password":"` + testPassword + `"}`})
	c := sessionCookie(f.t, resp)
	var login struct {
		CSRFToken string `json:"csrf_token"`
	}
	mustUnmarshal(f.t, mustBody(resp), &login)
	return c.Name + "=" + c.Value, login.CSRFToken
}

func (f *fixture) postForm(cookie, path string, form url.Values) (int, string, string) {
	f.t.Helper()
	resp := f.do(request{method: "POST", path: path, body: form.Encode(), contentType: "application/x-www-form-urlencoded",
		headers: map[string]string{"Cookie": cookie, "Accept": "text/html"}})
	return resp.StatusCode, resp.Header.Get("Location"), mustBody(resp)
}

// TestEditorConflictShowsWhatChanged: a stale save through the HTML form
// answers 409, keeps the visitor's text in the editor, shows the other
// save as a diff and offers the current version for the next save.
func TestEditorConflictShowsWhatChanged(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementDraft, "Redigeras av två")
	f.mustCall(200, "memberB", "PATCH", "/api/v1/statements/"+st.ID, `{"version":1,"body":"Första stycket från Börje.\n\nAndra stycket."}`)
	cookie, csrf := f.browserSession("nlc@skelleftea.example")
	form := url.Values{"_csrf": {csrf}, "version": {"1"}, "revision": {"1"}, "title": {st.Title}, "summary": {"Kort."},
		"body": {"Första stycket från Märta."}, "topics": {""}}
	status, _, page := f.postForm(cookie, "/internt/stallningstaganden/"+st.ID, form)
	doc := mustDocString(t, page)
	if status != 409 || !strings.Contains(doc.Find(".conflict ins").Text(), "från Börje") {
		t.Fatalf("stale save: %d, conflict box %d", status, doc.Find(".conflict").Length())
	}
	if doc.Find("#f-body").Text() != "Första stycket från Märta." || doc.Find(`input[name=version]`).AttrOr("value", "") != "2" {
		t.Fatalf("editor lost the text or version: %q v%s", doc.Find("#f-body").Text(), doc.Find(`input[name=version]`).AttrOr("value", ""))
	}
	if f.reload(st.ID).Body != "Första stycket från Börje.\n\nAndra stycket." {
		t.Fatal("the stale save overwrote the other edit")
	}
	form.Set("version", "2")
	status, loc, _ := f.postForm(cookie, "/internt/stallningstaganden/"+st.ID, form)
	if status != 303 || !strings.HasSuffix(loc, st.ID) || f.reload(st.ID).Body != "Första stycket från Märta." {
		t.Fatalf("save after review: %d %s", status, loc)
	}
	status, loc, _ = f.postForm(cookie, "/internt/stallningstaganden/"+st.ID+"/kommentarer", url.Values{"_csrf": {csrf}, "body": {"Kommentar via formulär"}, "anchor": {"1"}})
	if status != 303 || !strings.Contains(loc, "#kommentar-") {
		t.Fatalf("comment via form: %d %s", status, loc)
	}
	status, _, page = f.postForm(cookie, "/internt/stallningstaganden/"+st.ID+"/kommentarer", url.Values{"_csrf": {csrf}, "body": {" "}, "anchor": {"7"}})
	if status != 422 || mustDocString(t, page).Find(".error-summary").Length() == 0 {
		t.Fatalf("empty comment via form: %d", status)
	}
}
