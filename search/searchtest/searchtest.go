// Package searchtest is the conformance suite every app.SearchEngine must
// pass. Run opens a fresh engine for each case, so the cases never see one
// another's documents; engine packages call it from their own tests.
package searchtest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
)

// Opener returns a fresh, empty engine and arranges its cleanup.
type Opener func(t *testing.T) app.SearchEngine

// Differences are an engine's documented departures from the cases. Each
// holds the reason (empty: none); a case that meets one logs the reason and
// checks the engine's documented behaviour instead, so nothing is skipped.
type Differences struct {
	// CaseInsensitiveFilters: a filter value matches whatever its case.
	CaseInsensitiveFilters string
}

// Run runs every conformance case against engines made by open.
func Run(t *testing.T, open func(t *testing.T) app.SearchEngine) {
	RunWith(t, open, Differences{})
}

// RunWith runs every conformance case, allowing for the engine's known
// differences.
func RunWith(t *testing.T, open func(t *testing.T) app.SearchEngine, d Differences) {
	cases := []struct {
		name string
		run  func(*testing.T, Opener)
	}{
		{"Ping", testPing},
		{"FindsSwedishWords", testFindsSwedishWords},
		{"HitFields", testHitFields},
		{"EmptyQueryListsAll", testEmptyQueryListsAll},
		{"RelevanceBeforeDate", testRelevanceBeforeDate},
		{"Filters", testFilters},
		{"Facets", testFacets},
		{"FacetsFollowFilters", testFacetsFollowFilters},
		{"TypeFacet", testTypeFacet},
		{"Pagination", testPagination},
		{"BadPageIsClamped", testBadPage},
		{"ReindexReplaces", testReindexReplaces},
		{"DeleteRemoves", testDeleteRemoves},
		{"EmptyCallsAreNoOps", testEmptyCalls},
		{"PublicAndInternalAreSeparate", testSeparateIndexes},
		{"SnippetIsSafeHTML", testSnippetSafe},
		{"SnippetWithoutQueryIsSafe", testSnippetNoQuery},
		{"ConcurrentIndexAndSearch", testConcurrent},
		{"SwedishPipeline", testSwedishPipeline},
		{"TypeIssuerAndSort", func(t *testing.T, o Opener) { testTypeIssuerAndSort(t, o, d) }},
		{"RebuildSwaps", testRebuildSwaps},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.run(t, open) })
	}
}

// stockholm returns an instant given as Stockholm wall-clock time.
func stockholm(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, app.Stockholm).UTC()
}

// fixtures are three published statements. s2 is published 00:30 on New
// Year's Day in Stockholm, which is still the old year in UTC.
func fixtures() []app.SearchDoc {
	return []app.SearchDoc{{
		ID: "s1", Type: "statement", Kind: "position_paper", Slug: "elnatet-i-norrbotten",
		Title:   "Elnätet i Norrbotten behöver förstärkas",
		Summary: "Nätkapaciteten räcker inte.",
		Body:    "Utan starkare stamnät stannar elektrifieringen av basindustrin.",
		Topics:  []string{"energi", "elnät"}, Members: []string{"lulea", "boden"},
		Status: "published", PublishedAt: stockholm(2024, time.March, 10, 10, 0),
	}, {
		ID: "s2", Type: "statement", Kind: "consultation_response", Slug: "tillstandsprovning",
		Title:   "Tillståndsprövning för industrin",
		Summary: "Snabbare och förutsägbara beslut.",
		Body:    "Miljöprövningen tar för lång tid för nya anläggningar.",
		Topics:  []string{"tillstånd"}, Members: []string{"lulea", "skelleftea"},
		Issuer: "Klimat- och näringslivsdepartementet",
		Status: "published", PublishedAt: stockholm(2025, time.January, 1, 0, 30),
	}, {
		ID: "s3", Type: "statement", Kind: "joint_statement", Slug: "kompetensforsorjning",
		Title:   "Kompetensförsörjning",
		Summary: "Yrkesutbildning nära arbetsplatserna.",
		Body:    "Kommunerna behöver stöd för kompetensförsörjning och vuxenutbildning.",
		Topics:  []string{"kompetens"}, Members: []string{"oxelosund"},
		Status: "published", PublishedAt: stockholm(2023, time.June, 1, 9, 0),
	}}
}

func mustIndex(t *testing.T, idx app.SearchIndex, docs ...app.SearchDoc) {
	t.Helper()
	if err := idx.Index(ctx(t), docs...); err != nil {
		t.Fatalf("Index: %v", err)
	}
}

func mustSearch(t *testing.T, idx app.SearchIndex, q app.SearchQuery) *app.SearchResult {
	t.Helper()
	res, err := idx.Search(ctx(t), q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	if res == nil {
		t.Fatalf("Search(%+v) returned nil result", q)
	}
	return res
}

// openWithFixtures opens an engine and indexes the fixtures into Public.
func openWithFixtures(t *testing.T, open Opener) app.SearchIndex {
	t.Helper()
	idx := open(t).Public()
	mustIndex(t, idx, fixtures()...)
	return idx
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(t.Context(), time.Minute)
	t.Cleanup(cancel)
	return c
}

func hitIDs(res *app.SearchResult) []string {
	ids := make([]string, 0, len(res.Hits))
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// wantIDs checks the hits, in order, and that Total agrees.
func wantIDs(t *testing.T, q app.SearchQuery, res *app.SearchResult, want ...string) {
	t.Helper()
	if got := hitIDs(res); !slices.Equal(got, want) {
		t.Errorf("Search(%+v) hits = %v, want %v", q, got, want)
	}
	if res.Total != len(want) {
		t.Errorf("Search(%+v) Total = %d, want %d", q, res.Total, len(want))
	}
}
