package web_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/samsyn/samsyn/app"
)

// statementPaths lists every page and API path about statement st.
func statementPaths(st stmtJSON, commentID string) (gets, posts []string) {
	api, in := "/api/v1/statements/"+st.ID, "/internt/stallningstaganden/"+st.ID
	gets = []string{api + "/revisions", api + "/diff", api + "/diff?from=1&to=1", api + "/comments",
		api + "/signing", api + "/signatures", api + "/audit", in, in + "/versioner", in + "/jamfor", in + "/signering", in + "/logg"}
	posts = []string{api + "/comments", api + "/comments/" + commentID + "/resolve", api + "/signing", api + "/signatures",
		api + "/remind", api + "/publish", api + "/withdraw", api + "/reopen", in, in + "/kommentarer",
		in + "/kommentarer/" + commentID + "/lost", in + "/signering", in + "/signering/oppna", in + "/paminn",
		in + "/publicera", in + "/dra-tillbaka", in + "/ateroppna"}
	return gets, posts
}

// TestAnonymousFindsNothingUnpublished enumerates everything about draft
// and signing statements, by id and by slug, as an anonymous caller: every
// answer is 404 (never 401 or 403, which would reveal existence), and the
// answers do not mention the statement.
func TestAnonymousFindsNothingUnpublished(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	published := f.mustStatement(app.StatementPublished, "Publicerat")
	for _, status := range []app.StatementStatus{app.StatementDraft, app.StatementSigning, app.StatementPublished, app.StatementWithdrawn} {
		st := f.mustStatement(status, "Hemligt "+string(status))
		var cm struct{ ID string }
		if status == app.StatementDraft || status == app.StatementSigning {
			mustUnmarshal(t, f.mustCall(201, "memberA", "POST", "/api/v1/statements/"+st.ID+"/comments", `{"body":"Intern kommentar"}`), &cm)
		}
		gets, posts := statementPaths(st, cm.ID)
		if status == app.StatementDraft || status == app.StatementSigning {
			gets = append(gets, "/api/v1/statements/"+st.ID, "/stallningstaganden/"+st.Slug, "/stallningstaganden/"+st.ID)
		}
		for _, p := range gets {
			f.expectHidden(t, "GET", p, "", st)
		}
		for _, p := range append(posts, "/api/v1/statements/"+st.ID) {
			method := "POST"
			if p == "/api/v1/statements/"+st.ID {
				method = "PATCH"
			}
			f.expectHidden(t, method, p, `{"version":1,"body":"x","sign_by":"`+inDays(3)+`"}`, st)
		}
	}
	_, list := f.call("", "GET", "/api/v1/statements?per_page=100", "")
	if strings.Contains(list, "Hemligt draft") || strings.Contains(list, "Hemligt signing") || !strings.Contains(list, published.Title) {
		t.Errorf("anonymous list: %s", list)
	}
	_, drafts := f.call("", "GET", "/api/v1/statements?status=draft", "")
	if strings.Contains(drafts, "Hemligt draft") || strings.Contains(drafts, "Hemligt signing") {
		t.Errorf("anonymous ?status=draft shows drafts: %s", drafts)
	}
}

func (f *fixture) expectHidden(t *testing.T, method, path, body string, st stmtJSON) {
	t.Helper()
	status, out := f.call("", method, path, body)
	if status != 404 || strings.Contains(out, st.Title) || strings.Contains(out, "Intern kommentar") {
		t.Errorf("anonymous %s %s (%s): %d %.200s, want 404 revealing nothing", method, path, st.Status, status, out)
	}
}

// TestPublicPageShowsExactlyTheSignedText: the public page carries the
// signed text, the signing members with mandates, the hash and the time;
// a withdrawn statement only a dated note.
func TestPublicPageShowsExactlyTheSignedText(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementPublished, "Offentligt uttalande")
	status, page := f.htmlGet("", "/stallningstaganden/"+st.Slug)
	text := page // the mandate's date is kept on one line in a span of its own
	if doc, err := goquery.NewDocumentFromReader(strings.NewReader(page)); err == nil {
		text = doc.Text()
	}
	for _, want := range []string{"Första stycket.", "Skellefteå", "KS " + inDays(-1) + " § 12, dnr KS 2026/41", st.ContentHash, "<time"} {
		if status != 200 || !strings.Contains(page, want) && !strings.Contains(text, want) {
			t.Errorf("public page lacks %q (%d)", want, status)
		}
	}
	if strings.Contains(page, "Oxelösund") {
		t.Error("public page lists a member that did not sign")
	}
	f.mustCall(200, "admin", "POST", "/api/v1/statements/"+st.ID+"/withdraw", "")
	status, page = f.htmlGet("", "/stallningstaganden/"+st.Slug)
	if status != 200 || strings.Contains(page, "Första stycket.") || !regexp.MustCompile(`<time datetime="[^"]+">\d{4}-\d\d-\d\d`).MatchString(page) {
		t.Errorf("withdrawn page: %d, text shown or no date", status)
	}
	var pub stmtJSON
	mustUnmarshal(t, f.mustCall(200, "", "GET", "/api/v1/statements/"+st.ID, ""), &pub)
	if pub.Body != "" || pub.Status != "withdrawn" {
		t.Errorf("withdrawn statement over the API to anonymous: %+v", pub)
	}
}
