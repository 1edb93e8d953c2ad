package bleve

import (
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight"
	htmlformat "github.com/blevesearch/bleve/v2/search/highlight/format/html"
	simplefrag "github.com/blevesearch/bleve/v2/search/highlight/fragmenter/simple"
	simplehl "github.com/blevesearch/bleve/v2/search/highlight/highlighter/simple"
)

// The snippet's highlight is that of Bleve's "html" highlighter (the
// simple highlighter: <mark> tags, the text escaped, "…" where the text
// goes on) with runeFragmenter in place of Bleve's simple fragmenter: the
// same fragments, found in less time. Only the one fragment a snippet
// shows is made (bestFragment), not the best of every field.
const fragmentRunes = 200 // the simple fragmenter's default size

var (
	fragmenter    = newRuneFragmenter(fragmentRunes)
	markFormatter = htmlformat.NewFragmentFormatter("<mark>", "</mark>")
)

// bestFragment is the fragment Bleve's simple highlighter gives as the
// best of a field of text for the term locations tlm, formatted, and
// false when it gives none: of the fragments of the ordered locations, the first of
// those holding the most distinct terms wholly (its fragment scorer, and
// the first its queue pops among equals). A fragment holding every term
// is the first of the best, so the fragments after it are not made: a
// common word has hundreds in a long body, and scoring each of them was
// most of a query's highlighting.
func bestFragment(orig []byte, tlm search.TermLocationMap) (string, bool) {
	ot := highlight.OrderTermLocations(tlm)
	var best *highlight.Fragment
	most := float64(len(tlm)) // the highest score a fragment can have
	fragmenter.each(orig, ot, func(f *highlight.Fragment) bool {
		if f.Score = fragmentScore(f, tlm); best == nil || f.Score > best.Score {
			kept := *f
			best = &kept
		}
		return best.Score < most
	})
	if best == nil {
		return "", false
	}
	ot.MergeOverlapping()
	out := markFormatter.Format(best, ot)
	if best.Start != 0 {
		out = simplehl.DefaultSeparator + out
	}
	if best.End != len(best.Orig) {
		out += simplehl.DefaultSeparator
	}
	return out, true
}

// fragmentScore counts the terms with a location wholly in f, as Bleve's
// simple fragment scorer does (the fields are not arrays).
func fragmentScore(f *highlight.Fragment, tlm search.TermLocationMap) float64 {
	score := 0.0
	for _, locs := range tlm {
		for _, l := range locs {
			if int(l.Start) >= f.Start && int(l.End) <= f.End {
				score++
				break
			}
		}
	}
	return score
}

// runeFragmenter makes exactly the fragments of Bleve's simple fragmenter
// (one per term location: the location and the runes after it, moved back
// where the text ends, then centred on the terms it holds) but counts runes
// by an index of the text's multi-byte runes (runeIndex) instead of
// decoding up to 400 of them for every location: with a common word
// matched a hundred times in a long body, that decoding was most of a
// query's highlighting. Text the simple fragmenter would stop on (invalid
// UTF-8, U+FFFD, a location inside a rune) goes to it.
type runeFragmenter struct {
	size  int
	stock *simplefrag.Fragmenter
}

func newRuneFragmenter(size int) *runeFragmenter {
	return &runeFragmenter{size: size, stock: simplefrag.NewFragmenter(size)}
}

func (f *runeFragmenter) Fragment(orig []byte, ot highlight.TermLocations) []*highlight.Fragment {
	var out []*highlight.Fragment
	f.each(orig, ot, func(fr *highlight.Fragment) bool {
		kept := *fr
		out = append(out, &kept)
		return true
	})
	return out
}

