package app

import "github.com/sergi/go-diff/diffmatchpatch"

// BlockChange is one step of the alignment of two lists of blocks: a block
// kept (in both), deleted (only in the older) or inserted (only in the
// newer). From and To index the two lists; -1 where the block is absent.
type BlockChange struct {
	Op       DiffOp
	From, To int
}

// AlignBlocks aligns the blocks a of an older text with the blocks b of a
// newer one, each given as the text that identifies it (for people: its
// plain text, so that a change of Markdown syntax alone is no change). A
// changed block is a deletion followed by an insertion; callers that show
// changes word by word pair them up.
func AlignBlocks(a, b []string) []BlockChange {
	ids := map[string]rune{}
	encode := func(blocks []string) []rune {
		out := make([]rune, len(blocks))
		for i, t := range blocks {
			r, ok := ids[t]
			if !ok {
				r = rune(0x10000 + len(ids)) // above the surrogates, one rune per distinct block
				ids[t] = r
			}
			out[i] = r
		}
		return out
	}
	ra, rb := encode(a), encode(b)
	var out []BlockChange
	i, j := 0, 0
	for _, d := range diffmatchpatch.New().DiffMainRunes(ra, rb, false) {
		for range []rune(d.Text) {
			switch opOf(d.Type) {
			case DiffEqual:
				out = append(out, BlockChange{DiffEqual, i, j})
				i, j = i+1, j+1
			case DiffDelete:
				out = append(out, BlockChange{DiffDelete, i, -1})
				i++
			default:
				out = append(out, BlockChange{DiffInsert, -1, j})
				j++
			}
		}
	}
	return out
}
