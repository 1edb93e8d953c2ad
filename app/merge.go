package app

import (
	"slices"
	"strconv"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Text is the part of a statement people edit: each field a block of its
// own, the body a list of blocks (Blocks).
type Text struct {
	Title, Summary, Body string
	Topics               []string
}

// BlockConflict is one place where two edits since a common version touched
// the same block. Block is "title", "summary", "topics" or the number of
// the body block in the current text ("0" for matter before the first).
type BlockConflict struct {
	Block  string
	Base   string // the block as both started from
	Theirs string // as it is now
	Yours  string // as the edit has it
}

// MergeText merges yours and theirs, two edits of base, block by block
// (diff3): a block changed on one side only takes that change; a block
// changed alike on both sides is taken once; a block changed differently
// on both sides, or changed on one side and removed on the other, is a
// conflict. Blocks added beside a block the other side changed merge.
// With conflicts the merged text is meaningless.
func MergeText(base, theirs, yours Text) (Text, []BlockConflict) {
	return MergeResolved(base, theirs, yours, nil)
}

// MergeResolved is MergeText where resolved says, by BlockConflict.Block,
// what a person chose for blocks that conflict: that text takes the
// conflicting block's place, and only conflicts without a choice remain.
func MergeResolved(base, theirs, yours Text, resolved map[string]string) (Text, []BlockConflict) {
	var conflicts []BlockConflict
	field := func(name, b, t, y string) string {
		v, ok := merge1(b, t, y)
		if r, chosen := resolved[name]; !ok && chosen {
			return r
		}
		if !ok {
			conflicts = append(conflicts, BlockConflict{Block: name, Base: b, Theirs: t, Yours: y})
		}
		return v
	}
	out := Text{Title: field("title", base.Title, theirs.Title, yours.Title),
		Summary: field("summary", base.Summary, theirs.Summary, yours.Summary)}
	topics := field("topics", strings.Join(base.Topics, "\n"), strings.Join(theirs.Topics, "\n"), strings.Join(yours.Topics, "\n"))
	if topics != "" {
		out.Topics = strings.Split(topics, "\n")
	}
	body, bodyConflicts := mergeBody(base.Body, theirs.Body, yours.Body, resolved)
	out.Body = body
	return out, append(conflicts, bodyConflicts...)
}

// merge1 merges one block: ok is false when both sides changed it
// differently.
func merge1(base, theirs, yours string) (string, bool) {
	switch {
	case theirs == yours || yours == base:
		return theirs, true
	case theirs == base:
		return yours, true
	}
	return theirs, false
}

// mergeBody merges the bodies block by block.
func mergeBody(base, theirs, yours string, resolved map[string]string) (string, []BlockConflict) {
	if theirs == base || theirs == yours {
		return yours, nil
	}
	if yours == base {
		return theirs, nil
	}
	bLead, b := SplitBlocks(base)
	tLead, t := SplitBlocks(theirs)
	yLead, y := SplitBlocks(yours)
	var conflicts []BlockConflict
	lead, ok := merge1(bLead, tLead, yLead)
	if r, chosen := resolved["0"]; !ok && chosen {
		lead, ok = r, true
	}
	if !ok {
		conflicts = append(conflicts, BlockConflict{Block: "0", Base: bLead, Theirs: tLead, Yours: yLead})
	}
	m := &blockMerge{base: b, theirs: hunks(b, t), yours: hunks(b, y), resolved: resolved}
	m.run()
	if len(conflicts)+len(m.conflicts) > 0 {
		return "", append(conflicts, m.conflicts...)
	}
	return joinMerged(lead, m.out, yours), nil
}

// joinMerged writes the merged blocks back as text, ending as yours ends.
func joinMerged(lead string, blocks []Block, yours string) string {
	var sb strings.Builder
	sb.WriteString(lead)
	for i, b := range blocks {
		sb.WriteString(b.Source)
		if i < len(blocks)-1 {
			sep := b.Sep
			if !strings.Contains(sep, "\n\n") {
				sep = "\n\n" // a block that ended the text goes on after a blank line
			}
			sb.WriteString(sep)
		}
	}
	if strings.HasSuffix(yours, "\n") && !strings.HasSuffix(sb.String(), "\n") {
		sb.WriteString("\n")
	}
	return sb.String()
}

// hunk replaces the base blocks [from, to) with blocks.
type hunk struct {
	from, to int
	blocks   []Block
}

func (h hunk) insertion() bool { return h.from == h.to }

// hunks lists the changes from base to other, in base order.
func hunks(base, other []Block) []hunk {
	codes := map[string]rune{}
	encode := func(bs []Block) []rune {
		out := make([]rune, len(bs))
		for i, b := range bs {
			r, ok := codes[b.Source]
			if !ok {
				r = rune(0x10000 + len(codes)) // outside the BMP's surrogates; one rune per distinct block
				codes[b.Source] = r
			}
			out[i] = r
		}
		return out
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // exact, never a time-limited guess
	diffs := dmp.DiffMainRunes(encode(base), encode(other), false)
	var out []hunk
	bi, oi := 0, 0
	var cur *hunk
	for _, d := range diffs {
		n := len([]rune(d.Text))
		if d.Type == diffmatchpatch.DiffEqual {
			cur = nil
			bi, oi = bi+n, oi+n
			continue
		}
		if cur == nil {
			out = append(out, hunk{from: bi, to: bi})
			cur = &out[len(out)-1]
		}
		if d.Type == diffmatchpatch.DiffDelete {
			bi += n
			cur.to = bi
		} else {
			cur.blocks = append(cur.blocks, other[oi:oi+n]...)
			oi += n
		}
	}
	return splitReplacements(out)
}

// splitReplacements splits a hunk that replaces k blocks with k others
// into k one-block hunks: neighbouring blocks edited in place are separate
// changes, so an edit of one of them does not conflict with the other's.
func splitReplacements(hs []hunk) []hunk {
	var out []hunk
	for _, h := range hs {
		if h.to-h.from != len(h.blocks) || len(h.blocks) < 2 {
			out = append(out, h)
			continue
		}
		for i, b := range h.blocks {
			out = append(out, hunk{from: h.from + i, to: h.from + i + 1, blocks: []Block{b}})
		}
	}
	return out
}

// blockMerge sweeps both sides' hunks over the base in order.
type blockMerge struct {
	base          []Block
	theirs, yours []hunk
	out           []Block
	conflicts     []BlockConflict
	resolved      map[string]string // a person's choice by block
	pos           int               // next base block to copy
	shift         int               // theirs' block numbers minus base's, so far
}

// overlaps reports whether hunks of the two sides touch the same block:
// ranges that share a block, two insertions at one place, or an insertion
// strictly inside the other's range.
func overlaps(a, b hunk) bool {
	switch {
	case a.insertion() && b.insertion():
		return a.from == b.from
	case a.insertion():
		return b.from < a.from && a.from < b.to
	case b.insertion():
		return a.from < b.from && b.from < a.to
	}
	return a.from < b.to && b.from < a.to
}

// before orders hunks by base position, an insertion before a change there.
func before(a, b hunk) bool {
	return a.from < b.from || (a.from == b.from && a.insertion() && !b.insertion())
}

func (m *blockMerge) run() {
	ti, yi := 0, 0
	for ti < len(m.theirs) || yi < len(m.yours) {
		var region []hunk
		var sides []bool // true: theirs
		switch {
		case yi == len(m.yours) || (ti < len(m.theirs) && before(m.theirs[ti], m.yours[yi])):
			region, sides = append(region, m.theirs[ti]), append(sides, true)
			ti++
		default:
			region, sides = append(region, m.yours[yi]), append(sides, false)
			yi++
		}
		for grew := true; grew; {
			grew = false
			if ti < len(m.theirs) && touches(m.theirs[ti], region, sides, false) {
				region, sides = append(region, m.theirs[ti]), append(sides, true)
				ti, grew = ti+1, true
			}
			if yi < len(m.yours) && touches(m.yours[yi], region, sides, true) {
				region, sides = append(region, m.yours[yi]), append(sides, false)
				yi, grew = yi+1, true
			}
		}
		m.apply(region, sides)
	}
	m.copyBase(len(m.base))
}

// touches reports whether h overlaps a hunk of the other side in region;
// other says which side that is (true: theirs).
func touches(h hunk, region []hunk, sides []bool, other bool) bool {
	for i, r := range region {
		if sides[i] == other && overlaps(h, r) {
			return true
		}
	}
	return false
}

func (m *blockMerge) copyBase(to int) {
	if to > m.pos {
		m.out = append(m.out, m.base[m.pos:to]...)
		m.pos = to
	}
}

// apply writes a region of hunks: one side's change as it is; both sides'
// as one when they agree, else a conflict.
func (m *blockMerge) apply(region []hunk, sides []bool) {
	from, to := region[0].from, region[0].to
	for _, h := range region {
		from, to = min(from, h.from), max(to, h.to)
	}
	m.copyBase(from)
	theirs, yours := m.side(region, sides, true, from, to), m.side(region, sides, false, from, to)
	onlyOne := !slices.Contains(sides, true) || !slices.Contains(sides, false)
	switch {
	case onlyOne && sides[0]:
		m.out = append(m.out, theirs...)
	case onlyOne:
		m.out = append(m.out, yours...)
	case sources(theirs) == sources(yours):
		m.out = append(m.out, theirs...)
	default:
		block := strconv.Itoa(from + m.shift + 1)
		if r, chosen := m.resolved[block]; chosen {
			if r = strings.TrimSpace(r); r != "" {
				m.out = append(m.out, Block{Source: r, Sep: "\n\n"})
			}
			break
		}
		m.conflicts = append(m.conflicts, BlockConflict{Block: block,
			Base: sources(m.base[from:to]), Theirs: sources(theirs), Yours: sources(yours)})
	}
	m.shift += len(theirs) - (to - from)
	m.pos = to
}

// side returns base[from:to] with one side's hunks of region applied.
func (m *blockMerge) side(region []hunk, sides []bool, which bool, from, to int) []Block {
	var out []Block
	at := from
	var mine []hunk
	for i, h := range region {
		if sides[i] == which {
			mine = append(mine, h)
		}
	}
	slices.SortFunc(mine, func(a, b hunk) int {
		if before(a, b) {
			return -1
		}
		return 1
	})
	for _, h := range mine {
		out = append(out, m.base[at:h.from]...)
		out = append(out, h.blocks...)
		at = h.to
	}
	return append(out, m.base[at:to]...)
}

// sources joins blocks' Markdown with blank lines.
func sources(bs []Block) string {
	parts := make([]string, len(bs))
	for i, b := range bs {
		parts[i] = b.Source
	}
	return strings.Join(parts, "\n\n")
}
