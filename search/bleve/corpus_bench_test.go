package bleve_test

import (
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/corpus"
)

// BenchmarkCorpusQueries runs each class of the bench harness's public
// queries (corpus.Queries) on 3,000 generated statements of ~1,000 words
// (SAMSYN_CORPUS_DOCS sets another number): facets, highlights and hit
// mapping included, facet counts cached as in serving.
func BenchmarkCorpusQueries(b *testing.B) {
	n := 3000
	if v, err := strconv.Atoi(os.Getenv("SAMSYN_CORPUS_DOCS")); err == nil && v > 0 {
		n = v
	}
	e := mustOpenBench(b)
	g := &corpus.Generator{Seed: 1, Members: []*app.Member{{ID: "m1", Name: "Luleå"}, {ID: "m2", Name: "Kiruna"}}}
	var docs []app.SearchDoc
	for i := range n {
		st := g.Statement(i)
		st.ID = fmt.Sprintf("s%05d", i)
		docs = append(docs, app.StatementSearchTask(st).Doc)
		if len(docs) == 500 || i == n-1 {
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
