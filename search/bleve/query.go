package bleve

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/search/swedish"
)

// Field weights: a match in the title counts most.
var fieldBoost = map[string]float64{fieldTitle: 3, fieldSummary: 1.5, fieldBody: 1, fieldContext: 1.5}

// boostedFields are the fields of fieldBoost, in the order a word's
// clauses are made.
var boostedFields = []string{fieldTitle, fieldSummary, fieldBody, fieldContext}

const (
	maxQueryTokens = 32  // more words add nothing but cost
	partBoost      = 0.5 // a compound's part
	typoBoost      = 0.3 // a word one edit away; two edits: half that
	foldedBoost    = 0.4 // a word typed without å, ä, ö
	prefixBoost    = 1.0 // the word being typed, as a prefix of a title word
	referenceBoost = 6.0
	phraseBoost    = 4.0
)

// matching is how widely a text query matches its words. Typos always
// take part: each word also matches the few words of the index within
// its edits (typos.go), below its own forms.
type matching struct {
	// all asks for every word of the text, else any of them.
	all bool
	// wide also matches a compound word by its parts; else only by its
	// own terms.
	wide bool
	// marks, when set, asks only for what a highlight shows: the terms
	// in these stored fields (not the folded, prefix or reference
	// fields), any of them, for the documents already found.
	marks []string
	// counts holds how many of the index's bodies have each term of the
	// text (words and parts). A word typed without å, ä, ö is asked for
	// in the folded field too only when they do not have it: then it may
	// have lost its letters; else the folded field would repeat a long
	// posting list for nothing.
	counts map[string]int
	// typos are the index's words near each word, by its position.
	typos map[int][]typo
}

// marking reports whether m asks for a highlight's terms.
func (m matching) marking() bool { return len(m.marks) > 0 }

// fields are the fields a word's own terms and a phrase are asked for
// in.
func (m matching) fields() []string {
	if m.marking() {
		return m.marks
	}
	return boostedFields
}

// storedFields are the stored fields a typo's base form is asked for in.
func (m matching) storedFields() []string {
	if m.marking() {
		return m.marks
	}
	return textFields
}

// found reports whether the index's bodies have term.
func (m matching) found(term string) bool { return m.counts[term] > 0 }

// heldFrom is how many documents a word must be found in (by its own
// forms or its typos) for a wide stage to leave its compound parts out:
// as many as a stage must find.
const heldFrom = fuzzyBelow

// held returns the positions of the words of toks the index holds widely
// enough by their own forms and typos that their compound parts would
// add only noise, and long posting lists ("elnätet" by "el"): a wide
// stage widens only the other words (a rare or misspelt compound).
func (m matching) held(toks []swedish.Token) map[int]bool {
	out := map[int]bool{}
	for _, t := range toks {
		if t.Kind != swedish.KindWord {
			continue
		}
		n := m.counts[t.Term]
		for _, ty := range m.typos[t.Pos] {
			if ty.dist > 0 && !ty.same {
				n += ty.count
			}
		}
		out[t.Pos] = n >= heldFrom
	}
	return out
}

// stages are the ways text is asked for, narrowest first: a search takes
// the first that finds enough. Every word (in any of its forms or within
// its typos), then with the compound parts of the words the index does
// not hold widely (matching.held), then any word; a stage that would ask
// the same as the one before it is left out.
func stages(text string, counts map[string]int, typos map[int][]typo) []matching {
	toks := swedish.Default().Tokens(text)
	multi := words(text) > 1
	base := matching{counts: counts, typos: typos}
	held := base.held(toks)
	out := []matching{{all: multi}}
	if slices.ContainsFunc(toks, func(t swedish.Token) bool { return t.Kind == swedish.KindPart && !held[t.Pos] }) {
		out = append(out, matching{all: multi, wide: true})
	}
	if multi {
		out = append(out, matching{wide: true})
	}
	for i := range out {
		out[i].counts, out[i].typos = counts, typos
	}
	return out
}

// folds reports whether a word typed so may lack its å, ä or ö.
func folds(raw string) bool { return !strings.ContainsAny(raw, "åäöÅÄÖ") }

