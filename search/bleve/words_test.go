package bleve_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
)

// TestEveryWordFirstThenAny: a text of several words finds the documents
// holding every word (in any form); when fewer than ten do, it finds those
// holding any of them; and a misspelt word is still found.
func TestEveryWordFirstThenAny(t *testing.T) {
	t.Parallel()
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

// TestPartsAndFoldingOnlyWhenNeeded: a compound is matched by its parts
// only when the word itself finds fewer than ten documents, and a word
// typed without å, ä, ö is also looked for as folded only when no body
// has it as typed.
func TestPartsAndFoldingOnlyWhenNeeded(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	index := func(groups map[string]int) app.SearchIndex {
		t.Helper()
		ix := mustOpen(t, t.TempDir()).Public()
		var docs []app.SearchDoc
		for body, n := range groups {
			for i := range n {
				docs = append(docs, app.SearchDoc{ID: fmt.Sprintf("%s-%02d", body, i), Type: app.TypeStatement,
					Status: "published", Title: "Ett ställningstagande", Body: body})
			}
		}
		if err := ix.Index(ctx, docs...); err != nil {
			t.Fatal(err)
		}
		return ix
	}
	total := func(ix app.SearchIndex, text string) int {
		t.Helper()
		res, err := ix.Search(ctx, app.SearchQuery{Text: text, Page: app.Page{Number: 1, Size: 50}})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	many := index(map[string]int{"Elnätet i norr.": 12, "Nätet för el.": 5, "Hamnarna i norr.": 12, "De hämnar sig.": 1})
	if got := total(many, "elnätet"); got != 12 {
		t.Errorf("elnätet with 12 documents on elnätet: %d hits, want those 12 (not the 5 on nät and el)", got)
	}
	if got := total(many, "hamnarna"); got != 12 {
		t.Errorf("hamnarna, found as typed: %d hits, want 12 (not hämnar by its folded spelling)", got)
	}
	few := index(map[string]int{"Elnätet i norr.": 3, "Nätet för el.": 5, "De hämnar sig.": 1})
	if got := total(few, "elnätet"); got != 8 {
		t.Errorf("elnätet with 3 documents on elnätet: %d hits, want 8 (with the parts nät and el)", got)
	}
	if got := total(few, "hamnar"); got != 1 {
		t.Errorf("hamnar, in no body as typed: %d hits, want hämnar by its folded spelling", got)
	}
}

// TestWideStageWidensOnlyRareWords: a wide stage asks for the compound
// parts of the words the index does not hold widely ("kapacitetsbrist",
// found by kapacitet and brist), not of those it holds in many documents
// ("elnätet" is not widened to el and nät, which find a text about
// electric cars on the net).
func TestWideStageWidensOnlyRareWords(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	ix := mustOpen(t, t.TempDir()).Public()
	var docs []app.SearchDoc
	for i := range 10 {
		docs = append(docs, app.SearchDoc{ID: fmt.Sprintf("want%02d", i), Type: app.TypeStatement, Status: "published",
			Title: "Elnätet i norr", Body: "Det råder brist på kapacitet i elnätet."})
	}
	for i := range 12 {
		docs = append(docs, app.SearchDoc{ID: fmt.Sprintf("grid%02d", i), Type: app.TypeStatement, Status: "published",
			Title: "Elnätet byggs ut", Body: "Elnätet behöver byggas ut."})
	}
	docs = append(docs, app.SearchDoc{ID: "parts", Type: app.TypeStatement, Status: "published",
		Title: "Laddning", Body: "Brist på kapacitet för elbilar, el och nätet."})
	if err := ix.Index(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(ctx, app.SearchQuery{Text: "kapacitetsbrist i elnätet", Page: app.Page{Number: 1, Size: 50}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	if res.Total != 10 || slices.Contains(ids, "parts") || slices.ContainsFunc(ids, func(id string) bool { return strings.HasPrefix(id, "grid") }) {
		t.Errorf("kapacitetsbrist i elnätet: %d hits %v, want the 10 with kapacitet, brist and elnätet", res.Total, ids)
	}
}
