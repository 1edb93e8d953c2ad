package bleve

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/samsyn/samsyn/search/swedish"
)

// typo is a word of the index within a query word's edits, as Meilisearch
// counts them (one edit from five letters, two from nine): the typed
// word may be a misspelling of it.
type typo struct {
	word  string // as written in the index (the words field)
	norm  string // its normal form, the stored fields' term, for highlights
	dist  int
	count int  // documents holding it
	same  bool // a form of the typed word: found by its own forms, kept for suggestions
}

// maxTypos is how many of the index's words a query word may stand for
// besides its own forms, the nearest and commonest first. Bleve's fuzzy
// query asks for every word within the edits (hundreds for a long word on
// a large index) and cost a tenth of a query per word; with a cap the
// typo tolerance can always take part.
const maxTypos = 4

// maxCounted bounds the candidates whose documents are counted to pick
// the commonest (a short word has dozens at one edit on a large index).
const maxCounted = 32

// lookup reads the index's term dictionaries once for a query: in how
// many bodies each term of the text is (matching.counts) and the words
// near each word of the text (matching.typos, by position).
func (ix *Index) lookup(ctx context.Context, text string) (counts map[string]int, typos map[int][]typo, err error) {
	if text == "" {
		return nil, nil, nil
	}
	toks := swedish.Default().Tokens(text)
	if len(toks) > maxQueryTokens {
		toks = toks[:maxQueryTokens]
	}
	err = ix.use(func(idx bleve.Index) error {
		adv, err := idx.Advanced()
		if err != nil {
			return err
		}
		r, err := adv.Reader()
		if err != nil {
			return err
		}
		defer r.Close()
		if counts, err = termCounts(ctx, r, toks); err != nil {
			return err
		}
		typos, err = ix.nearWords(ctx, r, toks)
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("bleve: look up terms: %w", err)
	}
	return counts, typos, nil
}

// termCounts counts the bodies holding each term of toks (but
// references): a word typed without å, ä, ö that is there as typed is not
// also asked for folded, which spares a second long posting list per
// word, and a word held widely is not widened by its parts.
func termCounts(ctx context.Context, r index.IndexReader, toks []swedish.Token) (map[string]int, error) {
	out := make(map[string]int, len(toks))
	for _, t := range toks {
		if _, done := out[t.Term]; done || t.Kind == swedish.KindReference {
			continue
		}
		n, err := docCount(ctx, r, t.Term, fieldBody)
		if err != nil {
			return nil, err
		}
		out[t.Term] = n
	}
	return out, nil
}

func docCount(ctx context.Context, r index.IndexReader, term, field string) (int, error) {
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return 0, err
	}
	n := tfr.Count()
	return int(n), tfr.Close()
}

// nearWords finds, for each word of toks long enough to have typos, the
// index's words within its edits, nearest and commonest first, at most
// maxTypos; those that are a form of it are marked same. A word the index holds as typed
// gets an entry of distance 0 first, with its count, for suggestions.
func (ix *Index) nearWords(ctx context.Context, r index.IndexReader, toks []swedish.Token) (map[int][]typo, error) {
	var out map[int][]typo
	gen := ix.facets.gen.Load() // read before the dictionary: a write meanwhile makes the entry stale, never wrong
	for _, t := range toks {
		d := fuzziness(t)
		if d == 0 {
			continue
		}
		near, ok := ix.facets.nearOf(t.Raw, gen)
		if !ok {
			var err error
			if near, err = wordsNear(ctx, r, t, d); err != nil {
				return nil, err
			}
			ix.facets.near.Add(t.Raw, nearEntry{gen: gen, near: near})
		}
		if len(near) > 0 {
			if out == nil {
				out = map[int][]typo{}
			}
			out[t.Pos] = near
		}
	}
	return out, nil
}

