package app

import (
	"bytes"
	"html/template"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// markdown renders CommonMark with tables, strikethrough and autolinks.
// Raw HTML in the source is not rendered (goldmark's default), and the
// result is sanitised anyway: the one pipeline for all user-written text.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
)

// sanitizer allows the HTML that Markdown produces and nothing that runs:
// no script, no event handlers, no javascript: or data: URLs, no style.
var sanitizer = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("id").Matching(bluemonday.SpaceSeparatedTokens).OnElements("h1", "h2", "h3", "h4", "h5", "h6")
	p.RequireNoFollowOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(false)
	return p
}()

// MaxMarkdownLen bounds a Markdown text (about 100 pages of prose).
const MaxMarkdownLen = 200_000

// RenderMarkdown turns user-written Markdown into HTML that is safe to
// insert into a page.
func RenderMarkdown(src string) template.HTML {
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(src), &buf); err != nil {
		return template.HTML(template.HTMLEscapeString(src))
	}
	return template.HTML(sanitizer.SanitizeBytes(buf.Bytes())) // #nosec: sanitised above
}
