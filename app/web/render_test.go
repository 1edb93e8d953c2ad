package web

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/samsyn/samsyn/app"
)

// xssPayloads are known ways to get script into a page through Markdown.
var xssPayloads = []string{
	`<script>alert(1)</script>`,
	`<img src=x onerror=alert(1)>`,
	`[klicka](javascript:alert(1))`,
	`[klicka](JaVaScRiPt:alert(1))`,
	`[klicka](&#106;avascript:alert(1))`,
	`![bild](javascript:alert(1))`,
	`<a href="javascript:alert(1)">x</a>`,
	`<svg onload=alert(1)>`,
	`<iframe src="https://evil.example"></iframe>`,
	`<div style="background:url(javascript:alert(1))">x</div>`,
	`[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
	"```html\n<script>alert(1)</script>\n```",
	`<details open ontoggle=alert(1)>`,
	`<a href="https://ok.example" onclick="alert(1)">x</a>`,
	`<form action="javascript:alert(1)"><button>x</button></form>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
}

// dangerous parses rendered HTML and reports the first element or
// attribute that could run script, or "".
func dangerous(out string) string {
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script", "iframe", "svg", "math", "style", "form", "object", "embed", "base", "meta", "link":
				return "<" + tok.Data + ">"
			}
			for _, a := range tok.Attr {
				v := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
				switch {
				case strings.HasPrefix(a.Key, "on"), a.Key == "style", a.Key == "srcdoc", a.Key == "formaction":
					return a.Key
				case (a.Key == "href" || a.Key == "src" || a.Key == "action") &&
					(strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") || strings.HasPrefix(v, "vbscript:")):
					return a.Key + "=" + v
				}
			}
		}
	}
}

func TestRenderMarkdownRemovesScript(t *testing.T) {
	for _, p := range xssPayloads {
		out := string(renderMarkdown("Text före.\n\n" + p + "\n\nText efter."))
		if bad := dangerous(out); bad != "" {
			t.Errorf("%q rendered as %q (contains %s)", p, out, bad)
		}
		if !strings.Contains(out, "Text efter.") {
			t.Errorf("%q swallowed the following text: %q", p, out)
		}
	}
}

func TestRenderMarkdownKeepsProse(t *testing.T) {
	out := string(renderMarkdown("## Elnätet\n\n- **Kapacitet** i *Norrbotten*\n- [Regeringen](https://www.regeringen.se)\n\n| a | b |\n|---|---|\n| å | ö |"))
	for _, want := range []string{"<h2", "Elnätet</h2>", "<li><strong>Kapacitet</strong>", `href="https://www.regeringen.se"`, "<table>", "<td>å</td>"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q: %s", want, out)
		}
	}
}

func FuzzRenderMarkdown(f *testing.F) {
	for _, p := range xssPayloads {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out := string(renderMarkdown(src))
		if bad := dangerous(out); bad != "" {
			t.Fatalf("%q rendered as %q (contains %s)", src, out, bad)
		}
	})
}

// TestDiffHTMLEscapesAndLabels checks that diff markup escapes the texts
// and announces each change to screen readers.
func TestDiffHTMLEscapesAndLabels(t *testing.T) {
	chunks := app.WordDiff("<b>gammal</b> text", `<script>alert(1)</script> text`)
	out := string(diffHTML(chunks, diffWords{Inserted: "tillagt:", Deleted: "borttaget:", End: "slut"}))
	if d := dangerous(out); d != "" || strings.Contains(out, "<script") || strings.Contains(out, "<b>") {
		t.Fatalf("diff HTML lets markup through (%s): %s", d, out)
	}
	if !strings.Contains(out, `<ins><span class="visually-hidden">[tillagt: </span>`) ||
		!strings.Contains(out, `<del><span class="visually-hidden">[borttaget: </span>`) {
		t.Fatalf("changes are not announced to screen readers: %s", out)
	}
}

// FuzzDiffHTML checks that the markup of a diff never carries markup from
// either text.
func FuzzDiffHTML(f *testing.F) {
	for _, p := range xssPayloads {
		f.Add("Nätverket tillstyrker", p)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			t.Skip()
		}
		out := string(diffHTML(app.WordDiff(a, b), diffWords{Inserted: "+", Deleted: "-", End: "."}))
		if d := dangerous(out); d != "" {
			t.Fatalf("diff HTML of %q → %q has %s: %s", a, b, d, out)
		}
	})
}

func TestRenderBlocks(t *testing.T) {
	ps := renderBlocks("# Rubrik\n\nFörsta stycket med **fet** text.\n\n- ett\n- två\n\n<script>alert(1)</script>\n\nSista.")
	if len(ps) != 4 {
		t.Fatalf("got %d paragraphs: %+v", len(ps), ps)
	}
	if ps[0].N != 1 || !strings.HasPrefix(string(ps[0].HTML), "<h1") || ps[1].Excerpt != "Första stycket med fet text." ||
		!strings.HasPrefix(string(ps[2].HTML), "<ul>") || ps[3].Excerpt != "Sista." {
		t.Fatalf("paragraphs: %+v", ps)
	}
}

// TestRenderBlocksKeepsTheWholeText checks that blocks rendered one by one
// resolve link references and heading ids as the whole text does.
func TestRenderBlocksKeepsTheWholeText(t *testing.T) {
	ps := renderBlocks("## Syfte\n\nSe [lagen][l].\n\n## Syfte\n\n[l]: https://www.riksdagen.se")
	if len(ps) != 3 || !strings.Contains(string(ps[1].HTML), `href="https://www.riksdagen.se"`) ||
		!strings.Contains(string(ps[0].HTML), `id="syfte"`) || !strings.Contains(string(ps[2].HTML), `id="syfte-1"`) {
		t.Fatalf("blocks: %+v", ps)
	}
}

// topElements counts the top-level elements of an HTML fragment, as the
// statement page once split the whole rendered text into paragraphs.
func topElements(s string) int {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, _ := html.ParseFragment(strings.NewReader(s), body)
	n := 0
	for _, c := range nodes {
		if c.Type != html.TextNode || strings.TrimSpace(c.Data) != "" {
			n++
		}
	}
	return n
}

// FuzzRenderBlocks checks that no block lets script through, and that the
// blocks the page numbers are app.Blocks and the top-level elements of the
// whole rendered text, one for one.
func FuzzRenderBlocks(f *testing.F) {
	for _, p := range xssPayloads {
		f.Add(p)
		f.Add("Stycke ett\n\n" + p + "\n\nStycke tre")
	}
	f.Add("Inledning\n| a | b |\n|---|---|\n| å | ö |\n\n[l]: /x\n\n***\n\n> c")
	f.Fuzz(func(t *testing.T, src string) {
		ps := renderBlocks(src)
		for _, p := range ps {
			if d := dangerous(string(p.HTML)); d != "" {
				t.Fatalf("paragraph %d of %q has %s: %s", p.N, src, d, p.HTML)
			}
		}
		if n, want := len(app.Blocks(src)), topElements(string(renderMarkdown(src))); len(ps) != n || n != want {
			t.Fatalf("%q: %d rendered blocks, %d app.Blocks, %d top-level elements", src, len(ps), n, want)
		}
	})
}