func wordsNear(ctx context.Context, r index.IndexReader, t swedish.Token, d int) ([]typo, error) {
	fr, ok := r.(index.IndexReaderFuzzy)
	if !ok {
		return nil, nil // an index without fuzzy dictionaries: no typos
	}
	typed, err := docCount(ctx, r, t.Raw, fieldWords)
	if err != nil {
		return nil, err
	}
	var near []typo
	err = eachNear(fr, fieldWords, t.Raw, d, func(e *index.DictEntry, dist int) {
		norm, _ := swedish.Default().Word(e.Term)
		near = append(near, typo{word: e.Term, norm: norm, dist: dist, same: norm == t.Term})
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(near, func(i, j int) bool { return near[i].dist < near[j].dist })
	near = near[:min(len(near), maxCounted)]
	for i := range near {
		if near[i].count, err = docCount(ctx, r, near[i].word, fieldWords); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(near, func(i, j int) bool {
		if near[i].dist != near[j].dist {
			return near[i].dist < near[j].dist
		}
		return near[i].count > near[j].count
	})
	near = near[:min(len(near), maxTypos)]
	if len(near) == 0 && typed == 0 {
		// Nothing is written near the word, but it may be a misspelt
		// inflection: the bodies' base forms near its own
		// ("sysselsätning": sysselsättning, of sysselsättningen).
		return formsNear(ctx, fr, r, t, d)
	}
	if typed > 0 {
		near = append([]typo{{word: t.Raw, norm: t.Term, count: typed}}, near...)
	}
	return near, nil
}

// formsNear finds the base forms of the bodies within d edits of the
// base form of t, nearest and commonest first, at most maxTypos. They are
// typos without a word as written (word ""): asked for in the stored
// fields by their base form, never suggested.
func formsNear(ctx context.Context, fr index.IndexReaderFuzzy, r index.IndexReader, t swedish.Token, d int) ([]typo, error) {
	var near []typo
	err := eachNear(fr, fieldBody, t.Term, d, func(e *index.DictEntry, dist int) {
		near = append(near, typo{norm: e.Term, dist: dist, count: int(e.Count)})
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(near, func(i, j int) bool {
		if near[i].dist != near[j].dist {
			return near[i].dist < near[j].dist
		}
		return near[i].count > near[j].count
	})
	return near[:min(len(near), maxTypos)], nil
}

// nearOf returns the near words of word found at generation gen.
func (c *facetCache) nearOf(word string, gen uint64) ([]typo, bool) {
	e, ok := c.near.Get(word)
	if !ok || e.gen != gen {
		return nil, false
	}
	return e.near, true
}

// suggestBelow: a search finding fewer documents than this suggests
// another spelling, when the index knows a better one.
const suggestBelow = 3

// suggestion is text with each word the index does not hold (or holds
// far more rarely than a near word) replaced by its nearest, commonest
// near word: "Menade du …?". The words come from this index's own
// dictionary, so the public index suggests only public words. "" when
// nothing would change.
func suggestion(text string, typos map[int][]typo) string {
	if len(typos) == 0 {
		return ""
	}
	var b strings.Builder
	done, changed := 0, false
	for _, t := range swedish.Default().Tokens(text) {
		near := typos[t.Pos]
		if t.Kind != swedish.KindWord || len(near) == 0 {
			continue
		}
		typed := 0
		if near[0].dist == 0 {
			typed, near = near[0].count, near[1:]
		}
		if len(near) == 0 || near[0].word == "" || near[0].count <= 3*typed || t.Start < done {
			continue
		}
		b.WriteString(text[done:t.Start])
		b.WriteString(near[0].word)
		done, changed = t.End, true
	}
	if !changed {
		return ""
	}
	b.WriteString(text[done:])
	return b.String()
}

// editDistance is the Levenshtein distance of a and b in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if utf8.RuneCountInString(a) == 0 {
		return len(rb)
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// eachNear calls fn with each term of field within d edits of term (term
// itself left out) and its distance, at least 1.
func eachNear(fr index.IndexReaderFuzzy, field, term string, d int, fn func(e *index.DictEntry, dist int)) error {
	dict, fa, err := fr.FieldDictFuzzyAutomaton(field, term, d, "")
	if err != nil {
		return err
	}
	for {
		e, err := dict.Next()
		if err != nil {
			_ = dict.Close()
			return err
		}
		if e == nil {
			break
		}
		if e.Term == term {
			continue
		}
		dist := editDistance(term, e.Term)
		if fa != nil {
			_, dd := fa.MatchAndDistance(e.Term)
			dist = int(dd)
		}
		fn(e, max(dist, 1))
	}
	return dict.Close()
}
