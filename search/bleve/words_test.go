package bleve_test

import (
	"fmt"
	"testing"

	"github.com/samsyn/samsyn/app"
)

// TestEveryWordFirstThenAny: a text of several words finds the documents
// holding every word (in any form); when fewer than ten do, it finds those
// holding any of them; and a misspelt word is still found.
func TestEveryWordFirstThenAny(t *testing.T) {
	ctx := t.Context()
	ix := mustOpen(t, t.TempDir()).Public()
	var docs []app.SearchDoc
	for i := range 12 {
		docs = append(docs, app.SearchDoc{ID: fmt.Sprintf("both%02d", i), Type: app.TypeStatement, Status: "published",
			Title: "Vätgasen i hamnarna", Body: "Om vätgas och hamnar i norr."})
	}
	docs = append(docs,
		app.SearchDoc{ID: "gas", Type: app.TypeStatement, Status: "published", Title: "Vätgasen", Body: "Bara vätgas."},
		app.SearchDoc{ID: "ore", Type: app.TypeStatement, Status: "published", Title: "Malmen i Kiruna", Body: "Gruvor."})
	if err := ix.Index(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	total := func(text string) int {
		t.Helper()
		res, err := ix.Search(ctx, app.SearchQuery{Text: text, Page: app.Page{Number: 1, Size: 50}})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	if got := total("vätgas hamnar"); got != 12 {
		t.Errorf("vätgas hamnar: %d hits, want the 12 with both words", got)
	}
	if got := total("vätgas malmen"); got != 14 {
		t.Errorf("vätgas malmen (no document has both): %d hits, want all 14 with either", got)
	}
	if got := total("vätgsen"); got != 13 {
		t.Errorf("vätgsen (misspelt): %d hits, want the 13 about vätgas", got)
	}
}
