package web_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/samsyn/samsyn/app"
)

// TestFormErrorsOneWay posts bad input to a representative set of forms
// (login, feedback, a remiss, a statement, a comment, a note, an issue, a
// member, a user, a meeting, the settings) and finds every one answered
// the same way: 422, an error summary at the top (a heading, focusable so
// that page.js can move focus to it, and a link to each invalid field),
// each link going to a field on the page that says aria-invalid="true"
// and is described by its message.
func TestFormErrorsOneWay(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	staff, staffCSRF := f.browserSession("kansli@example.se")
	admin, adminCSRF := f.browserSession("admin@example.se")
	member, memberCSRF := f.browserSession("nlc@skelleftea.example")
	s := mustSeed(f)
	st := f.mustStatement(app.StatementDraft, "Felrutor")
	anon := strings.Repeat("a", 64)
	f.mustTriage(2, "Felruta")
	issue := f.mustIssue("Felrutefråga", true, nil, nil)
	pos := f.mustPosition(issue.ID, "Ståndpunkt", true)
	cases := []struct {
		name, cookie, path string
		form               url.Values
		csrf               string
	}{
		{"login", "samsyn_csrf=" + anon, "/logga-in", url.Values{"email": {""}, "password": {""}}, anon},
		{"accessibility feedback", "samsyn_csrf=" + anon, "/tillganglighet", url.Values{"message": {""}, "email": {"inte-en-adress"}}, anon},
		{"consultation form", staff, "/internt/remisser/ny", url.Values{"title": {""}, "deadline": {"31/12"}}, staffCSRF},
		{"consultation status", staff, "/internt/remisser/" + s.consultation.ID + "/status", url.Values{"version": {"1"}, "status": {"declined"}}, staffCSRF},
		{"note", staff, "/internt/remisser/" + s.consultation.ID + "/anteckningar", url.Values{"body": {""}}, staffCSRF},
		{"statement form", member, "/internt/stallningstaganden/ny", url.Values{"kind": {"joint_statement"}, "title": {""}}, memberCSRF},
		{"comment", member, "/internt/stallningstaganden/" + st.ID + "/kommentarer", url.Values{"body": {""}, "anchor": {"0"}}, memberCSRF},
		{"suggestion", member, "/internt/stallningstaganden/" + st.ID + "/forslag", url.Values{"block": {"99"}, "text": {"x"}, "base_version": {"1"}}, memberCSRF},
		{"issue form", staff, "/internt/fragor/ny", url.Values{"title": {""}}, staffCSRF},
		{"member form", admin, "/admin/medlemmar/ny", url.Values{"name": {""}, "municipality_code": {"12"}}, adminCSRF},
		{"user form", admin, "/admin/anvandare/ny", url.Values{"email": {"inte-en-adress"}, "name": {""}, "role": {"member"}}, adminCSRF},
		{"meeting", member, "/internt/moten", url.Values{"body": {"KS"}, "on": {""}}, memberCSRF},
		{"triage bulk", staff, "/internt/inkorg", url.Values{"action": {"dismiss"}, "reason": {"Ej relevant"}}, staffCSRF},
		{"position", staff, "/internt/fragor/" + issue.ID + "/positioner/" + pos.ID, url.Values{"title": {""}, "text": {""}, "version": {"1"}}, staffCSRF},
		{"settings", member, "/internt/installningar", url.Values{"lang": {"xx"}, "version": {"0"}}, memberCSRF},
	}
	for _, tc := range cases {
		tc.form.Set("_csrf", tc.csrf)
		status, _, body := f.postForm(tc.cookie, tc.path, tc.form)
		if status != 422 {
			t.Errorf("%s: status %d, want 422", tc.name, status)
			continue
		}
		doc := mustDocString(t, body)
		for _, p := range errorSummaryProblems(doc) {
			t.Errorf("%s: %s", tc.name, p)
		}
	}
}

// errorSummaryProblems checks the one error summary of a page and the
// fields it links to.
func errorSummaryProblems(doc *goquery.Document) []string {
	var out []string
	sum := doc.Find(".error-summary")
	if sum.Length() != 1 {
		return []string{"want one error summary, found " + strconv.Itoa(sum.Length())}
	}
	if sum.AttrOr("tabindex", "") != "-1" || sum.Find("h2").Length() != 1 {
		out = append(out, "the summary is not focusable or has no heading")
	}
	links := sum.Find("a[href^='#']")
	if links.Length() == 0 {
		out = append(out, "the summary links to no field")
	}
	links.Each(func(_ int, a *goquery.Selection) {
		id := strings.TrimPrefix(a.AttrOr("href", ""), "#")
		target := doc.Find("[id='" + id + "']")
		if target.Length() != 1 {
			out = append(out, "link to #"+id+": "+strconv.Itoa(target.Length())+" elements with that id")
			return
		}
		if target.AttrOr("aria-invalid", "") != "true" {
			out = append(out, "#"+id+" is not aria-invalid")
		}
		msg := strings.TrimSpace(a.Text())
		described := false
		for _, ref := range strings.Fields(target.AttrOr("aria-describedby", "")) {
			if strings.TrimSpace(doc.Find("[id='"+ref+"']").Text()) == msg {
				described = true
			}
		}
		if !described {
			out = append(out, "#"+id+" is not described by its message "+msg)
		}
	})
	return out
}
