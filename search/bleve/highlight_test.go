package bleve

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight"
	htmlformat "github.com/blevesearch/bleve/v2/search/highlight/format/html"
	simplefrag "github.com/blevesearch/bleve/v2/search/highlight/fragmenter/simple"
	simplehl "github.com/blevesearch/bleve/v2/search/highlight/highlighter/simple"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/corpus"
	"github.com/samsyn/samsyn/search/swedish"
)

// locations are the term locations of the words of text that occur in
// query, ordered as the highlighter orders them.
func locations(text string, query map[string]bool) highlight.TermLocations {
	var ot highlight.TermLocations
	for _, t := range swedish.Default().Tokens(text) {
		if query[t.Term] {
			ot = append(ot, &highlight.TermLocation{Term: t.Term, Pos: t.Pos, Start: t.Start, End: t.End})
		}
	}
	return ot
}

func sameFragments(t *testing.T, name string, orig []byte, ot highlight.TermLocations) {
	t.Helper()
	stock := simplefrag.NewFragmenter(fragmentRunes).Fragment(orig, ot)
	ours := newRuneFragmenter(fragmentRunes).Fragment(orig, ot)
	if !reflect.DeepEqual(ours, stock) {
		t.Fatalf("%s: fragments differ from Bleve's simple fragmenter:\nours  %s\nstock %s", name, spans(ours), spans(stock))
	}
}

func spans(frags []*highlight.Fragment) string {
	var b strings.Builder
	for _, f := range frags {
		fmt.Fprintf(&b, " [%d,%d)", f.Start, f.End)
	}
	return b.String()
}

// TestRuneFragmenterIsBleves: on generated statement bodies and the
// bench's queries, and on random Swedish text with locations anywhere
// (inside runes, past the end, invalid UTF-8), runeFragmenter makes the
// very fragments of Bleve's simple fragmenter.
func TestRuneFragmenterIsBleves(t *testing.T) {
	t.Parallel()
	g := &corpus.Generator{Seed: 5, Members: []*app.Member{{ID: "m1", Name: "Luleå"}}}
	compared := 0
	for i := range 40 {
		st := g.Statement(i)
		for _, class := range corpus.Queries() {
			for _, q := range class.Queries {
				terms := map[string]bool{}
				for _, tk := range swedish.Default().Tokens(q.Text) {
					terms[tk.Term] = true
				}
				for name, text := range map[string]string{"title": st.Title, "summary": st.Summary, "body": st.Body} {
					ot := locations(text, terms)
					sameFragments(t, q.Text+" in "+name, []byte(text), ot)
					compared += len(ot)
				}
			}
		}
	}
	if compared < 1000 {
		t.Fatalf("only %d term locations compared", compared)
	}
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"å", "ä", "ö", "el", "nät", " ", "\n", "Ö", "🚂", "e\u0301", "stål", "industrin "}
	fast := 0
	const runs = 3000
	for n := range runs {
		var b strings.Builder
		for range r.IntN(400) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		orig := []byte(b.String())
		switch {
		case n%10 == 0 && len(orig) > 0: // not UTF-8
			orig[r.IntN(len(orig))] = 0xff
		case n%13 == 0:
			orig = append(orig, "\uFFFD"...)
		}
		anywhere := n%7 == 0 // else at rune starts, as the analyser's are
		runeStart := func(pos int) int {
			for !anywhere && pos < len(orig) && !utf8.RuneStart(orig[pos]) {
				pos++
			}
			return pos
		}
		var ot highlight.TermLocations
		pos := 0
		for range r.IntN(30) {
			pos = runeStart(pos + r.IntN(60))
			end := runeStart(pos + 1 + r.IntN(6))
			if !anywhere {
				pos, end = min(pos, len(orig)), min(end, len(orig))
			}
			ot = append(ot, &highlight.TermLocation{Term: []string{"el", "nät", "stål"}[r.IntN(3)], Start: pos, End: end})
		}
		if (&runeIndex{}).read(orig, ot) {
			fast++
		}
		sameFragments(t, fmt.Sprintf("random text %d", n), orig, ot)
	}
	if fast < runs/2 {
		t.Fatalf("only %d of %d random texts took the fast path", fast, runs)
	}
	t.Logf("%d term locations of generated statements; %d of %d random texts on the fast path", compared, fast, runs)
}

// TestBestFragmentIsBleves: on generated statements and the bench's
// queries (and the words of each statement's own title, which mark many
// places), bestFragment gives the fragment Bleve's html highlighter gives
// for the field, or none when it gives none.
func TestBestFragmentIsBleves(t *testing.T) {
	t.Parallel()
	stock := simplehl.NewHighlighter(simplefrag.NewFragmenter(fragmentRunes),
		htmlformat.NewFragmentFormatter("<mark>", "</mark>"), simplehl.DefaultSeparator)
	g := &corpus.Generator{Seed: 7, Members: []*app.Member{{ID: "m1", Name: "Luleå"}}}
	compared, marked := 0, 0
	for i := range 30 {
		st := g.Statement(i)
		queries := []string{st.Title, "", "Kommunerna"}
		for _, class := range corpus.Queries() {
			for _, q := range class.Queries {
				queries = append(queries, q.Text)
			}
		}
		for _, q := range queries {
			terms := map[string]bool{}
			for _, tk := range swedish.Default().Tokens(q) {
				terms[tk.Term] = true
			}
			for name, text := range map[string]string{"title": st.Title, "summary": st.Summary, "body": st.Body} {
				tlm := search.TermLocationMap{}
				for _, l := range locations(text, terms) {
					tlm[l.Term] = append(tlm[l.Term], &search.Location{Pos: uint64(l.Pos), Start: uint64(l.Start), End: uint64(l.End)})
				}
				doc := document.NewDocument("d")
				doc.AddField(document.NewTextField(name, nil, []byte(text)))
				want := stock.BestFragmentsInField(&search.DocumentMatch{Locations: search.FieldTermLocationMap{name: tlm}}, doc, name, 1)
				got, ok := bestFragment([]byte(text), tlm)
				if ok != (len(want) == 1) || (ok && got != want[0]) {
					t.Fatalf("%q in the %s of statement %d:\nours  %v %q\nstock %q", q, name, i, ok, got, want)
				}
				compared++
				if strings.Contains(got, "<mark>") {
					marked++
				}
			}
		}
	}
	if marked < compared/8 {
		t.Fatalf("only %d of %d fields marked", marked, compared)
	}
}

// BenchmarkFragmenter compares the two fragmenters on a generated body
// and a common word of it.
func BenchmarkFragmenter(b *testing.B) {
	st := (&corpus.Generator{Seed: 5, Members: []*app.Member{{ID: "m1", Name: "Luleå"}}}).Statement(1)
	counts := map[string]int{}
	for _, tk := range swedish.Default().Tokens(st.Body) {
		counts[tk.Term]++
	}
	common := slices.SortedFunc(maps.Keys(counts), func(a, b string) int { return counts[b] - counts[a] })
	terms := map[string]bool{}
	for _, term := range common[:5] { // a query of its five commonest words
		terms[term] = true
	}
	orig, ot := []byte(st.Body), locations(st.Body, terms)
	b.Logf("%d locations in %d bytes", len(ot), len(orig))
	for name, f := range map[string]highlight.Fragmenter{"bleve": simplefrag.NewFragmenter(fragmentRunes), "rune": newRuneFragmenter(fragmentRunes)} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				f.Fragment(orig, ot)
			}
		})
	}
}
