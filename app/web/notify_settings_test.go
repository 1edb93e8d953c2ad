package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
)

// postPage posts form as role ("" anonymous, with the anonymous CSRF
// token), asking for HTML.
func (f *fixture) postPage(role, path string, form url.Values) *http.Response {
	f.t.Helper()
	r := request{method: "POST", path: path, role: role, contentType: "application/x-www-form-urlencoded",
		headers: map[string]string{"Accept": "text/html"}}
	if role == "" {
		csrf := anonCSRFToken(f)
		form.Set("_csrf", csrf)
		r.headers["Cookie"] = "samsyn_csrf=" + csrf
	}
	r.body = form.Encode()
	return f.do(r)
}

func (f *fixture) prefsOf(role string) *app.NotifyPrefs {
	f.t.Helper()
	p, err := f.services.Notifications.Prefs(context.Background(), f.byRole[role])
	if err != nil {
		f.t.Fatal(err)
	}
	return p
}

// TestSettingsPage: the page shows each kind's three choices with the
// stored one checked, and says plainly that no e-mail is sent without a
// mail server; saving stores the choices; a save from a page read before
// another save is refused with 409 and the choices as sent, and saving
// again then works; a bad language is 422.
func TestSettingsPage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	doc := mustDoc(t, f.do(request{method: "GET", path: "/internt/installningar", role: "memberA", headers: map[string]string{"Accept": "text/html"}}))
	if n := doc.Find(`fieldset input[type=radio][name^="mail."]`).Length(); n != 3*len(app.NotifyKinds) {
		t.Errorf("%d mail choices, want %d", n, 3*len(app.NotifyKinds))
	}
	if doc.Find(`fieldset legend`).Length() != len(app.NotifyKinds)+1 {
		t.Errorf("want a legend for the language and each kind")
	}
	if _, ok := doc.Find(`input[name="mail.signing_opened"][value=immediate]`).Attr("checked"); !ok {
		t.Error("signing opened is not e-mailed at once by default")
	}
	if _, ok := doc.Find(`input[name="mail.published"][value=digest]`).Attr("checked"); !ok {
		t.Error("published is not in the digest by default")
	}
	if !strings.Contains(doc.Find("main").Text(), "E-post skickas inte alls") || strings.Contains(doc.Find("main").Text(), "E-post skickas till") {
		t.Error("without a mail server the page must say no e-mail is sent, and never where it goes")
	}

	form := url.Values{"lang": {"en"}, "mail.published": {"none"}, "mail.mention": {"digest"}, "version": {"0"}}
	if resp := f.postPage("memberA", "/internt/installningar", form); resp.StatusCode != 303 {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	p := f.prefsOf("memberA")
	if p.Language() != "en" || p.MailFor(app.NotifyPublished) != app.MailNone || p.MailFor(app.NotifyMention) != app.MailDigest ||
		p.MailFor(app.NotifySigningOpened) != app.MailNow || p.Version != 1 {
		t.Fatalf("stored %+v", p)
	}

	stale := url.Values{"lang": {"sv"}, "mail.published": {"immediate"}, "version": {"0"}}
	resp := f.postPage("memberA", "/internt/installningar", stale)
	if resp.StatusCode != 409 {
		t.Fatalf("stale save: %d, want 409", resp.StatusCode)
	}
	doc = mustDoc(t, resp)
	if !strings.Contains(doc.Find(".error-summary").Text(), "Dina val nedan är inte sparade") {
		t.Error("the conflict is not explained")
	}
	if _, ok := doc.Find(`input[name="mail.published"][value=immediate]`).Attr("checked"); !ok {
		t.Error("the choice as sent is not kept")
	}
	if v, _ := doc.Find(`input[name=version]`).Attr("value"); v != "1" {
		t.Errorf("version %q, want the stored 1", v)
	}
	if p := f.prefsOf("memberA"); p.Version != 1 || p.MailFor(app.NotifyPublished) != app.MailNone {
		t.Fatalf("a stale save changed %+v", p)
	}
	stale.Set("version", "1")
	if resp := f.postPage("memberA", "/internt/installningar", stale); resp.StatusCode != 303 {
		t.Fatalf("save again: %d", resp.StatusCode)
	}
	if p := f.prefsOf("memberA"); p.MailFor(app.NotifyPublished) != app.MailNow || p.Language() != "sv" {
		t.Errorf("after saving again %+v", p)
	}
	if resp := f.postPage("memberA", "/internt/installningar", url.Values{"lang": {"de"}, "version": {"2"}}); resp.StatusCode != 422 {
		t.Errorf("bad language: %d", resp.StatusCode)
	}
}

// TestSettingsPageWithMail: with a mail server the page says where the
// e-mail goes instead.
func TestSettingsPageWithMail(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.services.Notifications.Mail = true
	doc := mustDoc(t, f.do(request{method: "GET", path: "/internt/installningar", role: "signerA", headers: map[string]string{"Accept": "text/html"}}))
	text := doc.Find("main").Text()
	if !strings.Contains(text, "E-post skickas till kso@skelleftea.example") || strings.Contains(text, "E-post skickas inte alls") {
		t.Errorf("page says:\n%s", text)
	}
}

