package bleve_test

import (
	"fmt"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/corpus"
)

// BenchmarkCorpusQueries runs each class of the bench harness's public
// queries (corpus.Queries) on 3,000 generated statements of ~1,000 words:
// facets, highlights and hit mapping included, facet counts cached as in
// serving.
func BenchmarkCorpusQueries(b *testing.B) {
	e := mustOpenBench(b)
	g := &corpus.Generator{Seed: 1, Members: []*app.Member{{ID: "m1", Name: "Luleå"}, {ID: "m2", Name: "Kiruna"}}}
	var docs []app.SearchDoc
	for i := range 3000 {
		st := g.Statement(i)
		st.ID = fmt.Sprintf("s%05d", i)
		docs = append(docs, app.StatementSearchTask(st).Doc)
		if len(docs) == 500 || i == 2999 {
			if err := e.Public().Index(b.Context(), docs...); err != nil {
				b.Fatal(err)
			}
			docs = docs[:0]
		}
	}
	for _, class := range corpus.Queries() {
		b.Run(class.Name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				q := class.Queries[i%len(class.Queries)]
				q.Type, q.Page = app.TypeStatement, app.Page{Number: 1, Size: 20} // as the public handler asks
				if _, err := e.Public().Search(b.Context(), q); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

func mustOpenBench(b *testing.B) interface {
	Public() app.SearchIndex
} {
	b.Helper()
	return benchEngine(b, 0)
}
