package web

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/samsyn/samsyn/app"
)

// Pages render user-written Markdown here, and only here: app parses it
// (app.ParseMarkdown, app.Blocks); this file turns it into HTML. Raw HTML
// in the source is not rendered (goldmark's default), and the result is
// sanitised anyway: the one pipeline for all user-written text.

// htmlRenderer renders what app.ParseMarkdown parses, with the renderers
// of the same extensions (tables, strikethrough, autolinks).
var htmlRenderer renderer.Renderer = goldmark.New(goldmark.WithExtensions(app.MarkdownExtensions()...)).Renderer()

// sanitizer allows the HTML that Markdown produces and nothing that runs:
// no script, no event handlers, no javascript: or data: URLs, no style.
var sanitizer = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("id").Matching(bluemonday.SpaceSeparatedTokens).OnElements("h1", "h2", "h3", "h4", "h5", "h6")
	p.RequireNoFollowOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(false)
	return p
}()

// renderMarkdown turns user-written Markdown into HTML that is safe to
// insert into a page.
func renderMarkdown(src string) template.HTML {
	b := []byte(src)
	doc, _ := app.ParseMarkdown(b)
	return renderNode(b, doc)
}

// renderNode renders n, a node of the document parsed from src, and
// sanitises the result.
func renderNode(src []byte, n ast.Node) template.HTML {
	var buf bytes.Buffer
	if err := htmlRenderer.Render(&buf, src, n); err != nil {
		return template.HTML(template.HTMLEscapeString(string(src))) // #nosec: escaped
	}
	return template.HTML(sanitizer.SanitizeBytes(buf.Bytes())) // #nosec: sanitised above
}

// renderedBlock is one numbered block of a rendered text.
type renderedBlock struct {
	N       int           // as app.Blocks numbers it
	HTML    template.HTML // sanitised
	Excerpt string        // the start of its plain text
}

// renderBlocks renders the top-level blocks of src one by one, numbered as
// app.Blocks numbers them. The document is parsed once, so link
// references and heading ids are those of the whole text.
func renderBlocks(src string) []renderedBlock {
	b := []byte(src)
	_, shown := app.ParseMarkdown(b)
	out := make([]renderedBlock, 0, len(shown))
	for i, n := range shown {
		h := template.HTML(strings.TrimSpace(string(renderNode(b, n)))) // #nosec: trimmed sanitiser output
		out = append(out, renderedBlock{N: i + 1, HTML: h, Excerpt: excerpt(htmlText(string(h)), 60)})
	}
	return out
}

// htmlText returns the text of an HTML fragment, a space after each element.
func htmlText(s string) string {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		return ""
	}
	var b strings.Builder
	for _, n := range nodes {
		b.WriteString(nodeText(n))
	}
	return b.String()
}

func nodeText(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(nodeText(c))
		b.WriteByte(' ')
	}
	return b.String()
}

// excerpt returns the first max runes of s with spaces collapsed.
func excerpt(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return strings.TrimSpace(string(r[:max])) + "…"
}

// diffWords are the words a screen reader hears around changes.
type diffWords struct{ Inserted, Deleted, End string }

// diffHTML renders chunks as escaped text with <ins> and <del>. Each change
// carries visually hidden words (for example "tillagt:" and "slut") so
// that screen readers, which mostly ignore ins and del, announce it.
func diffHTML(chunks []app.DiffChunk, l diffWords) template.HTML {
	var b strings.Builder
	hidden := func(s string) string {
		return `<span class="visually-hidden">` + template.HTMLEscapeString(s) + `</span>`
	}
	for _, c := range chunks {
		text := template.HTMLEscapeString(c.Text)
		switch c.Op {
		case app.DiffInsert:
			b.WriteString("<ins>" + hidden("["+l.Inserted+" ") + text + hidden(" "+l.End+"]") + "</ins>")
		case app.DiffDelete:
			b.WriteString("<del>" + hidden("["+l.Deleted+" ") + text + hidden(" "+l.End+"]") + "</del>")
		default:
			b.WriteString(text)
		}
	}
	return template.HTML(b.String()) // #nosec: every piece of text is escaped above
}