// TestSettingsFollows: what the user follows is listed with a link, and
// unfollowing takes it off.
func TestSettingsFollows(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementDraft, "Elnätet i norr")
	ctx := context.Background()
	if err := f.services.Notifications.Follow(ctx, f.byRole["memberB"], app.Subject{Type: "statement", ID: st.ID}, true); err != nil {
		t.Fatal(err)
	}
	if err := f.services.Notifications.Follow(ctx, f.byRole["memberB"], app.Subject{Type: "topic", ID: "energi"}, true); err != nil {
		t.Fatal(err)
	}
	page := func() string {
		doc := mustDoc(t, f.do(request{method: "GET", path: "/internt/installningar", role: "memberB", headers: map[string]string{"Accept": "text/html"}}))
		return doc.Find("ul.follows").Text() + "|" + doc.Find(`ul.follows a[href="/internt/stallningstaganden/`+st.ID+`"]`).Text()
	}
	if got := page(); !strings.Contains(got, "Ställningstagande: Elnätet i norr") || !strings.Contains(got, "Ämne: energi") ||
		!strings.HasSuffix(got, "|Elnätet i norr") {
		t.Fatalf("follows %q", got)
	}
	resp := f.postPage("memberB", "/internt/installningar/bevakningar", url.Values{"type": {"statement"}, "id": {st.ID}})
	if resp.StatusCode != 303 {
		t.Fatalf("unfollow: %d", resp.StatusCode)
	}
	if got := page(); strings.Contains(got, "Elnätet") || !strings.Contains(got, "energi") {
		t.Errorf("after unfollowing %q", got)
	}
}

// TestUnsubscribePage: the link from a mail opens a page that asks to
// confirm and changes nothing; confirming (no login) sets that kind to
// in-app only; a forged token is a 400 page that changes nothing; the page
// speaks English when asked.
func TestUnsubscribePage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	tok, err := f.services.Unsubscribes.Token(ctx, f.byRole["signerA"].ID, app.NotifyReminder)
	if err != nil {
		t.Fatal(err)
	}
	html := map[string]string{"Accept": "text/html"}
	resp := f.do(request{method: "GET", path: "/avregistrera?t=" + url.QueryEscape(tok), headers: html})
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-store" || resp.Header.Get("Referrer-Policy") != "no-referrer" {
		t.Fatalf("page: %d %v", resp.StatusCode, resp.Header)
	}
	doc := mustDoc(t, resp)
	if !strings.Contains(doc.Find("main").Text(), "om ”Påminnelser om beslut”") || doc.Find(`form input[name=t]`).Length() != 1 {
		t.Errorf("page:\n%s", doc.Find("main").Text())
	}
	if p := f.prefsOf("signerA"); p.MailFor(app.NotifyReminder) != app.MailNow {
		t.Fatal("opening the page unsubscribed")
	}
	en := mustDoc(t, f.do(request{method: "GET", path: "/avregistrera?lang=en&t=" + url.QueryEscape(tok), headers: html}))
	if !strings.Contains(en.Find("main").Text(), "about “Reminders to decide”") {
		t.Errorf("English page:\n%s", en.Find("main").Text())
	}

	forged := tok[:len(tok)-2] + "AA"
	if strings.HasSuffix(tok, "AA") {
		forged = tok[:len(tok)-2] + "BB"
	}
	for _, r := range []*http.Response{
		f.do(request{method: "GET", path: "/avregistrera?t=" + url.QueryEscape(forged), headers: html}),
		f.postPage("", "/avregistrera", url.Values{"t": {forged}}),
	} {
		doc := mustDoc(t, r)
		if r.StatusCode != 400 || !strings.Contains(doc.Find("main").Text(), "Länken för att sluta få e-post är inte giltig") {
			t.Errorf("forged token: %d\n%s", r.StatusCode, doc.Find("main").Text())
		}
	}
	if p := f.prefsOf("signerA"); p.MailFor(app.NotifyReminder) != app.MailNow || p.Version != 0 {
		t.Fatalf("a forged token changed %+v", p)
	}

	resp = f.postPage("", "/avregistrera", url.Values{"t": {tok}})
	doc = mustDoc(t, resp)
	if resp.StatusCode != 200 || !strings.Contains(doc.Find("main").Text(), "Du får inte längre e-post om ”Påminnelser om beslut”") {
		t.Fatalf("confirm: %d\n%s", resp.StatusCode, doc.Find("main").Text())
	}
	p := f.prefsOf("signerA")
	if p.MailFor(app.NotifyReminder) != app.MailNone || p.MailFor(app.NotifySigningOpened) != app.MailNow {
		t.Errorf("after unsubscribing %+v", p)
	}
	doc = mustDoc(t, f.do(request{method: "GET", path: "/avregistrera?t=" + url.QueryEscape(tok), headers: html}))
	if !strings.Contains(doc.Find("main").Text(), "Du får redan ingen e-post") || doc.Find("form input[name=t]").Length() != 0 {
		t.Errorf("page after unsubscribing:\n%s", doc.Find("main").Text())
	}
}
