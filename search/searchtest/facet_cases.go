package searchtest

import (
	"maps"
	"testing"

	"github.com/samsyn/samsyn/app"
)

// facetNames are the facets every result carries, even when empty.
var facetNames = []string{"type", "kind", "topic", "member", "year", "issuer"}

type facets = map[string]map[string]int

func wantFacets(t *testing.T, q app.SearchQuery, res *app.SearchResult, want facets) {
	t.Helper()
	for _, name := range facetNames {
		got, ok := res.Facets[name]
		if !ok {
			t.Errorf("Search(%+v): facet %q missing from %v", q, name, res.Facets)
			continue
		}
		w := want[name]
		if w == nil {
			w = map[string]int{}
		}
		if !maps.Equal(got, w) {
			t.Errorf("Search(%+v): facet %q = %v, want %v", q, name, got, w)
		}
	}
}

func testFacets(t *testing.T, open Opener) {
	idx := openWithFixtures(t, open)
	q := app.SearchQuery{}
	wantFacets(t, q, mustSearch(t, idx, q), facets{
		"type":   {"statement": 3},
		"kind":   {"position_paper": 1, "consultation_response": 1, "joint_statement": 1},
		"topic":  {"energi": 1, "elnät": 1, "tillstånd": 1, "kompetens": 1},
		"member": {"lulea": 2, "boden": 1, "skelleftea": 1, "oxelosund": 1},
		"year":   {"2023": 1, "2024": 1, "2025": 1},
		"issuer": {"Klimat- och näringslivsdepartementet": 1},
	})
}

func testFacetsFollowFilters(t *testing.T, open Opener) {
	idx := openWithFixtures(t, open)
	q := app.SearchQuery{Member: "lulea"}
	wantFacets(t, q, mustSearch(t, idx, q), facets{
		"type":   {"statement": 2},
		"kind":   {"position_paper": 1, "consultation_response": 1},
		"topic":  {"energi": 1, "elnät": 1, "tillstånd": 1},
		"member": {"lulea": 2, "boden": 1, "skelleftea": 1},
		"year":   {"2024": 1, "2025": 1},
		"issuer": {"Klimat- och näringslivsdepartementet": 1},
	})
	q = app.SearchQuery{Text: "elnätet"}
	wantFacets(t, q, mustSearch(t, idx, q), facets{
		"type":   {"statement": 1},
		"kind":   {"position_paper": 1},
		"topic":  {"energi": 1, "elnät": 1},
		"member": {"lulea": 1, "boden": 1},
		"year":   {"2024": 1},
	})
	q = app.SearchQuery{Kind: "no_such_kind"}
	wantFacets(t, q, mustSearch(t, idx, q), facets{})
}

// testTypeFacet: public issues and consultations of the archive share the
// public index with statements; the type facet counts each and the type
// filter narrows to one.
func testTypeFacet(t *testing.T, open Opener) {
	idx := openWithFixtures(t, open)
	mustIndex(t, idx,
		app.SearchDoc{ID: "i1", Type: app.TypeIssue, Title: "Elnätet i norr", Slug: "elnatet", Status: app.IssuePublic},
		app.SearchDoc{ID: "c1", Type: app.TypeConsultation, Title: "Remiss om elnätet", Reference: "Fi2026/02110",
			Issuer: "Finansdepartementet", Status: app.ArchiveAnswered})
	q := app.SearchQuery{Text: "elnätet"}
	res := mustSearch(t, idx, q)
	if got := res.Facets["type"]; !maps.Equal(got, map[string]int{"statement": 1, "issue": 1, "consultation": 1}) {
		t.Errorf("Search(%+v): type facet %v, want one of each", q, got)
	}
	for _, typ := range []string{app.TypeIssue, app.TypeConsultation} {
		q := app.SearchQuery{Text: "elnätet", Type: typ}
		res := mustSearch(t, idx, q)
		if res.Total != 1 || len(res.Hits) != 1 || res.Hits[0].Type != typ {
			t.Errorf("Search(%+v): %d hits %v, want the one %s", q, res.Total, hitIDs(res), typ)
		}
	}
}
