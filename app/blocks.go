package app

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// The kinds of Block.
const (
	BlockParagraph = "paragraph"
	BlockHeading   = "heading"
	BlockList      = "list"
	BlockTable     = "table"
	BlockQuote     = "quote"
	BlockCode      = "code"
	BlockRule      = "rule" // a thematic break
)

// Block is one top-level block of a Markdown text — a paragraph, heading,
// list, table, quote, code block or rule — as the statement page shows and
// numbers it, and comments are anchored to it.
type Block struct {
	N    int    // from 1, as the page numbers it
	Kind string // BlockParagraph, BlockHeading, …
	// Source is the block's Markdown: from the start of its first line up
	// to the next block, without the white space that ends it. Matter the
	// page does not show (raw HTML, link reference definitions) stays with
	// the block before it.
	Source string
	// Sep is the white space after Source: the line breaks and blank lines
	// up to the next block, or up to the end of the text.
	Sep string
}

// Blocks returns the top-level blocks of the Markdown text src, numbered
// from 1 as the rendered page numbers them.
func Blocks(src string) []Block {
	_, blocks := SplitBlocks(src)
	return blocks
}

// SplitBlocks splits src into the text before its first block (white
// space or matter the page does not show; all of src if it shows nothing)
// and its blocks. JoinBlocks(SplitBlocks(src)) is src again, byte for byte.
func SplitBlocks(src string) (lead string, blocks []Block) {
	_, shown := ParseMarkdown([]byte(src))
	starts := make([]int, 0, len(shown)+1)
	for _, n := range shown {
		s := lineStart(src, blockStart(n, len(src)))
		if k := len(starts); k > 0 && s < starts[k-1] {
			s = starts[k-1]
		}
		starts = append(starts, s)
	}
	if len(starts) == 0 {
		return src, nil
	}
	starts = append(starts, len(src))
	for i, n := range shown {
		span := src[starts[i]:starts[i+1]]
		source := strings.TrimRight(span, " \t\r\n")
		blocks = append(blocks, Block{N: i + 1, Kind: blockKind(n), Source: source, Sep: span[len(source):]})
	}
	return src[:starts[0]], blocks
}

// JoinBlocks puts a text split by SplitBlocks together again.
func JoinBlocks(lead string, blocks []Block) string {
	var b strings.Builder
	b.WriteString(lead)
	for _, bl := range blocks {
		b.WriteString(bl.Source + bl.Sep)
	}
	return b.String()
}

func blockKind(n ast.Node) string {
	switch n.Kind() {
	case ast.KindParagraph:
		return BlockParagraph
	case ast.KindHeading:
		return BlockHeading
	case ast.KindList:
		return BlockList
	case east.KindTable:
		return BlockTable
	case ast.KindBlockquote:
		return BlockQuote
	case ast.KindFencedCodeBlock, ast.KindCodeBlock:
		return BlockCode
	case ast.KindThematicBreak:
		return BlockRule
	}
	return strings.ToLower(n.Kind().String())
}

// blockStart is the earliest offset in src that top-level node n is known
// to start at: its own position (the parser's, which may count a tab as
// several columns) or that of its first text, whichever comes first. A
// table's own position is that of the paragraph it was cut from, so its
// header row's is used instead.
func blockStart(n ast.Node, max int) int {
	start := max
	if n.Kind() == east.KindTable {
		if h := n.FirstChild(); h != nil && h.Pos() >= 0 {
			start = h.Pos()
		}
	} else if p := n.Pos(); p >= 0 && p < start {
		start = p
	}
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if t, ok := c.(*ast.Text); ok && t.Segment.Start < start {
			start = t.Segment.Start
		}
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 && c.Lines().At(0).Start < start {
			start = c.Lines().At(0).Start
		}
		return ast.WalkContinue, nil
	})
	return start
}

// lineStart returns the offset of the start of the line that holds offset i.
func lineStart(src string, i int) int {
	if i > len(src) {
		i = len(src)
	}
	return strings.LastIndexByte(src[:i], '\n') + 1
}
