package web_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
)

// commentJSON is a comment as the API answers it.
type commentJSON struct {
	ID       string  `json:"id"`
	Anchor   int     `json:"anchor"`
	Version  int     `json:"version"`
	Quote    string  `json:"quote"`
	Outdated bool    `json:"outdated"`
	Body     string  `json:"body"`
	Resolved bool    `json:"resolved"`
	Deleted  bool    `json:"deleted"`
	EditedAt *string `json:"edited_at"`
	History  []struct {
		Body string `json:"body"`
	} `json:"history"`
}

// comments lists the comments of statement id as role sees them, checked
// against the OpenAPI document.
func (f *fixture) comments(role, id string) []commentJSON {
	f.t.Helper()
	var list struct{ Items []commentJSON }
	mustUnmarshal(f.t, string(openAPICall(f.t, f, openAPIValidator(f.t), 200, role, "GET", "/api/v1/statements/"+id+"/comments", "")), &list)
	return list.Items
}

func (f *fixture) comment(role, id, cid string) commentJSON {
	f.t.Helper()
	for _, c := range f.comments(role, id) {
		if c.ID == cid {
			return c
		}
	}
	f.t.Fatalf("comment %s is not listed", cid)
	return commentJSON{}
}

// TestCommentFollowsItsText: inserting a paragraph above a comment's
// paragraph moves the comment with its text; deleting its text makes it
// outdated, shown with its quote in a list of its own, not on another
// paragraph.
func TestCommentFollowsItsText(t *testing.T) {
	f := newFixture(t)
	v := openAPIValidator(t)
	var st stmtJSON
	mustUnmarshal(t, f.mustCall(201, "memberA", "POST", "/api/v1/statements",
		`{"kind":"joint_statement","title":"Tillstånd","body":"Inledning.\n\nVi kräver snabbare tillstånd för elnät.\n\nAvslutning."}`), &st)
	var cm commentJSON
	mustUnmarshal(t, string(openAPICall(t, f, v, 201, "memberB", "POST", "/api/v1/statements/"+st.ID+"/comments",
		`{"body":"Hur snabbt?","anchor":2,"quote":"snabbare tillstånd"}`)), &cm)
	if cm.Anchor != 2 || cm.Version != 1 || cm.Quote != "snabbare tillstånd" || cm.Outdated {
		t.Fatalf("new comment: %+v", cm)
	}
	f.mustCall(200, "memberA", "PATCH", "/api/v1/statements/"+st.ID,
		`{"version":1,"body":"Ett nytt första stycke.\n\nInledning.\n\nVi kräver snabbare tillstånd för elnät.\n\nAvslutning."}`)
	if got := f.comment("memberA", st.ID, cm.ID); got.Anchor != 3 || got.Outdated || got.Version != 1 {
		t.Fatalf("after a paragraph was inserted above: %+v, want anchor 3", got)
	}
	status, page := f.htmlGet("memberB", "/internt/stallningstaganden/"+st.ID)
	doc := mustDocString(t, page)
	on := doc.Find("#stycke-3").Parent().Find("#kommentar-" + cm.ID)
	if status != 200 || on.Length() != 1 || !strings.Contains(on.Find(".comment-quote").Text(), "snabbare tillstånd") {
		t.Fatalf("the page does not show the thread with its quote on paragraph 3: %d %d", status, on.Length())
	}
	f.mustCall(200, "memberA", "PATCH", "/api/v1/statements/"+st.ID,
		`{"version":2,"body":"Ett nytt första stycke.\n\nInledning.\n\nAvslutning."}`)
	if got := f.comment("memberB", st.ID, cm.ID); got.Anchor != 0 || !got.Outdated || got.Quote != "snabbare tillstånd" {
		t.Fatalf("after its text was deleted: %+v, want outdated with its quote", got)
	}
	_, page = f.htmlGet("memberB", "/internt/stallningstaganden/"+st.ID)
	doc = mustDocString(t, page)
	if doc.Find(".para-row #kommentar-"+cm.ID).Length() != 0 || doc.Find("#kommentarer #kommentar-"+cm.ID).Length() != 0 {
		t.Fatal("an outdated thread is shown on a paragraph or among the comments on the whole text")
	}
	if q := doc.Find("#inaktuella #kommentar-" + cm.ID + " .comment-quote").Text(); !strings.Contains(q, "snabbare tillstånd") ||
		doc.Find("#inaktuella h2").Length() != 1 {
		t.Fatalf("the outdated list lacks the thread or its quote: %q", q)
	}
}

