package export

import (
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension"
	eastast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// The Markdown of a statement is parsed once with goldmark (the same
// extensions as app.MarkdownExtensions, which the web pages render with)
// and its AST walked into a flat list of blocks, which the PDF and Word
// writers then lay out. Raw HTML is left out, as on the web page.
var markdown = goldmark.New(goldmark.WithExtensions(east.Table, east.Strikethrough, east.Linkify))

// maxDepth bounds how far nested lists and quotes are indented.
const maxDepth = 4

type blockKind int

const (
	blockPara blockKind = iota
	blockHeading
	blockItem    // a list item's first paragraph, with its marker
	blockItemCnt // a list item's further paragraphs
	blockQuote
	blockCode
	blockRule
	blockRow // a table row; Cells hold the cells
)

// block is one paragraph-like unit of the body.
type block struct {
	Kind    blockKind
	Level   int  // heading level 1–6
	Depth   int  // list nesting, 1 for a top-level list; 0 outside lists
	Ordered bool // numbered list item
	Number  int  // the item's number in an ordered list
	ListID  int  // the list the item belongs to, from 1; each list numbers anew
	Header  bool // a table's header row
	Spans   []span
	Cells   [][]span
}

// span is a run of inline text in one style.
type span struct {
	Text                string
	Bold, Italic, Code  bool
	URL                 string // a link target (http, https or mailto only)
	HardBreakAfterwards bool
}

// plain returns the text of spans without styles.
func plain(spans []span) string {
	var b strings.Builder
	for _, s := range spans {
		b.WriteString(s.Text)
		if s.HardBreakAfterwards {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// parseBlocks walks the Markdown AST of src into blocks.
func parseBlocks(src string) []block {
	source := []byte(src)
	root := markdown.Parser().Parse(text.NewReader(source))
	w := &walker{src: source}
	w.blocks(root, ctx{})
	return w.out
}

type walker struct {
	src   []byte
	out   []block
	lists int
}

// ctx is where a block sits: list depth, quote, current list.
type ctx struct {
	depth   int
	quote   bool
	ordered bool
	listID  int
}

func (w *walker) blocks(n ast.Node, c ctx) {
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		w.block(ch, c)
	}
}

func (w *walker) block(n ast.Node, c ctx) {
	switch n := n.(type) {
	case *ast.Heading:
		w.add(block{Kind: blockHeading, Level: n.Level, Spans: w.inlines(n, span{})}, c)
	case *ast.Paragraph, *ast.TextBlock:
		w.add(block{Kind: blockPara, Spans: w.inlines(n, span{})}, c)
	case *ast.List:
		w.lists++
		inner := ctx{depth: min(c.depth+1, maxDepth), quote: c.quote, ordered: n.IsOrdered(), listID: w.lists}
		number := n.Start
		if !n.IsOrdered() || number < 0 || number > 1_000_000 {
			number = 1
		}
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			w.item(item, inner, number)
			number++
		}
	case *ast.Blockquote:
		c.quote = true
		w.blocks(n, c)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		w.add(block{Kind: blockCode, Spans: []span{{Text: strings.TrimRight(w.lines(n), "\n"), Code: true}}}, c)
	case *ast.ThematicBreak:
		w.add(block{Kind: blockRule}, c)
	case *eastast.Table:
		for row := n.FirstChild(); row != nil; row = row.NextSibling() {
			b := block{Kind: blockRow, Header: row.Kind() == eastast.KindTableHeader}
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				b.Cells = append(b.Cells, w.inlines(cell, span{Bold: b.Header}))
			}
			w.add(b, c)
		}
	case *ast.HTMLBlock:
		// raw HTML is not rendered, as on the web page
	default:
		w.blocks(n, c)
	}
}

// item adds a list item: its first paragraph carries the marker, further
// paragraphs and nested lists follow indented.
func (w *walker) item(item ast.Node, c ctx, number int) {
	first := true
	for ch := item.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			kind := blockItemCnt
			if first {
				kind = blockItem
			}
			w.add(block{Kind: kind, Ordered: c.ordered, Number: number, ListID: c.listID, Spans: w.inlines(ch, span{})}, c)
		default:
			if first { // an item that starts with a nested list or code still gets its marker
				w.add(block{Kind: blockItem, Ordered: c.ordered, Number: number, ListID: c.listID}, c)
			}
			w.block(ch, c)
		}
		first = false
	}
	if first {
		w.add(block{Kind: blockItem, Ordered: c.ordered, Number: number, ListID: c.listID}, c)
	}
}

func (w *walker) add(b block, c ctx) {
	if b.Kind != blockHeading {
		b.Depth = c.depth
	}
	if c.quote && (b.Kind == blockPara || b.Kind == blockHeading) {
		b.Kind = blockQuote
	}
	if b.Kind == blockItem || b.Kind == blockItemCnt {
		b.Ordered, b.ListID = c.ordered, c.listID
	}
	w.out = append(w.out, b)
}

func (w *walker) lines(n ast.Node) string {
	var b strings.Builder
	l := n.Lines()
	for i := 0; i < l.Len(); i++ {
		seg := l.At(i)
		b.Write(seg.Value(w.src))
	}
	return clean(b.String())
}

// inlines collects the inline children of n in style st.
func (w *walker) inlines(n ast.Node, st span) []span {
	var out []span
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		out = append(out, w.inline(ch, st)...)
	}
	return merge(out)
}

func (w *walker) inline(n ast.Node, st span) []span {
	switch n := n.(type) {
	case *ast.Text:
		s := st
		s.Text = clean(string(n.Segment.Value(w.src)))
		if n.SoftLineBreak() {
			s.Text += " "
		}
		s.HardBreakAfterwards = n.HardLineBreak()
		return []span{s}
	case *ast.String:
		s := st
		s.Text = clean(string(n.Value))
		return []span{s}
	case *ast.CodeSpan:
		st.Code = true
		return w.inlines(n, st)
	case *ast.Emphasis:
		if n.Level >= 2 {
			st.Bold = true
		} else {
			st.Italic = true
		}
		return w.inlines(n, st)
	case *ast.Link:
		st.URL = safeURL(string(n.Destination))
		return w.inlines(n, st)
	case *ast.AutoLink:
		s := st
		s.Text, s.URL = clean(string(n.Label(w.src))), safeURL(string(n.URL(w.src)))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(s.URL), "mailto:") {
			s.URL = safeURL("mailto:" + string(n.URL(w.src)))
		}
		return []span{s}
	case *ast.RawHTML:
		return nil // not rendered, as on the web page
	}
	return w.inlines(n, st) // images (their alt text), strikethrough, the rest
}

// merge joins neighbouring spans of the same style.
func merge(spans []span) []span {
	var out []span
	for _, s := range spans {
		if s.Text == "" && !s.HardBreakAfterwards {
			continue
		}
		if k := len(out) - 1; k >= 0 && !out[k].HardBreakAfterwards && sameStyle(out[k], s) {
			out[k].Text += s.Text
			out[k].HardBreakAfterwards = s.HardBreakAfterwards
			continue
		}
		out = append(out, s)
	}
	return out
}

func sameStyle(a, b span) bool {
	return a.Bold == b.Bold && a.Italic == b.Italic && a.Code == b.Code && a.URL == b.URL
}

// safeURL keeps http, https and mailto links; anything else is dropped.
func safeURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return ""
		}
		return u.String()
	case "mailto":
		return u.String()
	}
	return ""
}
