package web_test

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/templates"
)

// TestAccessibilityFeedbackIsStoredForTheSecretariat: an anonymous visitor
// sends feedback through the form (with the anonymous CSRF cookie); a bad
// one is re-rendered with 422 and stores nothing; the secretariat reads it.
func TestAccessibilityFeedbackIsStoredForTheSecretariat(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	resp := f.do(request{method: "GET", path: "/tillganglighet"})
	token, _ := mustDoc(t, resp).Find(`form[action="/tillganglighet"] input[name=_csrf]`).Attr("value")
	post := func(form url.Values) (int, string) {
		r := f.do(request{method: "POST", path: "/tillganglighet", body: form.Encode(), contentType: "application/x-www-form-urlencoded",
			headers: map[string]string{"Cookie": "samsyn_csrf=" + token, "Accept": "text/html"}})
		return r.StatusCode, mustBody(r)
	}
	if status, body := post(url.Values{"_csrf": {token}, "message": {""}, "email": {"inte-en-adress"}}); status != 422 ||
		!strings.Contains(body, `aria-invalid="true"`) {
		t.Fatalf("empty feedback: %d", status)
	}
	if status, _ := post(url.Values{"_csrf": {token}, "message": {"Kontrasten i värmekartan är för låg."}, "page": {"/deltagande"},
		"email": {"besokare@example.se"}}); status != 303 {
		t.Fatalf("feedback: %d", status)
	}
	items, total, err := mongodb.NewAuditLog(f.db).ListFeedback(context.Background(), app.Page{Number: 1, Size: 10})
	if err != nil || total != 1 || items[0].Page != "/deltagande" {
		t.Fatalf("stored feedback: %v %d %v", items, total, err)
	}
	if _, body := f.htmlGet("secretariat", "/internt/tillganglighet-synpunkter"); !strings.Contains(body, "Kontrasten i värmekartan") {
		t.Error("the secretariat does not see the feedback")
	}
	if status, body := f.htmlGet("memberA", "/internt/tillganglighet-synpunkter"); status != 403 || strings.Contains(body, "Kontrasten") {
		t.Errorf("a member sees the feedback: %d", status)
	}
}

// TestOutcomeFormPublishesADecline: the secretariat records a follow-up
// and an assessment and makes a decline public; a stale form gets 409.
func TestOutcomeFormPublishesADecline(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.mustConsultation("Avböjd remiss om vägar", "N2026/00077", app.ConsultationDeclined, -5, "Internt skäl Björnbär")
	cookie, csrf := f.browserSession("kansli@example.se")
	base := "/internt/remisser/" + c.ID + "/utfall"
	if status, _, _ := f.postForm(cookie, base+"/handelse", url.Values{"_csrf": {csrf}, "version": {"0"}, "kind": {"proposition"},
		"title": {""}, "on": {"inte-datum"}}); status != 422 {
		t.Fatalf("bad follow-up: %d", status)
	}
	if status, _, body := f.postForm(cookie, base+"/handelse", url.Values{"_csrf": {csrf}, "version": {"0"}, "kind": {"decision"},
		"title": {"Förordning om vägar"}, "url": {"https://www.riksdagen.se/x"}, "on": {"2026-10-01"}}); status != 303 {
		t.Fatalf("follow-up: %d %s", status, body)
	}
	if _, body := f.htmlGet("", "/remisser"); strings.Contains(body, "Avböjd remiss om vägar") {
		t.Fatal("a decline is public before the secretariat made it so")
	}
	if status, _, _ := f.postForm(cookie, base, url.Values{"_csrf": {csrf}, "version": {"0"}, "uptake": {"no"}}); status != 409 {
		t.Fatalf("stale outcome form: %d", status)
	}
	if status, _, _ := f.postForm(cookie, base, url.Values{"_csrf": {csrf}, "version": {"1"}, "uptake": {"no"},
		"uptake_note": {"Inget av det vi föreslog."}, "decline_public": {"true"}, "decline_note": {"Utanför vårt område."}}); status != 303 {
		t.Fatalf("outcome: %d", status)
	}
	_, body := f.htmlGet("", "/remisser")
	for _, s := range []string{"Avböjd remiss om vägar", "Utanför vårt område.", "Förordning om vägar", "Inget av det vi föreslog."} {
		if !strings.Contains(body, s) {
			t.Errorf("archive lacks %q", s)
		}
	}
	if strings.Contains(body, "Björnbär") {
		t.Error("the internal decline reason is public")
	}
}

