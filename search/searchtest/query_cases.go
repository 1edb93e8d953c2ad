package searchtest

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
)

func testPing(t *testing.T, open Opener) {
	e := open(t)
	if err := e.Ping(ctx(t)); err != nil {
		t.Fatalf("Ping on a fresh engine: %v", err)
	}
	res := mustSearch(t, e.Public(), app.SearchQuery{})
	if res.Total != 0 || len(res.Hits) != 0 {
		t.Errorf("fresh public index: Total %d, %d hits; want empty", res.Total, len(res.Hits))
	}
}

func testFindsSwedishWords(t *testing.T, open Opener) {
	idx := openWithFixtures(t, open)
	cases := []struct{ text, want string }{
		{"elnätet", "s1"},              // title, lower case
		{"ELNÄTET", "s1"},              // case folding of Ä
		{"Norrbotten", "s1"},           // title
		{"elektrifieringen", "s1"},     // body only
		{"Tillståndsprövning", "s2"},   // title with å and ö
		{"miljöprövningen", "s2"},      // body only
		{"Kompetensförsörjning", "s3"}, // title and body
		{"yrkesutbildning", "s3"},      // summary only
	}
	for _, c := range cases {
		q := app.SearchQuery{Text: c.text}
		wantIDs(t, q, mustSearch(t, idx, q), c.want)
	}
	q := app.SearchQuery{Text: "fjärrvärmeverk"}
	wantIDs(t, q, mustSearch(t, idx, q))
}

func testHitFields(t *testing.T, open Opener) {
	idx := openWithFixtures(t, open)
	res := mustSearch(t, idx, app.SearchQuery{Text: "Tillståndsprövning"})
	if len(res.Hits) != 1 {
		t.Fatalf("want 1 hit, got %v", hitIDs(res))
	}
	h, d := res.Hits[0], fixtures()[1]
	if h.ID != d.ID || h.Type != d.Type || h.Kind != d.Kind || h.Title != d.Title || h.Slug != d.Slug {
		t.Errorf("hit = %+v, want fields of %+v", h, d)
	}
	if !h.PublishedAt.Equal(d.PublishedAt) {
		t.Errorf("PublishedAt = %v, want %v", h.PublishedAt, d.PublishedAt)
	}
	if !slices.Equal(h.Members, d.Members) {
		t.Errorf("Members = %v, want %v", h.Members, d.Members)
	}
}

func testEmptyQueryListsAll(t *testing.T, open Opener) {
	idx := openWithFixtures(t, open)
	undated := app.SearchDoc{ID: "d1", Type: "issue", Title: "Logistik i hamnarna", Status: "draft"}
	mustIndex(t, idx, undated)
	q := app.SearchQuery{}
	// Newest first; a document without a date comes last.
	wantIDs(t, q, mustSearch(t, idx, q), "s2", "s1", "s3", "d1")
}

func testFilters(t *testing.T, open Opener) {
	idx := openWithFixtures(t, open)
	cases := []struct {
		q    app.SearchQuery
		want []string
	}{
		{app.SearchQuery{Kind: "consultation_response"}, []string{"s2"}},
		{app.SearchQuery{Kind: "withdrawn_paper"}, nil},
		{app.SearchQuery{Topic: "elnät"}, []string{"s1"}},
		{app.SearchQuery{Topic: "elnat"}, nil}, // keyword: exact value only
		{app.SearchQuery{Member: "lulea"}, []string{"s2", "s1"}},
		{app.SearchQuery{Member: "oxelosund"}, []string{"s3"}},
		{app.SearchQuery{Year: 2025}, []string{"s2"}}, // Stockholm year, not UTC
		{app.SearchQuery{Year: 2024}, []string{"s1"}},
		{app.SearchQuery{Year: 2023}, []string{"s3"}},
		{app.SearchQuery{Year: 1999}, nil},
		{app.SearchQuery{Member: "lulea", Year: 2024}, []string{"s1"}},
		{app.SearchQuery{Member: "lulea", Kind: "joint_statement"}, nil},
		{app.SearchQuery{Text: "elnätet", Member: "lulea"}, []string{"s1"}},
		{app.SearchQuery{Text: "elnätet", Kind: "joint_statement"}, nil},
		{app.SearchQuery{Member: `lulea" OR kind = "joint_statement`}, nil},
	}
	for _, c := range cases {
		wantIDs(t, c.q, mustSearch(t, idx, c.q), c.want...)
	}
}

func testPagination(t *testing.T, open Opener) {
	idx := open(t).Public()
	var docs []app.SearchDoc
	for i := 1; i <= 5; i++ {
		docs = append(docs, app.SearchDoc{
			ID: "p" + strconv.Itoa(i), Type: "statement", Kind: "position_paper",
			Title:       "Logistik och hamnar del " + strconv.Itoa(i),
			PublishedAt: stockholm(2024, time.May, i, 12, 0),
		})
	}
	mustIndex(t, idx, docs...)
	pages := []struct {
		page app.Page
		want []string
	}{
		{app.Page{Number: 1, Size: 2}, []string{"p5", "p4"}},
		{app.Page{Number: 2, Size: 2}, []string{"p3", "p2"}},
		{app.Page{Number: 3, Size: 2}, []string{"p1"}},
		{app.Page{Number: 4, Size: 2}, []string{}},
	}
	for _, p := range pages {
		for _, text := range []string{"", "logistik"} {
			q := app.SearchQuery{Text: text, Page: p.page}
			res := mustSearch(t, idx, q)
			if got := hitIDs(res); text == "" && !slices.Equal(got, p.want) {
				t.Errorf("Search(%+v) hits = %v, want %v", q, got, p.want)
			}
			if len(res.Hits) != len(p.want) || res.Total != 5 {
				t.Errorf("Search(%+v): %d hits, Total %d; want %d hits, Total 5",
					q, len(res.Hits), res.Total, len(p.want))
			}
		}
	}
}

func testBadPage(t *testing.T, open Opener) {
	idx := openWithFixtures(t, open)
	for _, p := range []app.Page{{}, {Number: -4, Size: -1}, {Number: 1, Size: 100000}} {
		q := app.SearchQuery{Page: p}
		res := mustSearch(t, idx, q)
		if res.Total != 3 || len(res.Hits) != 3 {
			t.Errorf("Search(%+v): %d hits, Total %d; want 3 and 3", q, len(res.Hits), res.Total)
		}
	}
	q := app.SearchQuery{Page: app.Page{Number: int(^uint(0) >> 1), Size: 100}}
	if res := mustSearch(t, idx, q); len(res.Hits) != 0 || res.Total != 3 {
		t.Errorf("Search(%+v): %d hits, Total %d; want 0 hits, Total 3", q, len(res.Hits), res.Total)
	}
}

func testRelevanceBeforeDate(t *testing.T, open Opener) {
	idx := openWithFixtures(t, open)
	newer := app.SearchDoc{
		ID: "r1", Type: "statement", Kind: "position_paper", Title: "Vattenkraft i norr",
		Body: "En fotnot nämner elnätet.", PublishedAt: stockholm(2026, time.February, 2, 9, 0),
	}
	mustIndex(t, idx, newer)
	// s1 has the word in its title, so it outranks the newer body-only match.
	q := app.SearchQuery{Text: "elnätet"}
	wantIDs(t, q, mustSearch(t, idx, q), "s1", "r1")
}
