package bleve

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/samsyn/samsyn/search/swedish"
)

// The analyzers this package registers with Bleve. An index stores their
// names in its mapping, so they must exist before an index is opened.
const (
	swedishAnalyzer = "samsyn_sv"        // the Swedish pipeline: base forms, compound parts, references
	foldedAnalyzer  = "samsyn_sv_folded" // å, ä, ö written a, a, o and stemmed: tolerates missing accents
	wordsAnalyzer   = "samsyn_words"     // lower-case words as written: for prefix search
)

func init() {
	for name, a := range map[string]analysis.Analyzer{
		swedishAnalyzer: pipeline{}, foldedAnalyzer: pipeline{folded: true}, wordsAnalyzer: pipeline{raw: true},
	} {
		registry.RegisterAnalyzer(name, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
			return a, nil
		})
	}
}

// pipeline runs package swedish as a Bleve analyzer.
type pipeline struct{ folded, raw bool }

func (p pipeline) Analyze(input []byte) analysis.TokenStream {
	toks := swedish.Default().Tokens(string(input))
	out := make(analysis.TokenStream, 0, len(toks))
	for _, t := range toks {
		term := t.Term
		switch {
		case p.raw && t.Kind != swedish.KindWord:
			continue
		case p.raw:
			term = t.Raw
		case p.folded:
			term = foldTerm(t)
		}
		out = append(out, &analysis.Token{Term: []byte(term), Start: t.Start, End: t.End,
			Position: t.Pos, Type: analysis.AlphaNumeric})
	}
	return out
}

// foldTerm is a token's form in the folded field: a word's Snowball stem
// of its folded spelling (so that a query typed without å, ä, ö meets it),
// a part or reference folded.
func foldTerm(t swedish.Token) string {
	if t.Kind == swedish.KindWord {
		return swedish.Stem(swedish.Fold(t.Raw))
	}
	return swedish.Fold(t.Term)
}