// each calls fn with the fragments Fragment makes, in order, until fn
// returns false. The fragment is fn's only during the call: one value is
// filled for each (a fragment a location, hundreds for a common word).
func (f *runeFragmenter) each(orig []byte, ot highlight.TermLocations, fn func(*highlight.Fragment) bool) {
	ix := runeIndexes.Get().(*runeIndex)
	defer runeIndexes.Put(ix)
	if !ix.read(orig, ot) {
		for _, fr := range f.stock.Fragment(orig, ot) {
			if !fn(fr) {
				return
			}
		}
		return
	}
	n := ix.n
	maxbegin, mb := 0, 0 // mb: the rune at maxbegin
	var frag highlight.Fragment
	for i, tl := range ot {
		s := ix.runeAt(tl.Start)
		e := min(s+f.size, n)
		// Back towards the beginning while runes are left, not before maxbegin.
		if used := e - s; s > mb && used < f.size {
			s = max(s-(f.size-used), mb)
		}
		end := ix.byteAt(e)
		minend := end // the end of the last term the fragment holds
		for _, inner := range ot[i:] {
			if inner.End > end {
				break
			}
			minend = inner.End
		}
		room := e - ix.runeAt(minend)
		roomStart := 0
		if ix.byteAt(s) >= maxbegin {
			roomStart = s - mb
		}
		offset := min(room, roomStart) / 2
		frag = highlight.Fragment{Orig: orig, Start: ix.byteAt(s - offset), End: ix.byteAt(e - offset)}
		if !fn(&frag) {
			return
		}
		maxbegin, mb = tl.End, ix.runeAt(tl.End)
	}
}

// runeIndex maps byte offsets of a text to rune numbers and back by
// where its multi-byte runes are, which in Swedish text are few: every
// other rune is one byte.
type runeIndex struct {
	starts, ends []int // the bytes of each multi-byte rune, [start, end)
	runes        []int // its rune number
	size, n      int   // the text's bytes and runes
}

// runeIndexes holds runeIndex's slices for the next call.
var runeIndexes = sync.Pool{New: func() any { return &runeIndex{} }}

// read indexes orig and reports whether the table may stand in for the
// simple fragmenter's decoding: orig is text it reads to its end (valid
// UTF-8 without U+FFFD) and every location in ot starts and ends at a
// rune of it. Eight one-byte runes at a time are passed over in one step,
// and a step that meets a multi-byte rune goes straight to it.
func (ix *runeIndex) read(orig []byte, ot highlight.TermLocations) bool {
	ix.starts, ix.ends, ix.runes = ix.starts[:0], ix.ends[:0], ix.runes[:0]
	if len(ot) == 0 || len(orig) > math.MaxInt32 {
		return false
	}
	extra := 0 // bytes beyond one a rune so far
	for i := 0; i < len(orig); {
		if i+8 <= len(orig) {
			high := binary.LittleEndian.Uint64(orig[i:]) & 0x8080808080808080
			if high == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(high) / 8 // the first byte of a multi-byte rune
		} else if orig[i] < utf8.RuneSelf {
			i++
			continue
		}
		size := runeSize(orig[i:])
		if size == 0 { // invalid, or U+FFFD itself
			return false
		}
		ix.starts, ix.ends, ix.runes = append(ix.starts, i), append(ix.ends, i+size), append(ix.runes, i-extra)
		extra += size - 1
		i += size
	}
	ix.size, ix.n = len(orig), len(orig)-extra
	for _, tl := range ot {
		if !ix.isRuneStart(tl.Start) || !ix.isRuneStart(tl.End) {
			return false
		}
	}
	return true
}

// runeSize is the size of the multi-byte rune p starts with, or 0 when
// it is invalid or U+FFFD. The two-byte runes of å, ä, ö and é are read
// without decoding them.
func runeSize(p []byte) int {
	if len(p) >= 2 && p[0] >= 0xC2 && p[0] < 0xE0 && p[1]&0xC0 == 0x80 {
		return 2
	}
	r, size := utf8.DecodeRune(p)
	if r == utf8.RuneError {
		return 0
	}
	return size
}

// isRuneStart reports whether b is where a rune of the text starts, or
// its end.
func (ix *runeIndex) isRuneStart(b int) bool {
	if b < 0 || b > ix.size {
		return false
	}
	k, _ := slices.BinarySearch(ix.starts, b) // the multi-byte runes before b
	return k == 0 || b >= ix.ends[k-1]
}

// runeAt is the number of the rune starting at byte b (n at the end).
func (ix *runeIndex) runeAt(b int) int {
	k, _ := slices.BinarySearch(ix.starts, b)
	if k == 0 {
		return b
	}
	return ix.runes[k-1] + 1 + b - ix.ends[k-1]
}

// byteAt is where rune r starts (the text's size for n).
func (ix *runeIndex) byteAt(r int) int {
	k, _ := slices.BinarySearch(ix.runes, r)
	if k == 0 {
		return r
	}
	return ix.ends[k-1] + r - ix.runes[k-1] - 1
}
