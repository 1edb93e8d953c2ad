package bleve

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/corpus"
)

// TestReadLocationsIsBlevesSearch: for the bench's queries (words,
// typos, prefixes) on generated statements, the term locations read
// from the postings for a highlight are those Bleve's search with
// locations gives, field by field, for every hit of the first page.
func TestReadLocationsIsBlevesSearch(t *testing.T) {
	t.Parallel()
	e, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	ix := e.public
	g := &corpus.Generator{Seed: 3, Members: []*app.Member{{ID: "m1", Name: "Luleå"}}}
	var docs []app.SearchDoc
	for i := range 120 {
		st := g.Statement(i)
		docs = append(docs, app.SearchDoc{ID: fmt.Sprintf("s%03d", i), Type: app.TypeStatement,
			Title: st.Title, Summary: st.Summary, Body: st.Body})
	}
	if err := ix.Index(t.Context(), docs...); err != nil {
		t.Fatal(err)
	}
	compared := 0
	for _, class := range corpus.Queries() {
		for _, q := range class.Queries {
			compared += compareLocations(t, ix, q.Text)
		}
	}
	if compared < 200 {
		t.Fatalf("only %d hits with locations compared", compared)
	}
}

// compareLocations compares the two ways for the first page of text's
// hits and each pass of the highlight, and returns how many hits had
// locations.
func compareLocations(t *testing.T, ix *Index, text string) int {
	t.Helper()
	ctx := t.Context()
	counts, typos, err := ix.lookup(ctx, text)
	if err != nil {
		t.Fatal(err)
	}
	m := stages(text, counts, typos)[0]
	res, err := ix.run(ctx, newRequest(app.SearchQuery{Text: text}, false, m))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	err = ix.use(func(idx bleve.Index) error {
		adv, _ := idx.Advanced()
		r, err := adv.Reader()
		if err != nil {
			return err
		}
		defer r.Close()
		for _, fields := range [][]string{snippetFields[:1], snippetFields[1:]} {
			m.marks = fields
			mq := textQuery(text, typing(text), m)
			terms, ok := termsOf(mq, nil)
			if !ok {
				t.Fatalf("%q: the highlight's query is not all terms", text)
			}
			read, err := readLocations(ctx, r, res.Hits, terms)
			if err != nil {
				return err
			}
			found, err := searchLocations(ctx, idx, res.Hits, mq)
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(read, found) {
				t.Errorf("%q %v: read %v\nsearch %v", text, fields, read, found)
			}
			n += len(read)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