// TestOwnCommentsEditAndDelete: an author edits and deletes their own
// comment; anyone else gets 403 and changes nothing. Members then see the
// comment as deleted, the secretariat still sees what it said and what it
// said before.
func TestOwnCommentsEditAndDelete(t *testing.T) {
	f := newFixture(t)
	v := openAPIValidator(t)
	st := f.mustStatement(app.StatementDraft, "Egna kommentarer")
	var cm commentJSON
	mustUnmarshal(t, f.mustCall(201, "memberB", "POST", "/api/v1/statements/"+st.ID+"/comments", `{"body":"Första tanken.","anchor":1}`), &cm)
	path := "/api/v1/statements/" + st.ID + "/comments/" + cm.ID
	for _, role := range []string{"memberA", "signerA", "secretariat", "admin"} {
		openAPICall(t, f, v, 403, role, "PATCH", path, `{"body":"Någon annans ord."}`)
		openAPICall(t, f, v, 403, role, "DELETE", path, "")
	}
	if got := f.comment("secretariat", st.ID, cm.ID); got.Body != "Första tanken." || got.Deleted || len(got.History) != 0 {
		t.Fatalf("a refused edit or delete changed the comment: %+v", got)
	}
	var edited commentJSON
	mustUnmarshal(t, string(openAPICall(t, f, v, 200, "memberB", "PATCH", path, `{"body":"Andra tanken."}`)), &edited)
	if edited.Body != "Andra tanken." || edited.EditedAt == nil || len(edited.History) != 0 || edited.Anchor != 1 {
		t.Fatalf("edited: %+v", edited)
	}
	if got := f.comment("secretariat", st.ID, cm.ID); len(got.History) != 1 || got.History[0].Body != "Första tanken." {
		t.Fatalf("staff do not see the earlier body: %+v", got)
	}
	openAPICall(t, f, v, 204, "memberB", "DELETE", path, "")
	if got := f.comment("memberA", st.ID, cm.ID); !got.Deleted || got.Body != "" || len(got.History) != 0 {
		t.Fatalf("a member sees a deleted comment as %+v", got)
	}
	if got := f.comment("secretariat", st.ID, cm.ID); !got.Deleted || got.Body != "Andra tanken." {
		t.Fatalf("staff see a deleted comment as %+v", got)
	}
	openAPICall(t, f, v, 409, "memberB", "PATCH", path, `{"body":"Efteråt."}`)
	openAPICall(t, f, v, 409, "memberB", "DELETE", path, "")
	_, page := f.htmlGet("memberA", "/internt/stallningstaganden/"+st.ID)
	if strings.Contains(page, "Andra tanken.") || strings.Contains(page, "Första tanken.") ||
		mustDocString(t, page).Find("#kommentar-"+cm.ID+" .deleted").Length() != 1 {
		t.Fatal("a member's page shows a deleted comment's words, or does not say it was deleted")
	}
	_, page = f.htmlGet("secretariat", "/internt/stallningstaganden/"+st.ID)
	if !strings.Contains(page, "Andra tanken.") || !strings.Contains(page, "Första tanken.") {
		t.Fatal("the secretariat's page does not show a deleted comment's words and history")
	}
}

