package app

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// MarkdownExtensions are the goldmark extensions of every user-written
// text: tables, strikethrough and autolinks on top of CommonMark. Package
// web renders with them; package app only parses.
func MarkdownExtensions() []goldmark.Extender {
	return []goldmark.Extender{extension.Table, extension.Strikethrough, extension.Linkify}
}

// markdownParser reads CommonMark with MarkdownExtensions and gives
// headings ids. Raw HTML is parsed but never shown (see ParseMarkdown).
var markdownParser = goldmark.New(
	goldmark.WithExtensions(MarkdownExtensions()...),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
).Parser()

// MaxMarkdownLen bounds a Markdown text (about 100 pages of prose).
const MaxMarkdownLen = 200_000

// ParseMarkdown parses src as every user-written text is parsed and
// returns its document and the top-level blocks a page shows, in order:
// every top-level node but raw HTML and link reference definitions, which
// render to nothing. Blocks numbers these same nodes, so a page that
// renders them one by one numbers its paragraphs as Blocks does.
func ParseMarkdown(src []byte) (doc ast.Node, shown []ast.Node) {
	doc = markdownParser.Parse(text.NewReader(src))
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if shownBlock(n) {
			shown = append(shown, n)
		}
	}
	return doc, shown
}

func shownBlock(n ast.Node) bool {
	switch n.Kind() {
	case ast.KindHTMLBlock, ast.KindLinkReferenceDefinition:
		return false
	}
	return true
}
