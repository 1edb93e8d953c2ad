package web_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/samsyn/samsyn/app"
)

// stmtXSS are known ways to get script into a page through user text.
var stmtXSS = []string{
	`<script>alert(1)</script>`, `<img src=x onerror=alert(1)>`, `[klicka](javascript:alert(1))`,
	`[x](JaVaScRiPt:alert(1))`, `<a href="javascript:alert(1)">x</a>`, `<svg onload=alert(1)>`,
	`<iframe src="https://evil.example"></iframe>`, `"><script>alert(1)</script>`, `' onmouseover='alert(1)`,
	`<details open ontoggle=alert(1)>`, `[x](data:text/html;base64,PHNjcmlwdD4=)`, "<style>*{display:none}</style>",
}

// scriptFree reports the first script-capable element or attribute in a page.
func scriptFree(page string) string {
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script":
				for _, a := range tok.Attr {
					if a.Key == "src" && strings.HasPrefix(a.Val, "/static/") {
						goto attrs // our own editor.js
					}
				}
				return "<script>"
			case "iframe", "svg", "style", "object", "embed", "img":
				return "<" + tok.Data + ">"
			}
		attrs:
			for _, a := range tok.Attr {
				v := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
				if strings.HasPrefix(a.Key, "on") || a.Key == "style" || strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") {
					return a.Key + "=" + a.Val
				}
			}
		}
	}
}

// TestXSSNeverReachesAPage writes every payload into every user-written
// field of a statement (text, topics, comments, replies, signatures) and
// checks every page that shows them.
func TestXSSNeverReachesAPage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	all := strings.Join(stmtXSS, "\n\n")
	js := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	var st stmtJSON
	mustUnmarshal(t, f.mustCall(201, "memberA", "POST", "/api/v1/statements",
		`{"kind":"position_paper","title":`+js("Titel "+stmtXSS[0])+`,"summary":`+js(all)+`,"body":`+js(all)+
			`,"topics":[`+js(stmtXSS[1])+`]}`), &st)
	f.mustCall(200, "memberB", "PATCH", "/api/v1/statements/"+st.ID, `{"version":1,"body":`+js(all+"\n\nTillagt "+stmtXSS[2])+`}`)
	var cm struct{ ID string }
	for i, p := range stmtXSS {
		mustUnmarshal(t, f.mustCall(201, "memberA", "POST", "/api/v1/statements/"+st.ID+"/comments", `{"body":`+js(p)+`,"anchor":`+itoaT(i%3)+`}`), &cm)
	}
	f.mustCall(201, "memberB", "POST", "/api/v1/statements/"+st.ID+"/comments", `{"body":`+js(stmtXSS[3])+`,"parent_id":"`+cm.ID+`"}`)
	f.mustCall(200, "secretariat", "POST", "/api/v1/statements/"+st.ID+"/signing", `{"sign_by":"`+inDays(5)+`"}`)
	st = f.reload(st.ID)
	sig := strings.Replace(signBody("", st.ContentHash), `"Sören Signer"`, js(stmtXSS[7]), 1)
	sig = strings.Replace(sig, `"member_reference"`, `"reservation":`+js(stmtXSS[4])+`,"member_reference"`, 1)
	f.mustCall(201, "signerA", "POST", "/api/v1/statements/"+st.ID+"/signatures", sig)
	in := "/internt/stallningstaganden/"
	pages := []string{in, in + st.ID, in + st.ID + "/versioner", in + st.ID + "/jamfor?fran=1&till=2",
		in + st.ID + "/signering", in + st.ID + "/logg", in + "logg", "/oversikt"}
	check := func(role, path string) {
		status, page := f.htmlGet(role, path)
		if status != 200 {
			t.Errorf("%s: status %d", path, status)
		}
		if d := scriptFree(page); d != "" {
			t.Errorf("%s as %q: %s reached the page", path, role, d)
		}
	}
	for _, p := range pages {
		check("secretariat", p)
	}
	f.mustCall(200, "secretariat", "POST", "/api/v1/statements/"+st.ID+"/publish", "")
	check("", "/stallningstaganden/"+st.Slug)
	check("", "/")
	status, out := f.call("memberA", "POST", "/api/v1/preview", `{"body":`+js(all)+`}`)
	if status != 200 || scriptFree(out) != "" && strings.Contains(out, "<script") {
		t.Errorf("preview: %d %s", status, out)
	}
	var prev struct{ HTML string }
	mustUnmarshal(t, out, &prev)
	if d := scriptFree(prev.HTML); d != "" {
		t.Errorf("preview lets %s through", d)
	}
}

func itoaT(n int) string { return string(rune('0' + n)) }

// untranslatedStmt matches a statement message key that leaked into a page.
var untranslatedStmt = regexp.MustCompile(`\b(statements|stmtfield|stmthint|signing|comments|revisions|diff|pubstmt|audit|kind)\.[a-z_]+\b`)

// TestStatementPagesRender renders each statement page in Swedish and
// English: one h1, a title, no untranslated key, labelled form fields.
func TestStatementPagesRender(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	draft := f.mustStatement(app.StatementDraft, "Utkast att visa")
	signing := f.mustStatement(app.StatementSigning, "Under underskrift att visa")
	published := f.mustStatement(app.StatementPublished, "Publicerat att visa")
	withdrawn := f.mustStatement(app.StatementWithdrawn, "Tillbakadraget att visa")
	f.mustCall(201, "memberA", "POST", "/api/v1/statements/"+draft.ID+"/comments", `{"body":"Bra stycke","anchor":1}`)
	in := "/internt/stallningstaganden"
	pages := []struct{ path, role string }{{in, "memberA"}, {in + "/ny", "memberA"}, {in + "/logg", "secretariat"},
		{in + "/" + draft.ID, "memberA"}, {in + "/" + draft.ID, "secretariat"}, {in + "/" + signing.ID, "secretariat"},
		{in + "/" + published.ID, "secretariat"}, {in + "/" + draft.ID + "/versioner", "memberB"},
		{in + "/" + draft.ID + "/jamfor", "memberB"}, {in + "/" + signing.ID + "/signering", "signerA"},
		{in + "/" + signing.ID + "/signering", "secretariat"}, {in + "/" + published.ID + "/signering", "memberB"},
		{in + "/" + published.ID + "/logg", "admin"}, {"/stallningstaganden/" + published.Slug, ""},
		{"/stallningstaganden/" + withdrawn.Slug, ""}}
	for _, p := range pages {
		for _, lang := range []string{"sv", "en"} {
			status, body := f.htmlGet(p.role, p.path+"?lang="+lang)
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
			if err != nil || status != 200 {
				t.Fatalf("%s (%s): %d %v", p.path, lang, status, err)
			}
			if doc.Find("h1").Length() != 1 || doc.Find("html").AttrOr("lang", "") != lang {
				t.Errorf("%s (%s): want one h1 and lang=%s", p.path, lang, lang)
			}
			if k := untranslatedStmt.FindString(doc.Find("body").Text()); k != "" {
				t.Errorf("%s (%s): untranslated key %q", p.path, lang, k)
			}
			doc.Find("main input:not([type=hidden]), main textarea, main select").Each(func(_ int, s *goquery.Selection) {
				if id := s.AttrOr("id", ""); id == "" || doc.Find(`label[for="`+id+`"]`).Length() != 1 {
					t.Errorf("%s: field %s has no label", p.path, s.AttrOr("name", "?"))
				}
			})
		}
	}
}
