package bleve

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/document"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/corpus"
)

// corpusDocs are n generated statements as search documents; every third
// is a draft (internal only).
func corpusDocs(n int) (all, public []app.SearchDoc) {
	g := &corpus.Generator{Seed: 7, Members: []*app.Member{{ID: "m1", Name: "Luleå"}, {ID: "m2", Name: "Gällivare"}}}
	for i := range n {
		st := g.Statement(i)
		st.ID = fmt.Sprintf("s%04d", i)
		if i%3 == 2 {
			st.Status = app.StatementDraft
		}
		t := app.StatementSearchTask(st)
		all = append(all, t.Doc)
		if t.Doc.Status == string(app.StatementPublished) {
			public = append(public, t.Doc)
		}
	}
	return all, public
}

func openTestEngine(t *testing.T) *Engine {
	t.Helper()
	e, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// TestIndexTogetherIsIndexingEach: indexes written together (one analysis
// per shared text) answer every class of the bench's queries — hits,
// facets and highlighted fragments — exactly as indexes written one by
// one. Hits are compared as sets: Bleve numbers a batch's documents in
// the order its analysis workers finish, so equal scores may come in
// another order.
func TestIndexTogetherIsIndexingEach(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	all, public := corpusDocs(60)
	together, apart := openTestEngine(t), openTestEngine(t)
	if err, otherErr := together.Public().(*Index).IndexTogether(ctx, public, together.Internal(), all); err != nil || otherErr != nil {
		t.Fatal(err, otherErr)
	}
	if err := apart.Public().Index(ctx, public...); err != nil {
		t.Fatal(err)
	}
	if err := apart.Internal().Index(ctx, all...); err != nil {
		t.Fatal(err)
	}
	asked := 0
	for _, class := range corpus.Queries() {
		for _, q := range class.Queries {
			q.Page = app.Page{Number: 1, Size: len(all)}
			for _, pair := range [][2]app.SearchIndex{{together.Public(), apart.Public()}, {together.Internal(), apart.Internal()}} {
				got, err := pair[0].Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				want, err := pair[1].Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				byID := func(a, b app.SearchHit) int { return strings.Compare(a.ID, b.ID) }
				slices.SortFunc(got.Hits, byID)
				slices.SortFunc(want.Hits, byID)
				g, _ := json.Marshal(got)
				w, _ := json.Marshal(want)
				if string(g) != string(w) {
					t.Errorf("%s %q: written together\n%s\nwritten apart\n%s", class.Name, q.Text, g, w)
				}
				if got.Total > 0 {
					asked++
				}
			}
		}
	}
	if asked < 20 {
		t.Errorf("only %d searches found anything: the comparison shows little", asked)
	}
}

// TestShareAnalysisAnalysesOnce: after shareAnalysis, analysing a field of
// one index's document gives the other's copy its tokens without a second
// analysis; a field whose text differs, and a name that occurs more than
// once (topics), keep their own.
func TestShareAnalysisAnalysesOnce(t *testing.T) {
	t.Parallel()
	e := openTestEngine(t)
	all, _ := corpusDocs(2)
	doc := all[0]
	doc.Topics = []string{"energi", "elnät"}
	changed := doc
	changed.Body += " Ändrad på slutet."
	pub, in := e.Public().(*Index), e.Internal().(*Index)
	a, err := pub.documents([]app.SearchDoc{doc, all[1]})
	if err != nil {
		t.Fatal(err)
	}
	b, err := in.documents([]app.SearchDoc{changed, all[1]})
	if err != nil {
		t.Fatal(err)
	}
	shareAnalysis(a, b)
	fields := func(d *document.Document) map[string][]document.Field {
		m := map[string][]document.Field{}
		for _, f := range d.Fields {
			m[f.Name()] = append(m[f.Name()], f)
		}
		return m
	}
	for _, d := range a {
		for _, f := range d.Fields {
			f.Analyze()
		}
	}
	fa, fb := fields(a[0]), fields(b[0])
	for _, name := range []string{fieldTitle, fieldSummary, fieldPrefix} {
		sa, ok1 := fa[name][0].(*sharedText)
		sb, ok2 := fb[name][0].(*sharedText)
		if !ok1 || !ok2 || sa.a != sb.a {
			t.Fatalf("%s: not shared (%T, %T)", name, fa[name][0], fb[name][0])
		}
		sb.Analyze()
		if sb.TextField.AnalyzedLength() != 0 {
			t.Errorf("%s: the second copy analysed its text again", name)
		}
		if sb.AnalyzedLength() == 0 || reflect.ValueOf(sb.AnalyzedTokenFrequencies()).Pointer() !=
			reflect.ValueOf(sa.AnalyzedTokenFrequencies()).Pointer() {
			t.Errorf("%s: the second copy does not have the first's tokens", name)
		}
	}
	for _, name := range []string{fieldBody, fieldFolded, fieldTopics} {
		for _, f := range append(fa[name], fb[name]...) {
			if _, ok := f.(*sharedText); ok {
				t.Errorf("%s is shared, though its text differs or it occurs %d times", name, len(fa[name]))
			}
		}
	}
	other := 0
	for _, f := range b[1].Fields {
		if _, ok := f.(*sharedText); ok {
			other++
		}
	}
	if other < 5 {
		t.Errorf("the unchanged second document shares %d fields, want title, summary, body, words, folded and more", other)
	}
}
