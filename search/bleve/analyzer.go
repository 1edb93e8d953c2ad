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
	foldedAnalyzer  = "samsyn_sv_folded" // å, ä, ö written a, a, o, then the Swedish pipeline: tolerates missing accents
	wordsAnalyzer   = "samsyn_words"     // lower-case words as written: for prefix search and typos
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

// The folded pipeline's offsets are those of the folded text: the field
// is neither stored nor highlighted.
func (p pipeline) Analyze(input []byte) analysis.TokenStream {
	var toks []swedish.Token
	switch {
	case p.raw:
		toks = swedish.Words(string(input))
	case p.folded:
		toks = swedish.Folded().Tokens(swedish.Fold(string(input)))
	default:
		toks = swedish.Default().Tokens(string(input))
	}
	out := make(analysis.TokenStream, 0, len(toks))
	for _, t := range toks {
		out = append(out, &analysis.Token{Term: []byte(t.Term), Start: t.Start, End: t.End,
			Position: t.Pos, Type: analysis.AlphaNumeric})
	}
	return out
}