// TestResolvingNeedsAuthorOrResponsible: a thread is resolved and reopened
// by its author, the draft's responsible person or staff; anyone else
// gets 403 and the thread stays as it was.
func TestResolvingNeedsAuthorOrResponsible(t *testing.T) {
	f := newFixture(t)
	v := openAPIValidator(t)
	st := f.mustStatement(app.StatementDraft, "Lösa trådar") // memberA is responsible
	var cm, reply commentJSON
	mustUnmarshal(t, f.mustCall(201, "memberB", "POST", "/api/v1/statements/"+st.ID+"/comments", `{"body":"Fråga."}`), &cm)
	mustUnmarshal(t, f.mustCall(201, "signerA", "POST", "/api/v1/statements/"+st.ID+"/comments", `{"body":"Svar.","parent_id":"`+cm.ID+`"}`), &reply)
	base := "/api/v1/statements/" + st.ID + "/comments/"
	openAPICall(t, f, v, 403, "signerA", "POST", base+cm.ID+"/resolve", "")
	if f.comment("memberB", st.ID, cm.ID).Resolved {
		t.Fatal("a refused resolve resolved the thread")
	}
	openAPICall(t, f, v, 404, "memberB", "POST", base+reply.ID+"/resolve", "")
	for _, step := range []struct {
		role, action string
		want         int
		resolved     bool
	}{
		{"memberB", "resolve", 200, true}, {"signerA", "reopen", 403, true}, {"memberA", "reopen", 200, false},
		{"secretariat", "resolve", 200, true}, {"memberB", "reopen", 200, false}, {"admin", "resolve", 200, true},
	} {
		openAPICall(t, f, v, step.want, step.role, "POST", base+cm.ID+"/"+step.action, "")
		if got := f.comment("memberA", st.ID, cm.ID); got.Resolved != step.resolved {
			t.Fatalf("%s %s: resolved %v, want %v", step.role, step.action, got.Resolved, step.resolved)
		}
	}
	_, page := f.htmlGet("memberA", "/internt/stallningstaganden/"+st.ID)
	if mustDocString(t, page).Find(`form[action$="/kommentarer/`+cm.ID+`/ateroppna"]`).Length() != 1 {
		t.Fatal("the responsible person's page offers no reopen form for a resolved thread")
	}
	_, page = f.htmlGet("signerA", "/internt/stallningstaganden/"+st.ID)
	if mustDocString(t, page).Find(`form[action*="/kommentarer/`+cm.ID+`/"]`).Length() != 0 {
		t.Fatal("someone who may not resolve or reopen is offered a form to")
	}
}

// TestBadCommentInput: empty and huge bodies, unknown ids, a quote that is
// not in its paragraph are refused and store nothing; HTML in a comment or
// a quote never reaches a page as markup.
func TestBadCommentInput(t *testing.T) {
	f := newFixture(t)
	v := openAPIValidator(t)
	var st stmtJSON
	mustUnmarshal(t, f.mustCall(201, "memberA", "POST", "/api/v1/statements",
		`{"kind":"joint_statement","title":"Fel","body":"Ett stycke med <script>alert(1)</script> i sig.\n\nTvå."}`), &st)
	other := f.mustStatement(app.StatementDraft, "Annan")
	var cm commentJSON
	mustUnmarshal(t, f.mustCall(201, "memberB", "POST", "/api/v1/statements/"+other.ID+"/comments", `{"body":"Annan tråd."}`), &cm)
	huge, _ := json.Marshal(strings.Repeat("ö", app.MaxCommentLen+1))
	api := "/api/v1/statements/" + st.ID + "/comments"
	for _, c := range []struct {
		want         int
		method, path string
		body         string
	}{
		{422, "POST", api, `{"body":"  "}`},
		{422, "POST", api, `{"body":` + string(huge) + `}`},
		{422, "POST", api, `{"body":"x","anchor":9}`},
		{422, "POST", api, `{"body":"x","anchor":1,"quote":"finns inte"}`},
		{422, "POST", api, `{"body":"x","parent_id":"` + cm.ID + `"}`},
		{422, "POST", api, `{"body":"x","parent_id":"inte-ett-id"}`},
		{400, "POST", api, `{"body":`},
		{404, "POST", "/api/v1/statements/000000000000000000000000/comments", `{"body":"x"}`},
		{404, "PATCH", api + "/000000000000000000000000", `{"body":"x"}`},
		{404, "PATCH", api + "/inte-ett-id", `{"body":"x"}`},
		{404, "PATCH", api + "/" + cm.ID, `{"body":"x"}`}, // a comment of another statement
		{404, "DELETE", api + "/" + cm.ID, ""},
		{404, "POST", api + "/" + cm.ID + "/reopen", ""},
		{404, "POST", api + "/000000000000000000000000/resolve", ""},
	} {
		openAPICall(t, f, v, c.want, "memberB", c.method, c.path, c.body)
	}
	if n := len(f.comments("memberB", st.ID)); n != 0 {
		t.Fatalf("refused input stored %d comments", n)
	}
	f.mustCall(201, "memberB", "POST", api, `{"body":"<script>alert(2)</script><img src=x onerror=alert(3)>","anchor":1,"quote":"<script>alert(1)</script>"}`)
	var mine commentJSON
	mustUnmarshal(t, f.mustCall(201, "memberB", "POST", api, `{"body":"Ren text.","anchor":2}`), &mine)
	f.mustCall(422, "memberB", "PATCH", api+"/"+mine.ID, `{"body":""}`)
	f.mustCall(422, "memberB", "PATCH", api+"/"+mine.ID, `{"body":`+string(huge)+`}`)
	f.mustCall(200, "memberB", "PATCH", api+"/"+mine.ID, `{"body":"<script>alert(4)</script>"}`)
	for _, role := range []string{"memberB", "secretariat"} {
		_, page := f.htmlGet(role, "/internt/stallningstaganden/"+st.ID)
		if d := scriptFree(page); d != "" {
			t.Errorf("as %s: %s reached the page", role, d)
		}
	}
}

