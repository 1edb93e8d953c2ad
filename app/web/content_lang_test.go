package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"go.mongodb.org/mongo-driver/v2/bson"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/templates"
)

// contentKeys are the fields of stored documents that hold what people
// wrote (or a ministry, for a remiss): titles, summaries, texts, names,
// notes. Their values are Swedish, whatever language the page is in.
var contentKeys = map[string]bool{
	"title": true, "summary": true, "body": true, "text": true, "name": true, "issuer": true, "note": true,
	"decline_reason": true, "reason": true, "member_name": true, "signatory_name": true, "reservation": true,
	"author_name": true, "actor_name": true, "edited_by_name": true, "quote": true, "issue_title": true,
	"county": true, "topics": true, "who": true, "uptake_note": true, "detail": true, "dismiss_reason": true,
}

// notContent are collections whose strings are not anyone's Swedish text:
// tokens are named "test", notifications hold catalogue keys (their
// arguments are titles stored elsewhere), settings hold secrets.
var notContent = map[string]bool{"tokens": true, "notifications": true, "settings": true, "account_links": true}

// contentProbe is a piece of stored Swedish text and the fields that
// keep it.
type contentProbe struct {
	text   string
	fields []string
}

// storedContent reads every content field of every stored document and
// returns its lines (a Markdown body's paragraphs, without their marks)
// of at least four characters: the texts a page may show. A text that an
// English message also holds (a system actor named "import") cannot tell
// content from the page's own words and is left out.
func storedContent(t *testing.T, f *fixture, english []string) []contentProbe {
	t.Helper()
	ctx := context.Background()
	names, err := f.db.CollectionNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{} // index in out
	var out []contentProbe
	var walk func(col, key string, v bson.RawValue)
	walk = func(col, key string, v bson.RawValue) {
		switch v.Type {
		case bson.TypeString:
			if !contentKeys[key] {
				return
			}
			for _, line := range strings.Split(v.StringValue(), "\n") {
				line = strings.TrimSpace(strings.TrimLeft(line, "#>-*0123456789. "))
				if utf8.RuneCountInString(line) < 4 || inCatalogue(line, english) {
					continue
				}
				if i, ok := seen[line]; ok {
					out[i].fields = append(out[i].fields, col+"."+key)
					continue
				}
				seen[line] = len(out)
				out = append(out, contentProbe{line, []string{col + "." + key}})
			}
		case bson.TypeEmbeddedDocument:
			els, _ := v.Document().Elements()
			for _, e := range els {
				walk(col, e.Key(), e.Value())
			}
		case bson.TypeArray:
			vals, _ := v.Array().Values()
			for _, e := range vals {
				walk(col, key, e)
			}
		}
	}
	for _, n := range names {
		if notContent[n] {
			continue
		}
		if err := f.db.DumpCollection(ctx, n, func(r bson.Raw) error {
			walk(n, "", bson.RawValue{Type: bson.TypeEmbeddedDocument, Value: r})
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// swedishLetters are the letters no English message has.
const swedishLetters = "åäöÅÄÖ"

// unmarkedSwedish walks a page's body and returns every text (and every
// form field's value) that holds stored Swedish content, or a Swedish
// letter, but has no ancestor marked lang="sv". found counts, per field,
// the probes seen inside a Swedish element.
func unmarkedSwedish(doc *html.Node, probes []contentProbe, english []string, found map[string]int) []string {
	var out []string
	check := func(text, lang string) {
		text = strings.Join(strings.Fields(text), " ")
		if text == "" {
			return
		}
		hit := ""
		for _, p := range probes {
			if strings.Contains(text, p.text) {
				if strings.HasPrefix(lang, "sv") {
					for _, field := range p.fields {
						found[field]++
					}
				} else if hit == "" {
					hit = strings.Join(p.fields, ", ")
				}
			}
		}
		if strings.HasPrefix(lang, "sv") {
			return
		}
		if hit == "" && strings.ContainsAny(text, swedishLetters) && !inCatalogue(text, english) {
			hit = "a Swedish letter"
		}
		if hit != "" {
			out = append(out, fmt.Sprintf("%q (%s) in lang=%q", excerptOf(text), hit, lang))
		}
	}
	var walk func(n *html.Node, lang string)
	walk = func(n *html.Node, lang string) {
		if n.Type == html.ElementNode {
			if n.DataAtom == atom.Script || n.DataAtom == atom.Style || n.DataAtom == atom.Head {
				return
			}
			if l, ok := attr(n, "lang"); ok {
				lang = l
			}
			if role, _ := attr(n, "role"); role == "img" {
				// An image's parts are not read, only what names and
				// describes it.
				ids, _ := attr(n, "aria-labelledby")
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if id, _ := attr(c, "id"); id != "" && strings.Contains(" "+ids+" ", " "+id+" ") {
						walk(c, lang)
					}
				}
				return
			}
			if n.DataAtom == atom.Input {
				if typ, _ := attr(n, "type"); typ != "hidden" {
					v, _ := attr(n, "value")
					check(v, lang)
				}
			}
		}
		if n.Type == html.TextNode {
			check(n.Data, lang)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, lang)
		}
	}
	walk(doc, "")
	return out
}

func attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

// inCatalogue reports whether text is (part of) an English message: a few
// name a Swedish term on purpose ("Vår referens").
func inCatalogue(text string, english []string) bool {
	for _, m := range english {
		if strings.Contains(strings.Join(strings.Fields(m), " "), text) {
			return true
		}
	}
	return false
}

func excerptOf(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}

func withLang(path, lang string) string {
	if strings.Contains(path, "?") {
		return path + "&lang=" + lang
	}
	return path + "?lang=" + lang
}

// TestEnglishPagesMarkSwedishContent renders every page of the role table
// in English, as anyone, a signer, staff and the admin, after the kinds of
// content the pages show have been stored (statements, comments, notes,
// remisser, issues, positions, triage, search hits), and finds every piece
// of stored content (read back from the store's content fields) and every
// text with å, ä or ö inside an element marked lang="sv" (WCAG 3.1.2): a
// screen reader reads it with Swedish pronunciation.
func TestEnglishPagesMarkSwedishContent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	sync := f.withSyncedSearch()
	table := roleTable(f)
	staff := f.byRole["secretariat"]
	id := f.assessedRemiss(t, staff, "Remiss om vätgaslager i Ånge", "vatgaslager", "KN2026/7002", "Anteckning om följdfrågor till länsstyrelsen.")
	pub := f.mustStatementFrom(app.StatementPublished, `{"kind":"position_paper","title":"Ställningstagande om elnät i Ödeshög",`+
		`"summary":"Vi vill att nätägarna bygger ut snabbare.","topics":["Energi"],"body":"# Bakgrund\n\nElnätet i Norrbotten är fullt.\n\n- Fler ledningar behövs."}`)
	f.mustCall(201, "memberA", "POST", "/api/v1/statements/"+f.mustStatement(app.StatementDraft, "Utkast om kompetensförsörjning").ID+"/comments",
		`{"body":"Kommentar: här saknas siffror från Länsstyrelsen."}`)
	sync()
	extra := []string{"/internt/remisser/" + id, "/internt/inkorg?visa=dismissed", "/internt/inkorg?visa=accepted",
		"/stallningstaganden/" + pub.Slug, "/sok?q=eln%C3%A4t", "/sok?q=eln%C3%A4t&scope=internal", "/internt/notiser"}
	english := englishMessages(t)
	probes := storedContent(t, f, english)
	found := map[string]int{}
	seen := map[string]bool{}
	var problems []string
	check := func(role, path string) {
		if seen[role+path] {
			return
		}
		seen[role+path] = true
		resp := f.do(request{method: "GET", path: withLang(path, "en"), role: role, headers: map[string]string{"Accept": "text/html"}})
		if resp.StatusCode != 200 {
			problems = append(problems, fmt.Sprintf("%s %s: status %d", role, path, resp.StatusCode))
		}
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			resp.Body.Close()
			return
		}
		defer resp.Body.Close()
		doc, err := html.Parse(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range unmarkedSwedish(doc, probes, english, found) {
			problems = append(problems, role+" "+path+": "+p)
		}
	}
	for _, rc := range table {
		if rc.method != "GET" || strings.HasPrefix(rc.path, "/api/") {
			continue
		}
		for i, role := range roles {
			if rc.want[i] == 200 && (role == "secretariat" || role == "signerA" || role == "admin" || role == "") {
				check(role, rc.path)
			}
		}
	}
	for _, p := range extra {
		check("secretariat", p)
		if !strings.HasPrefix(p, "/internt/") && !strings.Contains(p, "scope=internal") {
			check("", p)
		}
	}
	sort.Strings(problems)
	for _, p := range problems {
		t.Error(p)
	}
	if len(seen) < 60 {
		t.Errorf("only %d pages rendered", len(seen))
	}
	// The check cannot pass by finding nothing: each kind of content was
	// seen, marked, on some page.
	for _, field := range []string{"statements.title", "statements.summary", "statements.body", "comments.body",
		"consultations.title", "consultations.issuer", "consultation_notes.body", "issues.title", "issues.summary",
		"issue_positions.text", "members.name", "users.name", "signatures.signatory_name", "triage.title"} {
		if found[field] == 0 {
			t.Errorf("%s: never seen inside lang=\"sv\" on an English page", field)
		}
	}
	if t.Failed() {
		t.Logf("probes: %d; seen marked: %v", len(probes), found)
	}
}

// englishMessages are the English catalogue's texts.
func englishMessages(t *testing.T) []string {
	msgs, err := templates.Messages()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range msgs["en"] {
		out = append(out, m)
	}
	return out
}

// TestFeedsAndExportsSayTheyAreSwedish: the Atom feed says xml:lang="sv"
// on its root, and a statement's Word and PDF files, fetched from an
// English page, name Swedish as the language of their text.
func TestFeedsAndExportsSayTheyAreSwedish(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatementFrom(app.StatementPublished, `{"kind":"position_paper","title":"Språket i flödet",`+
		`"summary":"Om språk.","body":"Text på svenska."}`)
	resp := f.do(request{method: "GET", path: "/feed.atom?lang=en"})
	feed, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	dec := xml.NewDecoder(bytes.NewReader(feed))
	var lang string
	for {
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("no root element in the feed: %v", err)
		}
		if root, ok := tok.(xml.StartElement); ok {
			for _, a := range root.Attr {
				if a.Name.Space == "http://www.w3.org/XML/1998/namespace" && a.Name.Local == "lang" {
					lang = a.Value
				}
			}
			break
		}
	}
	if lang != "sv" || !strings.Contains(string(feed), "Språket i flödet") {
		t.Errorf("feed: xml:lang %q\n%s", lang, feed)
	}
	docx, _ := f.download("", "/stallningstaganden/"+st.Slug+".docx?lang=en")
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, zf := range zr.File {
		r, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		r.Close()
		parts[zf.Name] = string(b)
	}
	if !strings.Contains(parts["docProps/core.xml"], "<dc:language>sv-SE</dc:language>") || !strings.Contains(parts["word/styles.xml"], `w:lang w:val="sv-SE"`) {
		t.Errorf("docx from an English page: core %q", parts["docProps/core.xml"])
	}
	pdf, _ := f.download("", "/stallningstaganden/"+st.Slug+".pdf?lang=en")
	if !bytes.Contains(pdf, []byte("/Lang (sv")) {
		t.Errorf("pdf from an English page has no /Lang (sv…): %d bytes", len(pdf))
	}
}