// TestStandingPositions: staff add a position, record its use; members
// read them through the API the editor uses and beside a draft.
func TestStandingPositions(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	pub := f.mustIssue("Fråga om kompetens", true, nil, nil)
	draft := f.mustStatement(app.StatementDraft, "Utkast om kompetens")
	published := f.mustStatement(app.StatementPublished, "Skrivelse om kompetens")
	issues := mongodb.NewIssueStore(f.db)
	pub.StatementIDs = []string{draft.ID}
	if err := issues.UpdateIssue(context.Background(), pub); err != nil {
		t.Fatal(err)
	}
	cookie, csrf := f.browserSession("kansli@example.se")
	base := "/internt/fragor/" + pub.ID + "/positioner"
	if status, _, _ := f.postForm(cookie, base, url.Values{"_csrf": {csrf}, "title": {""}, "text": {""}}); status != 422 {
		t.Fatalf("empty position: %d", status)
	}
	if status, _, _ := f.postForm(cookie, base, url.Values{"_csrf": {csrf}, "title": {"Yrkesvux"}, "public": {"true"},
		"text": {"Staten ska finansiera regional yrkesvux fullt ut."}}); status != 303 {
		t.Fatalf("position: %d", status)
	}
	var list struct {
		Items []struct {
			ID, Markdown string
			Version      int
		}
		Total int
	}
	mustUnmarshal(t, f.mustCall(200, "memberB", "GET", "/api/v1/statements/"+draft.ID+"/positions", ""), &list)
	if list.Total != 1 || !strings.Contains(list.Items[0].Markdown, "yrkesvux") {
		t.Fatalf("positions of the draft: %+v", list)
	}
	use := url.Values{"_csrf": {csrf}, "version": {strconv.Itoa(list.Items[0].Version)}, "statement_id": {published.ID}}
	if status, _, _ := f.postForm(cookie, base+"/"+list.Items[0].ID+"/anvand", use); status != 303 {
		t.Fatalf("record use: %d", status)
	}
	if status, _, _ := f.postForm(cookie, base+"/"+list.Items[0].ID+"/anvand", use); status != 409 {
		t.Fatalf("stale use form: %d", status)
	}
	_, body := f.htmlGet("", "/fragor/"+pub.Slug)
	if !strings.Contains(body, "Yrkesvux") || !strings.Contains(body, "Skrivelse om kompetens") {
		t.Error("the public issue page lacks the position or where it was used")
	}
	if _, body := f.htmlGet("memberA", "/internt/stallningstaganden/"+draft.ID+"/positioner"); !strings.Contains(body, "Staten ska finansiera") ||
		!strings.Contains(body, "Utkast om kompetens") {
		t.Error("the draft is not shown beside its positions")
	}
}

// TestPublicMessagesComplete: every key the templates use — with .T or
// $.T, in layouts, partials and pages — and every key this capability
// builds in code exists in both languages; and the catalogues of this
// capability hold the same keys.
func TestPublicMessagesComplete(t *testing.T) {
	t.Parallel()
	msgs, err := templates.Messages()
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`\bT "([A-Za-z0-9_.]+)"`)
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
	var built []string
	for _, k := range app.FollowUpKinds {
		built = append(built, "public.followup."+k)
	}
	for _, u := range app.Uptakes {
		built = append(built, "public.uptake."+string(u))
	}
	for _, c := range []string{app.CellSigned, app.CellDeclined, app.CellNone} {
		built = append(built, "public.part.cell."+c)
	}
	for _, s := range []app.StatementStatus{app.StatementDraft, app.StatementSigning, app.StatementPublished, app.StatementWithdrawn} {
		built = append(built, "public.part.status."+string(s))
	}
	for _, a := range []string{"outcome.save", "outcome.follow_up", "position.create", "position.update", "position.use"} {
		built = append(built, "audit."+a)
	}
	for _, k := range built {
		for _, lang := range templates.Languages {
			if _, ok := msgs[lang][k]; !ok {
				t.Errorf("code builds %q, missing in %s", k, lang)
			}
		}
	}
	var sv, en map[string]string
	for lang, v := range map[string]*map[string]string{"sv": &sv, "en": &en} {
		b, err := os.ReadFile("../../templates/messages/public." + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatal(err)
		}
	}
	for k := range sv {
		if _, ok := en[k]; !ok {
			t.Errorf("%q is in public.sv.json but not public.en.json", k)
		}
	}
	for k := range en {
		if _, ok := sv[k]; !ok {
			t.Errorf("%q is in public.en.json but not public.sv.json", k)
		}
	}
}
