package web

import (
	"html/template"
	"strings"

	"github.com/samsyn/samsyn/app"
)

// The diff for people: the two texts are rendered block by block, the
// blocks aligned by their plain text (so that a change of Markdown syntax
// alone shows as none), kept blocks shown as rendered, and changed blocks
// shown word by word on their plain text — no "##" or "-" that the reader
// never wrote. The source diff (diffHTML on the Markdown) is one link away.

// blockDiffView is one block of the rendered diff.
type blockDiffView struct {
	State string        // "same", "changed", "added", "removed"
	HTML  template.HTML // sanitised block, or the escaped word diff
}

// renderedDiff compares the bodies from and to as people read them.
func renderedDiff(from, to string, l diffWords) []blockDiffView {
	a, b := renderBlocks(from), renderBlocks(to)
	ta, tb := blockTexts(a), blockTexts(b)
	var out []blockDiffView
	var dels, inss []int
	flush := func() {
		out = append(out, pairBlocks(a, b, ta, tb, dels, inss, l)...)
		dels, inss = dels[:0], inss[:0]
	}
	for _, ch := range app.AlignBlocks(ta, tb) {
		switch ch.Op {
		case app.DiffDelete:
			dels = append(dels, ch.From)
		case app.DiffInsert:
			inss = append(inss, ch.To)
		default:
			flush()
			out = append(out, blockDiffView{"same", b[ch.To].HTML})
		}
	}
	flush()
	return out
}

// pairBlocks shows a run of deleted blocks dels and inserted blocks inss:
// a deleted block with an inserted one alike enough to be its new wording
// (in order) is shown changed, word by word; the others whole.
func pairBlocks(a, b []renderedBlock, ta, tb []string, dels, inss []int, l diffWords) []blockDiffView {
	var out []blockDiffView
	j := 0
	for _, d := range dels {
		k := j
		for k < len(inss) && !alike(ta[d], tb[inss[k]]) {
			k++
		}
		if k == len(inss) {
			out = append(out, blockDiffView{"removed", wholeBlock("del", l.Deleted, l.End, a[d].HTML)})
			continue
		}
		for ; j < k; j++ {
			out = append(out, blockDiffView{"added", wholeBlock("ins", l.Inserted, l.End, b[inss[j]].HTML)})
		}
		words := diffHTML(app.WordDiff(ta[d], tb[inss[k]]), l)
		out = append(out, blockDiffView{"changed", "<p>" + words + "</p>"})
		j = k + 1
	}
	for ; j < len(inss); j++ {
		out = append(out, blockDiffView{"added", wholeBlock("ins", l.Inserted, l.End, b[inss[j]].HTML)})
	}
	return out
}

// alike reports whether at least half of the longer of two texts is kept
// in the other: the same block reworded rather than another block.
func alike(x, y string) bool {
	kept := 0
	for _, c := range app.WordDiff(x, y) {
		if c.Op == app.DiffEqual {
			kept += len(c.Text)
		}
	}
	return 2*kept >= max(len(x), len(y))
}

// blockTexts returns the plain text of each rendered block, spaces collapsed.
func blockTexts(blocks []renderedBlock) []string {
	out := make([]string, len(blocks))
	for i, bl := range blocks {
		out[i] = strings.Join(strings.Fields(htmlText(string(bl.HTML))), " ")
	}
	return out
}

// wholeBlock marks a whole rendered block as inserted or deleted, with the
// words a screen reader hears around it.
func wholeBlock(tag, word, end string, h template.HTML) template.HTML {
	hidden := func(s string) string {
		return `<span class="visually-hidden">` + template.HTMLEscapeString(s) + `</span>`
	}
	return template.HTML(hidden("["+word+"]") + "<" + tag + ">" + string(h) + "</" + tag + ">" + hidden("["+end+"]")) // #nosec: sanitised block, escaped words
}
