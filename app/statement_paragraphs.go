package app

import (
	"html/template"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Paragraph is one top-level block of a rendered text (a paragraph,
// heading, list, table, quote…), numbered from 1 so that comments can be
// anchored to it.
type Paragraph struct {
	N       int
	HTML    template.HTML // sanitised, from RenderMarkdown
	Excerpt string        // the start of its plain text
}

// Paragraphs renders src with RenderMarkdown and splits the result into
// its top-level blocks. It only re-serialises what the sanitiser let
// through, so each block is as safe as the whole.
func Paragraphs(src string) []Paragraph {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(string(RenderMarkdown(src))), body)
	if err != nil {
		return nil
	}
	var out []Paragraph
	for _, n := range nodes {
		if n.Type == html.TextNode && strings.TrimSpace(n.Data) == "" {
			continue
		}
		var b strings.Builder
		if err := html.Render(&b, n); err != nil {
			continue
		}
		out = append(out, Paragraph{N: len(out) + 1, HTML: template.HTML(b.String()), // #nosec: re-serialised sanitiser output
			Excerpt: paragraphExcerpt(nodeText(n), 60)})
	}
	return out
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

// paragraphExcerpt returns the first max runes of s with spaces collapsed.
func paragraphExcerpt(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return strings.TrimSpace(string(r[:max])) + "…"
}