// TestCommentForms: the page's forms comment on a quote, edit, reopen and
// delete; a refused edit shows the page again with the typed text in that
// comment's form and the reason at the top.
func TestCommentForms(t *testing.T) {
	f := newFixture(t)
	st := f.mustStatement(app.StatementDraft, "Formulär") // "Första stycket.\n\nAndra stycket."
	cookie, csrf := f.browserSession("nlc@skelleftea.example")
	in := "/internt/stallningstaganden/" + st.ID + "/kommentarer"
	status, loc, _ := f.postForm(cookie, in, url.Values{"_csrf": {csrf}, "body": {"Om ordet andra."}, "anchor": {"2"},
		"quote": {"Andra"}, "anchor_version": {"1"}})
	if status != 303 || !strings.Contains(loc, "#kommentar-") {
		t.Fatalf("comment with a quote: %d %s", status, loc)
	}
	cid := loc[strings.Index(loc, "#kommentar-")+len("#kommentar-"):]
	if got := f.comment("memberA", st.ID, cid); got.Anchor != 2 || got.Quote != "Andra" {
		t.Fatalf("the form's comment: %+v", got)
	}
	typed := strings.Repeat("ä", app.MaxCommentLen+1)
	status, _, page := f.postForm(cookie, in+"/"+cid+"/andra", url.Values{"_csrf": {csrf}, "body": {typed}})
	doc := mustDocString(t, page)
	if status != 422 || doc.Find("#andra-"+cid).Text() != typed || doc.Find(".error-summary").Length() == 0 ||
		doc.Find("#kommentar-"+cid+" details[open]").Length() != 1 {
		t.Fatalf("refused edit: %d, typed text kept %v", status, doc.Find("#andra-"+cid).Text() == typed)
	}
	for _, step := range []struct{ path, body string }{{"/andra", "Om ordet Andra."}, {"/lost", ""}, {"/ateroppna", ""}, {"/ta-bort", ""}} {
		if status, _, _ := f.postForm(cookie, in+"/"+cid+step.path, url.Values{"_csrf": {csrf}, "body": {step.body}}); status != 303 {
			t.Fatalf("%s: %d", step.path, status)
		}
	}
	if got := f.comment("secretariat", st.ID, cid); got.Body != "Om ordet Andra." || got.Resolved || !got.Deleted || len(got.History) != 1 {
		t.Fatalf("after the forms: %+v", got)
	}
}
