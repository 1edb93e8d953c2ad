package bleve_test

import (
	"testing"

	"github.com/samsyn/samsyn/app"
)

// TestSnippetMarksThePreferredField: a hit's snippet marks the word in
// its body when the body has it, else in its summary, else in its title
// (the highlight looks in the summary and title only for the hits whose
// body has no mark), and a hit found without its text having the word
// (a reference) shows the start of its summary unmarked.
func TestSnippetMarksThePreferredField(t *testing.T) {
	t.Parallel()
	ix := mustOpen(t, t.TempDir()).Public()
	docs := []app.SearchDoc{
		{ID: "body", Type: app.TypeStatement, Title: "Vätgas i norr", Summary: "Om vätgasen.",
			Body: "Elektrolysörer behövs för vätgasen i hamnarna."},
		{ID: "summary", Type: app.TypeStatement, Title: "Hamnar", Summary: "Elektrolysörer i hamnarna.",
			Body: "Kajerna byggs ut."},
		{ID: "title", Type: app.TypeStatement, Title: "Elektrolysörer i Luleå", Summary: "Om Luleå.",
			Body: "Kajerna byggs ut."},
		{ID: "ref", Type: app.TypeStatement, Title: "Remissvar", Summary: "Svar på remissen.",
			Body: "Vi tillstyrker.", Reference: "KN2026/00871"},
	}
	if err := ix.Index(t.Context(), docs...); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"body":    "<mark>Elektrolysörer</mark> behövs för vätgasen i hamnarna.",
		"summary": "<mark>Elektrolysörer</mark> i hamnarna.",
		"title":   "<mark>Elektrolysörer</mark> i Luleå",
	}
	res, err := ix.Search(t.Context(), app.SearchQuery{Text: "elektrolysörer"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != len(want) {
		t.Fatalf("elektrolysörer: hits %+v, want %d", res.Hits, len(want))
	}
	for _, h := range res.Hits {
		if h.Snippet != want[h.ID] {
			t.Errorf("snippet of %s = %q, want %q", h.ID, h.Snippet, want[h.ID])
		}
	}
	res, err = ix.Search(t.Context(), app.SearchQuery{Text: "KN2026/00871"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].Snippet != "Svar på remissen." {
		t.Errorf("KN2026/00871: hits %+v, want ref with its summary unmarked", res.Hits)
	}
}
