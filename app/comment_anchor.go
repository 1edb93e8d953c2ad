package app

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Comments are anchored to text, not to block numbers. A comment keeps the
// revision it was made on, its block there and its quote; where it sits
// in the current text is worked out when it is read:
//
//  1. The blocks of its revision are aligned with the current blocks by
//     their longest common subsequence of equal (folded) texts. A block
//     that is still there, however many blocks were inserted or deleted
//     around it, is where the comment sits.
//  2. A block that changed falls in a gap of the alignment: between the
//     current blocks that its unchanged neighbours became. A comment on a
//     phrase goes to the first block of that gap that still holds the
//     phrase; failing that, to the block that holds it when only one
//     does, or the one nearest the gap when several do.
//  3. A comment on a whole block goes to an equal block elsewhere (the
//     block moved), else to the block of its gap most like the old one
//     (at least half its words: the block was reworded).
//  4. Otherwise its words are gone: the comment is outdated and shown
//     with its quote, never on some other block.
//
// Step 0: a quote found in exactly one current block is placed there at
// once, and only the other comments need their revision (place,
// comment_reads.go), read and split once per listing (and kept in a
// cache: revisions never change), not once per comment.

// foldText is s as anchoring compares it: the plain text of its Markdown
// without emphasis marks, table rules and case, its spaces collapsed, so
// that a phrase selected on the rendered page matches its source.
func foldText(s string) string {
	s = PlainText(s)
	out := make([]byte, 0, len(s))
	wordStart, inWord, rule := 0, false, false
	end := func() {
		if inWord && rule { // a table's rule row or a thematic break
			out = out[:wordStart]
		}
		inWord = false
	}
	for _, r := range s {
		switch {
		case r == '*' || r == '_' || r == '`' || r == '~' || r == '\\':
			continue
		case r == '|' || unicode.IsSpace(r):
			end()
			continue
		}
		if !inWord {
			wordStart, inWord, rule = len(out), true, true
			if len(out) > 0 {
				out = append(out, ' ')
			}
		}
		rule = rule && (r == '-' || r == ':')
		out = utf8.AppendRune(out, unicode.ToLower(r))
	}
	end()
	return string(out)
}

// QuoteOf is the quote of a comment on a whole block, for showing: its
// plain text, cut to MaxQuoteLen runes with an ellipsis. Anchoring such a
// comment compares whole blocks (Comment.Whole), not this quote.
func QuoteOf(b Block) string {
	s := strings.Join(strings.Fields(strings.NewReplacer("**", "", "__", "", "`", "").Replace(PlainText(b.Source))), " ")
	if r := []rune(s); len(r) > MaxQuoteLen {
		s = string(r[:MaxQuoteLen-1]) + "…"
	}
	return s
}

// foldedBlocks splits a Markdown body into its blocks' folded texts.
func foldedBlocks(body string) []string {
	blocks := Blocks(body)
	out := make([]string, len(blocks))
	for i, b := range blocks {
		out[i] = foldText(b.Source)
	}
	return out
}

// alignBlocks maps each block of old to the block of cur it is equal to
// in their longest common subsequence, or -1.
func alignBlocks(old, cur []string) []int {
	n, m := len(old), len(cur)
	if slices.Equal(old, cur) { // comments on the current text: nothing to align
		match := make([]int, n)
		for i := range match {
			match[i] = i
		}
		return match
	}
	lcs := make([][]int32, n+1) // lcs[i][j]: of old[i:] and cur[j:]
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case old[i] == cur[j]:
				lcs[i][j] = lcs[i+1][j+1] + 1
			case lcs[i+1][j] >= lcs[i][j+1]:
				lcs[i][j] = lcs[i+1][j]
			default:
				lcs[i][j] = lcs[i][j+1]
			}
		}
	}
	match := make([]int, n)
	for i, j := 0, 0; i < n; {
		switch {
		case j < m && old[i] == cur[j]:
			match[i] = j
			i, j = i+1, j+1
		case j < m && lcs[i][j+1] > lcs[i+1][j]:
			j++
		default:
			match[i] = -1
			i++
		}
	}
	return match
}

// onlyHolder returns the one block of cur that holds the quote of a
// comment — equals it, for a comment on a whole block — or -1 when none
// or several do. A comment whose words occur exactly once belongs there,
// wherever the alignment would look first.
func onlyHolder(cur []string, quote string, whole bool) int {
	q := foldText(quote)
	if q == "" {
		return -1
	}
	found := -1
	for k, s := range cur {
		if s == q || !whole && strings.Contains(s, q) {
			if found >= 0 {
				return -1
			}
			found = k
		}
	}
	return found
}

// gapOf is the range [lo, hi) of current blocks between those that the
// nearest unchanged neighbours of old block i became.
func gapOf(match []int, i, cur int) (lo, hi int) {
	lo, hi = 0, cur
	for k := i - 1; k >= 0; k-- {
		if match[k] >= 0 {
			lo = match[k] + 1
			break
		}
	}
	for k := i + 1; k < len(match); k++ {
		if match[k] >= 0 {
			hi = match[k]
			break
		}
	}
	return lo, hi
}

// placeComment returns where a comment on block b (from 1) of old, about
// quote or the whole block, sits in cur: its block (from 1), or outdated.
func placeComment(old, cur []string, match []int, b int, quote string, whole bool) (anchor int, outdated bool) {
	i := b - 1
	if i < 0 || i >= len(old) {
		return 0, true
	}
	if match[i] >= 0 {
		return match[i] + 1, false
	}
	lo, hi := gapOf(match, i, len(cur))
	var k int
	if whole {
		k = placeBlock(old[i], cur, lo, hi)
	} else {
		k = placePhrase(foldText(quote), cur, lo, hi)
	}
	if k < 0 {
		return 0, true
	}
	return k + 1, false
}

// placeBlock finds the block text: an equal block nearest the gap [lo,
// hi), else the block in the gap most like it; -1 if none is.
func placeBlock(text string, cur []string, lo, hi int) int {
	if k := nearest(cur, lo, hi, func(s string) bool { return s == text }); k >= 0 {
		return k
	}
	best, score := -1, 0.5
	for k := lo; k < hi; k++ {
		if s := similarity(text, cur[k]); s >= score {
			best, score = k, s
		}
	}
	return best
}

// placePhrase finds the block that holds the folded phrase q: the first
// in the gap [lo, hi), else the one nearest it; -1 if none does.
func placePhrase(q string, cur []string, lo, hi int) int {
	if q == "" {
		return -1
	}
	return nearest(cur, lo, hi, func(s string) bool { return strings.Contains(s, q) })
}

// nearest returns the first block in [lo, hi) that ok accepts, else the
// accepted block nearest that range (the earlier on a tie), else -1.
func nearest(cur []string, lo, hi int, ok func(string) bool) int {
	best, dist := -1, len(cur)+1
	for k, s := range cur {
		if !ok(s) {
			continue
		}
		d := 0
		if k < lo {
			d = lo - k
		} else if k >= hi {
			d = k - hi + 1
		}
		if d < dist {
			best, dist = k, d
		}
	}
	return best
}

// similarity is the share of words two folded texts have in common
// (Dice's coefficient over their word multisets), from 0 to 1.
func similarity(a, b string) float64 {
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa)+len(wb) == 0 {
		return 1
	}
	count := map[string]int{}
	for _, w := range wa {
		count[w]++
	}
	common := 0
	for _, w := range wb {
		if count[w] > 0 {
			count[w]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(wa)+len(wb))
}
