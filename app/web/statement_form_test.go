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

// TestEditorConflictShowsWhatChanged: a save through the HTML form that
// changes what someone else changed since answers 409, keeps the visitor's
// text in the editor, shows the other save as a diff beside the visitor's
// block with a choice, and the next save sends the choice and the version
// it was made against; the hidden version stays the one the editor began at.
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
	if doc.Find("#f-body").Text() != "Första stycket från Märta." || doc.Find(`input[name=version]`).AttrOr("value", "") != "1" ||
		doc.Find(`input[name=against]`).AttrOr("value", "") != "2" || doc.Find(`input[name="choice.1"]`).Length() != 3 {
		t.Fatalf("editor lost the text, version or choices: %q v%s", doc.Find("#f-body").Text(), doc.Find(`input[name=version]`).AttrOr("value", ""))
	}
	if f.reload(st.ID).Body != "Första stycket från Börje.\n\nAndra stycket." {
		t.Fatal("the stale save overwrote the other edit")
	}
	form.Set("against", "2")
	form.Set("conflicts", "1")
	form.Set("choice.1", "mine")
	form.Set("yours.1", doc.Find(`input[name="yours.1"]`).AttrOr("value", ""))
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

// TestSaveAfterFreezeKeepsTheText: a member's save after the secretariat
// froze the text for signing is refused with the reason at the top of the
// page and every character typed, read-only, before the text itself.
func TestSaveAfterFreezeKeepsTheText(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementDraft, "Fryses under tiden")
	cookie, csrf := f.browserSession("nlc@skelleftea.example")
	f.mustCall(200, "secretariat", "POST", "/api/v1/statements/"+st.ID+"/signing", `{"sign_by":"`+inDays(14)+`"}`)
	typed := "Mitt långa stycke om elnätet i Norrbotten, å ä ö <script>alert(1)</script>."
	form := url.Values{"_csrf": {csrf}, "version": {"1"}, "revision": {"1"}, "title": {st.Title}, "summary": {"Kort."},
		"body": {typed}, "topics": {""}}
	status, _, page := f.postForm(cookie, "/internt/stallningstaganden/"+st.ID, form)
	doc := mustDocString(t, page)
	rejected := doc.Find("#ej-sparad")
	if status != 409 || rejected.Find("#ej-sparad-text").Text() != typed || rejected.Find("[role=alert]").Text() == "" {
		t.Fatalf("save after freeze: %d, kept %q", status, rejected.Find("#ej-sparad-text").Text())
	}
	if doc.Find("#ej-sparad ~ * #texten-h, #ej-sparad ~ .statement-grid").Length() == 0 {
		t.Fatal("the refused text is not above the statement's text")
	}
	if strings.Contains(page, "<script>alert(1)") {
		t.Fatal("the typed script reached the page unescaped")
	}
}
