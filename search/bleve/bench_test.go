package bleve_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/search/bleve"
)

// benchEngine holds n statements on disk.
func benchEngine(b *testing.B, n int) *bleve.Engine {
	b.Helper()
	e, err := bleve.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { e.Close() })
	words := []string{"elnätet", "tillståndsprövningen", "vätgasen", "kompetensförsörjning", "hamnarna", "stålet"}
	var docs []app.SearchDoc
	for i := range n {
		docs = append(docs, app.SearchDoc{ID: fmt.Sprintf("d%05d", i), Type: "statement", Kind: "position_paper",
			Title: fmt.Sprintf("Om %s och %s", words[i%6], words[(i+1)%6]), Summary: "Kort sammanfattning om " + words[(i+2)%6],
			Body:   "Kommunerna i nätverket kräver att " + words[i%6] + " prioriteras, se KN2026/00741.",
			Topics: []string{words[i%3]}, Members: []string{fmt.Sprintf("kommun%d", i%25)},
			Status: "published", PublishedAt: time.Date(2020+i%6, 3, 1, 0, 0, 0, 0, time.UTC)})
		if len(docs) == 500 {
			if err := e.Public().Index(b.Context(), docs...); err != nil {
				b.Fatal(err)
			}
			docs = docs[:0]
		}
	}
	if err := e.Public().Index(b.Context(), docs...); err != nil {
		b.Fatal(err)
	}
	return e
}

// BenchmarkSearch measures a Swedish query with facets, highlights and
// the mapping of 20 hits into app.SearchResult on 5,000 documents.
func BenchmarkSearch(b *testing.B) {
	e := benchEngine(b, 5000)
	for _, q := range []app.SearchQuery{
		{Text: "elnät"},
		{Text: "kapacitetsbrist i elnätet", Year: 2024},
		{Text: "tillstandsprovning"},
		{},
	} {
		b.Run(fmt.Sprintf("%q", q.Text), func(b *testing.B) {
			for b.Loop() {
				if _, err := e.Public().Search(b.Context(), q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
