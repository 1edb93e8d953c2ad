package bleve

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/samsyn/samsyn/app"
)

const (
	defaultPageSize = 20
	maxPageSize     = 100
	maxOffset       = 100_000 // deeper pages are empty
	facetSize       = 300     // enough for every Swedish municipality
	fuzzyBelow      = 10      // fewer matches than this: search again, fuzzily
)

// facetFields maps facet names in app.SearchResult to index fields.
// The year is a keyword field: a date-range facet costs twice as much.
var facetFields = map[string]string{
	"kind": fieldKind, "topic": fieldTopics, "member": fieldMembers,
	"year": fieldYear, "issuer": fieldIssuer,
}

// Search runs q: a match on title, summary and body (all documents when
// the text is empty, newest first), narrowed by the filters, ranked by
// score (equal scores by id: a date tie-break would read the dates of
// every match), with facet counts over all matches and highlights in the
// hits of the page asked for.
//
// Facet counts come from the index's cache when the same text and filters
// were counted since the last write (facetcache.go).
func (ix *Index) Search(ctx context.Context, q app.SearchQuery) (*app.SearchResult, error) {
	key, gen := keyOf(q, app.TrimSearchText(q.Text)), ix.facets.gen.Load()
	cached, hit := ix.facets.get(key, gen)
	var all, fuzzy bool // how the answer was found, for its highlights
	run := func(a, f bool) (*bleve.SearchResult, error) {
		all, fuzzy = a, f
		return ix.run(ctx, newRequest(q, !hit, a, f))
	}
	// Every word first, as written; only when that finds little, any of
	// the words; and only then words within one or two edits too. Asking
	// for every word is what a visitor means and skips most documents on
	// a large index; matching fuzzily costs most of a query there, and a
	// misspelt word finds next to nothing as written.
	multi := words(key.text) > 1
	res, err := run(multi, false)
	if err == nil && res.Total < fuzzyBelow && multi {
		res, err = run(false, false)
	}
	if err == nil && res.Total < fuzzyBelow && fuzzable(key.text) {
		res, err = run(false, true)
	}
	if err != nil {
		return nil, err
	}
	if err := ix.highlight(ctx, q, res.Hits, all, fuzzy); err != nil {
		return nil, err
	}
	out := &app.SearchResult{Total: int(res.Total), Hits: make([]app.SearchHit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		hit, err := toHit(h)
		if err != nil {
			return nil, err
		}
		out.Hits = append(out.Hits, hit)
	}
	if hit {
		out.Facets = cached
	} else {
		out.Facets = facetCounts(res.Facets)
		ix.facets.put(key, gen, out.Facets)
	}
	return out, nil
}

func (ix *Index) run(ctx context.Context, req *bleve.SearchRequest) (res *bleve.SearchResult, err error) {
	err = ix.use(func(idx bleve.Index) (err error) {
		res, err = idx.SearchInContext(ctx, req)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("bleve: search: %w", err)
	}
	return res, nil
}

// highlight gives the hits of the page shown their highlighted fragments:
// the text query again, on those documents alone. Asking Bleve for
// highlights in the search itself makes it gather the term locations of
// every match, most of a query's cost when a word is common.
func (ix *Index) highlight(ctx context.Context, q app.SearchQuery, hits search.DocumentMatchCollection, all, fuzzy bool) error {
	text := app.TrimSearchText(q.Text)
	if text == "" || len(hits) == 0 {
		return nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids),
		textQuery(text, typing(q.Text), fuzzy, all)), len(ids), 0, false)
	req.Highlight = bleve.NewHighlightWithStyle(html.Name)
	req.Highlight.Fields = slices.Clone(textFields)
	res, err := ix.run(ctx, req)
	if err != nil {
		return err
	}
	frags := make(map[string]search.FieldFragmentMap, len(res.Hits))
	for _, h := range res.Hits {
		frags[h.ID] = h.Fragments
	}
	for _, h := range hits {
		h.Fragments = frags[h.ID]
	}
	return nil
}

// newRequest is the Bleve request of q, counting facets when asked to,
// asking for all words or any, and matching words fuzzily when asked to.
func newRequest(q app.SearchQuery, withFacets, all, fuzzy bool) *bleve.SearchRequest {
	from, size := window(q.Page)
	text := app.TrimSearchText(q.Text)
	req := bleve.NewSearchRequestOptions(buildQuery(q, text, all, fuzzy), size, from, false)
	req.Fields = []string{fieldHit}
	byDate := search.SortOrder{
		&search.SortField{
			Field: fieldPublished, Desc: true,
			Type: search.SortFieldAsDate, Missing: search.SortFieldMissingLast,
		},
		&search.SortDocID{},
	}
	if text == "" || q.Sort == app.SortNewest {
		req.SortByCustom(byDate)
	} else {
		req.SortByCustom(search.SortOrder{&search.SortScore{Desc: true}, &search.SortDocID{}})
	}
	if withFacets {
		for name, field := range facetFields {
			req.AddFacet(name, bleve.NewFacetRequest(field, facetSize))
		}
	}
	return req
}

// buildQuery matches the text and filters without letting the filters
// change the score.
func buildQuery(q app.SearchQuery, text string, all, fuzzy bool) query.Query {
	var filters []query.Query
	term := func(field, value string) {
		if value != "" {
			tq := bleve.NewTermQuery(value)
			tq.SetField(field)
			filters = append(filters, tq)
		}
	}
	term(fieldKind, q.Kind)
	term(fieldTopics, q.Topic)
	term(fieldMembers, q.Member)
	term(fieldIssuer, q.Issuer)
	term(fieldType, q.Type)
	if q.Year != 0 {
		term(fieldYear, strconv.Itoa(q.Year))
	}
	tq := textQuery(text, typing(q.Text), fuzzy, all)
	if len(filters) == 0 {
		return tq
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(tq)
	b.AddFilter(bleve.NewConjunctionQuery(filters...))
	return b
}

// window turns a page into Bleve's from and size, clamping bad values.
func window(p app.Page) (from, size int) {
	size = p.Size
	switch {
	case size < 1:
		size = defaultPageSize
	case size > maxPageSize:
		size = maxPageSize
	}
	n := max(p.Number, 1)
	if n-1 > maxOffset/size {
		return maxOffset, size
	}
	return (n - 1) * size, size
}

func toHit(h *search.DocumentMatch) (app.SearchHit, error) {
	raw, _ := h.Fields[fieldHit].(string)
	var s storedHit
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		return app.SearchHit{}, fmt.Errorf("bleve: decode hit %s: %w", h.ID, err)
	}
	return app.SearchHit{
		ID: s.ID, Type: s.Type, Kind: s.Kind, Title: s.Title, Slug: s.Slug,
		Snippet: snippet(h.Fragments, s), PublishedAt: s.PublishedAt, Members: s.Members,
	}, nil
}

func facetCounts(res search.FacetResults) map[string]map[string]int {
	out := make(map[string]map[string]int, len(facetFields))
	for name := range facetFields {
		counts := map[string]int{}
		if fr := res[name]; fr != nil {
			for _, tf := range fr.Terms.Terms() {
				counts[tf.Term] = tf.Count
			}
		}
		out[name] = counts
	}
	return out
}
