package searchtest

import (
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
)

// swedishDocs exercise the Swedish pipeline: inflections, compounds,
// references, missing accents.
func swedishDocs() []app.SearchDoc {
	return []app.SearchDoc{
		{ID: "w1", Type: "statement", Kind: "position_paper", Title: "Elnätets kapacitet i norr",
			Body: "Stålet och vätgasen kräver el.", Status: "published", PublishedAt: stockholm(2024, time.May, 2, 9, 0)},
		{ID: "w2", Type: "statement", Kind: "consultation_response", Title: "Prövning av tillstånd för hamnar",
			Body: "Tillståndet dröjer.", Status: "published", PublishedAt: stockholm(2025, time.May, 2, 9, 0)},
		{ID: "w3", Type: "consultation", Title: "Remiss om bostadsbyggande", Reference: "KN2026/00741",
			Issuer: "Finansdepartementet", Summary: "Betänkandet SOU 2026:14.", PublishedAt: stockholm(2026, time.January, 9, 9, 0)},
	}
}

func testSwedishPipeline(t *testing.T, open Opener) {
	idx := open(t).Internal()
	mustIndex(t, idx, swedishDocs()...)
	cases := []struct{ text, want string }{
		{"elnät", "w1"}, {"elnätet", "w1"}, {"stål", "w1"}, {"vätgas", "w1"},
		{"tillståndet", "w2"}, {"tillståndsprövning", "w2"}, {"kapacitetsbrist i elnätet", "w1"},
		{"KN 2026/741", "w3"}, {"kn2026/00741", "w3"}, {"sou 2026 14", "w3"},
		{"kapacitett", "w1"}, {"tillstandet", "w2"}, {"bostadsbyg", "w3"},
	}
	for _, c := range cases {
		q := app.SearchQuery{Text: c.text}
		res := mustSearch(t, idx, q)
		if len(res.Hits) == 0 || res.Hits[0].ID != c.want {
			t.Errorf("Search(%q) = %v, want %s first", c.text, hitIDs(res), c.want)
		}
	}
}

func testTypeIssuerAndSort(t *testing.T, open Opener, d Differences) {
	idx := open(t).Internal()
	mustIndex(t, idx, swedishDocs()...)
	otherCase := []string(nil) // an issuer in another case matches nothing
	if d.CaseInsensitiveFilters != "" {
		t.Logf("known difference: %s", d.CaseInsensitiveFilters)
		otherCase = []string{"w3"}
	}
	cases := []struct {
		q    app.SearchQuery
		want []string
	}{
		{app.SearchQuery{Type: "consultation"}, []string{"w3"}},
		{app.SearchQuery{Type: "statement"}, []string{"w2", "w1"}},
		{app.SearchQuery{Issuer: "Finansdepartementet"}, []string{"w3"}},
		{app.SearchQuery{Issuer: "finansdepartementet"}, otherCase},
		{app.SearchQuery{Text: "tillstånd kapacitet", Sort: app.SortNewest}, []string{"w2", "w1"}},
	}
	for _, c := range cases {
		wantIDs(t, c.q, mustSearch(t, idx, c.q), c.want...)
	}
}

func testRebuildSwaps(t *testing.T, open Opener) {
	e := open(t)
	mustIndex(t, e.Public(), fixtures()...)
	rb, err := e.Rebuild(ctx(t))
	if err != nil {
		t.Fatalf("Rebuild: %v", err)
	}
	mustIndex(t, rb.Public(), swedishDocs()[0])
	q := app.SearchQuery{}
	wantIDs(t, q, mustSearch(t, e.Public(), q), "s2", "s1", "s3") // live until Commit
	if err := rb.Commit(ctx(t)); err != nil {
		t.Fatalf("Commit: %v", err)
	}
	wantIDs(t, q, mustSearch(t, e.Public(), q), "w1")
	mustIndex(t, e.Public(), fixtures()[0]) // writes go to the new index
	wantIDs(t, q, mustSearch(t, e.Public(), q), "w1", "s1")

	rb, err = e.Rebuild(ctx(t))
	if err != nil {
		t.Fatalf("second Rebuild: %v", err)
	}
	if err := rb.Abort(ctx(t)); err != nil {
		t.Fatalf("Abort: %v", err)
	}
	wantIDs(t, q, mustSearch(t, e.Public(), q), "w1", "s1")
}
