package web_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
)

// TestRevisionPageAndRestore: any revision opens read-only; its author
// restores it as a new revision from that page; a stale page, another
// member and a frozen text are refused and change nothing.
func TestRevisionPageAndRestore(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementDraft, "Versioner")
	f.mustCall(200, "memberB", "PATCH", "/api/v1/statements/"+st.ID, `{"version":1,"body":"## Ny rubrik\n\n- <b>punkt</b>"}`)
	base := "/internt/stallningstaganden/" + st.ID
	status, page := f.htmlGet("memberA", base+"/versioner/1")
	doc := mustDocString(t, page)
	form := doc.Find(`form[action$="/versioner/1/aterstall"]`)
	if status != 200 || !strings.Contains(doc.Find(".revision-text").Text(), "Andra stycket.") || form.Length() != 1 ||
		doc.Find(`textarea, input[name=title]`).Length() != 0 {
		t.Fatalf("revision 1: %d, restore forms %d", status, form.Length())
	}
	if _, page = f.htmlGet("memberB", base+"/versioner/1"); mustDocString(t, page).Find(`form[action$="/aterstall"]`).Length() != 0 {
		t.Fatal("a member who is not the author is offered a restore")
	}
	if status, _ = f.htmlGet("memberA", base+"/versioner/9"); status != 404 {
		t.Fatalf("an unknown revision: %d", status)
	}
	version := form.Find(`input[name=version]`).AttrOr("value", "")
	f.mustCall(403, "memberB", "POST", "/api/v1/statements/"+st.ID+"/revisions/1/restore", `{"version":`+version+`}`)
	cookie, csrf := f.browserSession("nlc@skelleftea.example")
	before := f.snapshot(st.ID)
	code, _, page := f.postForm(cookie, base+"/versioner/1/aterstall", url.Values{"_csrf": {csrf}, "version": {"1"}})
	if code != 409 || mustDocString(t, page).Find("main .error-summary").Length() != 1 || f.snapshot(st.ID) != before {
		t.Fatalf("a stale restore: %d", code)
	}
	code, loc, _ := f.postForm(cookie, base+"/versioner/1/aterstall", url.Values{"_csrf": {csrf}, "version": {version}})
	cur := f.reload(st.ID)
	if code != 303 || loc != base || cur.Revision != 3 || cur.Body != "Första stycket.\n\nAndra stycket." {
		t.Fatalf("restore: %d %s, now revision %d %q", code, loc, cur.Revision, cur.Body)
	}
	var rev struct {
		AuthorName string `json:"author_name"`
		Body       string
	}
	mustUnmarshal(t, f.mustCall(200, "memberA", "GET", "/api/v1/statements/"+st.ID+"/revisions/2", ""), &rev)
	if !strings.Contains(rev.Body, "Ny rubrik") || rev.AuthorName != "Börje B" {
		t.Fatalf("revision 2 after the restore: %+v", rev)
	}
	f.mustCall(200, "secretariat", "POST", "/api/v1/statements/"+st.ID+"/signing", `{"sign_by":"`+inDays(7)+`"}`)
	frozen := f.reload(st.ID)
	f.mustCall(409, "memberA", "POST", "/api/v1/statements/"+st.ID+"/revisions/2/restore", `{"version":`+strconv.Itoa(frozen.Version)+`}`)
}

// TestDiffOnTheRenderedText: the diff page compares the rendered texts by
// default — no Markdown syntax, changed words marked — and the source one
// link away.
func TestDiffOnTheRenderedText(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementDraft, "Diff för människor")
	f.mustCall(200, "memberA", "PATCH", "/api/v1/statements/"+st.ID,
		`{"version":1,"body":"## Rubrik\n\nFörsta stycket, nu ändrat.\n\n- punkt ett\n- <script>x</script>\n\nAndra stycket."}`)
	base := "/internt/stallningstaganden/" + st.ID + "/jamfor?fran=1&till=2"
	_, page := f.htmlGet("memberB", base)
	doc := mustDocString(t, page)
	diff := doc.Find(".diff-rendered")
	if strings.Contains(diff.Text(), "##") || strings.Contains(diff.Text(), "- punkt") || strings.Contains(page, "<script>x") {
		t.Fatalf("the rendered diff shows Markdown syntax or script: %q", diff.Text())
	}
	if diff.Find(".diff-added h2").Text() != "Rubrik" || !strings.Contains(diff.Find(".diff-changed ins").Text(), "nu ändrat") ||
		diff.Find(".diff-same").Last().Text() != "Andra stycket." || diff.Find(".diff-added li").Length() != 2 {
		t.Fatalf("rendered diff: %q", diff.Text())
	}
	src, ok := doc.Find(`.view-toggle a`).Attr("href")
	if !ok || !strings.Contains(src, "visa=kalla") {
		t.Fatalf("no link to the source diff: %q", src)
	}
	_, page = f.htmlGet("memberB", src)
	if body := mustDocString(t, page).Find("pre.diff-body").Text(); !strings.Contains(body, "## Rubrik") {
		t.Fatalf("the source diff: %q", body)
	}
}