// textQuery runs the text through the Swedish pipeline and asks for its
// terms as m says, ranked by field, exactness and how many terms match:
// each word as written or in another form, as one of its compound parts
// (wide), as a prefix (the last word, while typing) or within one or two
// edits (fuzzy). A compound's parts are what most widens a search on a
// large index ("elnätet" by "el"), so the narrow stage leaves them out.
// Nothing in the text is query syntax: quotes only ask for a phrase when
// balanced, and a phrase only adds to the score.
func textQuery(text string, typed bool, m matching) query.Query {
	toks := swedish.Default().Tokens(text)
	if len(toks) == 0 {
		return bleve.NewMatchAllQuery()
	}
	if len(toks) > maxQueryTokens {
		toks = toks[:maxQueryTokens]
	}
	var order []int // positions in the text, each a word
	groups := map[int][]query.Query{}
	add := func(pos int, q query.Query) {
		if _, ok := groups[pos]; !ok {
			order = append(order, pos)
		}
		groups[pos] = append(groups[pos], q)
	}
	folded := foldedTokens(text)
	held := m.held(toks)
	for _, t := range toks {
		boost := 1.0
		switch t.Kind {
		case swedish.KindPart:
			if !m.wide || held[t.Pos] {
				continue
			}
			boost = partBoost
		case swedish.KindReference:
			if !m.marking() {
				add(t.Pos, termQuery(fieldReference, t.Term, referenceBoost))
			}
		}
		for _, f := range m.fields() {
			add(t.Pos, termQuery(f, t.Term, fieldBoost[f]*boost))
		}
		if t.Kind == swedish.KindWord {
			for _, ty := range m.typos[t.Pos] {
				if ty.dist == 0 || ty.same { // found by the word's own forms
					continue
				}
				if m.marking() || ty.word == "" { // a base form near the word's: in the stored fields
					for _, f := range m.storedFields() {
						add(t.Pos, termQuery(f, ty.norm, typoBoost/float64(ty.dist)))
					}
				} else {
					add(t.Pos, termQuery(fieldWords, ty.word, typoBoost/float64(ty.dist)))
				}
			}
		}
		if t.Kind == swedish.KindWord && folds(t.Raw) && !m.found(t.Term) && !m.marking() {
			for _, ft := range folded[t.Pos] {
				// A part the bodies hold as typed is found by its own
				// term, as a word is: its folded posting list, as long,
				// would find next to nothing more.
				if (ft.Kind == swedish.KindWord || m.wide && !held[t.Pos]) && !m.found(ft.Term) {
					add(t.Pos, termQuery(fieldFolded, ft.Term, foldedBoost))
				}
			}
		}
	}
	if last := toks[len(toks)-1]; last.Kind == swedish.KindWord && typed && !m.marking() && utf8.RuneCountInString(last.Raw) >= 2 {
		pq := bleve.NewPrefixQuery(last.Raw)
		pq.SetField(fieldPrefix)
		pq.SetBoost(prefixBoost)
		add(last.Pos, pq)
	}
	var phraseQs []query.Query
	for _, p := range phrases(text) {
		for _, f := range m.fields() {
			mp := bleve.NewMatchPhraseQuery(p)
			mp.SetField(f)
			mp.SetBoost(phraseBoost)
			phraseQs = append(phraseQs, mp)
		}
	}
	if ref := wholeReference(text, toks); ref != "" && !m.marking() {
		// A reference typed in a spelling only app.NormalizeReference
		// reads ("Fi 2026 2110"): its words are not asked for one by one.
		var qs []query.Query
		for _, pos := range order {
			qs = append(qs, groups[pos]...)
		}
		return bleve.NewDisjunctionQuery(append(qs, termQuery(fieldReference, ref, referenceBoost))...)
	}
	if m.marking() || len(order) < 2 {
		var qs []query.Query
		for _, pos := range order {
			qs = append(qs, groups[pos]...)
		}
		return bleve.NewDisjunctionQuery(append(qs, phraseQs...)...)
	}
	if !m.all {
		// One clause a word: Bleve scales a disjunction's score by the
		// share of its clauses that match, so a document matching more of
		// the words ranks first (Meilisearch's "words" rule).
		var qs []query.Query
		for _, pos := range order {
			qs = append(qs, bleve.NewDisjunctionQuery(groups[pos]...))
		}
		return bleve.NewDisjunctionQuery(append(qs, phraseQs...)...)
	}
	b := bleve.NewBooleanQuery()
	for _, pos := range order {
		b.AddMust(bleve.NewDisjunctionQuery(groups[pos]...))
	}
	b.AddShould(phraseQs...)
	return b
}

// wholeReference is the canonical reference term of a text that is
// nothing but a reference in a spelling the Swedish pipeline does not
// read as one (app.NormalizeReference's spaces: "Fi 2026 2110"), else "".
func wholeReference(text string, toks []swedish.Token) string {
	if slices.ContainsFunc(toks, func(t swedish.Token) bool { return t.Kind == swedish.KindReference }) {
		return ""
	}
	key, ok := app.NormalizeReference(strings.Trim(text, `" `))
	if !ok {
		return ""
	}
	return swedish.CanonicalReference(key)
}

// words counts the words of text the pipeline keeps (stop words do not
// count): a text of one word asks for all its words by asking for any.
func words(text string) int {
	seen := map[int]bool{}
	for _, t := range swedish.Default().Tokens(text) {
		seen[t.Pos] = true
	}
	return len(seen)
}

func termQuery(field, term string, boost float64) query.Query {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// foldedTokens are the folded field's tokens of text, by word position.
func foldedTokens(text string) map[int][]swedish.Token {
	out := map[int][]swedish.Token{}
	for _, t := range swedish.Folded().Tokens(swedish.Fold(text)) {
		if t.Kind != swedish.KindReference {
			out[t.Pos] = append(out[t.Pos], t)
		}
	}
	return out
}

// fuzziness allows one edit in a word of five letters, two from nine.
func fuzziness(t swedish.Token) int {
	if t.Kind != swedish.KindWord || !isWord(t.Raw) {
		return 0
	}
	switch n := utf8.RuneCountInString(t.Raw); {
	case n >= 9:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

func isWord(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// typing reports whether the raw text ends inside a word, as while
// typing: then its last word also counts as a prefix.
func typing(text string) bool {
	r, _ := utf8.DecodeLastRuneInString(text)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// phrases returns the text between balanced pairs of double quotes.
func phrases(text string) []string {
	parts := strings.Split(text, `"`)
	var out []string
	for i := 1; i+1 < len(parts); i += 2 {
		if p := strings.TrimSpace(parts[i]); strings.ContainsRune(p, ' ') {
			out = append(out, p)
		}
	}
	return out
}
