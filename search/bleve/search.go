package bleve

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/samsyn/samsyn/app"
)

const (
	defaultPageSize = 20
	maxPageSize     = 100
	maxOffset       = 100_000 // deeper pages are empty
	facetSize       = 300     // enough for every Swedish municipality
	fuzzyBelow      = 10      // fewer matches than this: search again, more widely
	// mergeWindow is the deepest hit a search ranks by the words it
	// holds across stages (narrowFirst); deeper pages keep the stage's
	// own order.
	mergeWindow = 1000
)

// facetFields maps facet names in app.SearchResult to index fields.
// The year is a keyword field: a date-range facet costs twice as much.
var facetFields = map[string]string{
	"kind": fieldKind, "topic": fieldTopics, "member": fieldMembers,
	"year": fieldYear, "issuer": fieldIssuer, "type": fieldType,
}

// Search runs q: a match on title, summary and body (all documents when
// the text is empty, newest first), narrowed by the filters, ranked by
// score, with facet counts over all matches and highlights in the hits of
// the page asked for. Equal scores (or dates) keep the index's order of
// the documents: a tie-break on the id or the date would read it for
// every match, a third of a query's time on a large index.
//
// Facet counts come from the index's cache when the same text and filters
// were counted since the last write (facetcache.go).
func (ix *Index) Search(ctx context.Context, q app.SearchQuery) (*app.SearchResult, error) {
	key, gen := keyOf(q, app.TrimSearchText(q.Text)), ix.facets.gen.Load()
	cached, hit := ix.facets.get(key, gen)
	// Narrowest first: every word (in any form, or within its typos), and
	// only when that finds little, more widely (stages). Asking for every
	// word is what a visitor means and skips most documents on a large
	// index; compound parts are what cost most on one.
	counts, typos, err := ix.lookup(ctx, key.text)
	if err != nil {
		return nil, err
	}
	from, size := window(q.Page)
	merge := key.text != "" && q.Sort != app.SortNewest && from+size <= mergeWindow
	var (
		res    *bleve.SearchResult
		m      matching                       // how the answer was found, for its highlights
		before search.DocumentMatchCollection // the few hits of the narrower stages, best first
		stage  int
	)
	for stage, m = range stages(key.text, counts, typos) {
		req := newRequest(q, !hit, m)
		if merge {
			req.From, req.Size = 0, from+size+len(before)
		}
		if res, err = ix.run(ctx, req); err != nil || res.Total >= fuzzyBelow {
			break
		}
		before = narrowFirst(before, res.Hits)
	}
	if err != nil {
		return nil, err
	}
	if merge {
		if stage > 0 {
			res.Hits = narrowFirst(before, res.Hits)
		}
		res.Hits = res.Hits[min(from, len(res.Hits)):min(from+size, len(res.Hits))]
	}
	if err := ix.highlight(ctx, q, res.Hits, m); err != nil {
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
	if out.Total < suggestBelow {
		out.DidYouMean = suggestion(key.text, typos)
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

// narrowFirst puts the documents a narrower stage found (every word
// before some of them: Meilisearch's "words" rule; a word's own forms and
// typos before its compound parts) before those only a wider one found,
// each in their order.
func narrowFirst(narrow, wide search.DocumentMatchCollection) search.DocumentMatchCollection {
	if len(narrow) == 0 {
		return wide
	}
	seen := make(map[string]bool, len(narrow))
	out := make(search.DocumentMatchCollection, 0, len(narrow)+len(wide))
	for _, h := range narrow {
		seen[h.ID] = true
		out = append(out, h)
	}
	for _, h := range wide {
		if !seen[h.ID] {
			out = append(out, h)
		}
	}
	return out
}

// highlight gives the hits of the page shown what they show and their
// highlighted fragments: the text query again, on those documents alone,
// for the term locations, and each document read once from the same
// snapshot. Asking Bleve for highlights in the search itself makes it
// gather the term locations of every match, most of a query's cost when
// a word is common; asking it for the stored fields copies each text
// twice more (a string, then bytes for the fragmenter), which the reads
// here leave out. The snippet prefers the body's fragment, so the
// summary's and title's locations are looked for only in the hits whose
// body has none: a third fewer posting lists to walk. Without text the
// search itself loaded what the hits show.
func (ix *Index) highlight(ctx context.Context, q app.SearchQuery, hits search.DocumentMatchCollection, m matching) error {
	text := app.TrimSearchText(q.Text)
	if text == "" || len(hits) == 0 {
		return nil
	}
	err := ix.use(func(idx bleve.Index) error {
		adv, err := idx.Advanced()
		if err != nil {
			return err
		}
		r, err := adv.Reader()
		if err != nil {
			return err
		}
		defer r.Close()
		stored, err := loadHits(r, hits)
		if err != nil {
			return err
		}
		unmarked := hits
		for _, fields := range [][]string{snippetFields[:1], snippetFields[1:]} {
			m.marks = fields
			if unmarked, err = markHits(ctx, idx, r, q, unmarked, stored, m); err != nil || len(unmarked) == 0 {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("bleve: highlight: %w", err)
	}
	return nil
}

// loadHits reads each hit's stored fields and puts the stored hit (as
// bytes) in its Fields. A hit deleted since it was found has none.
func loadHits(r index.IndexReader, hits search.DocumentMatchCollection) (map[string]map[string][]byte, error) {
	out := make(map[string]map[string][]byte, len(hits))
	for _, h := range hits {
		doc, err := r.Document(h.ID)
		if err != nil {
			return nil, err
		}
		if doc == nil {
			continue
		}
		fields := map[string][]byte{}
		doc.VisitFields(func(f index.Field) { fields[f.Name()] = f.Value() })
		out[h.ID] = fields
		h.Fields = map[string]any{fieldHit: fields[fieldHit]}
	}
	return out, nil
}

// markHits gives the hits their snippet's mark from the term locations
// of the fields m marks, and returns those it found none for.
func markHits(ctx context.Context, idx bleve.Index, r index.IndexReader, q app.SearchQuery,
	hits search.DocumentMatchCollection, stored map[string]map[string][]byte, m matching) (search.DocumentMatchCollection, error) {
	located, err := termLocations(ctx, idx, r, hits, textQuery(app.TrimSearchText(q.Text), typing(q.Text), m))
	if err != nil {
		return nil, err
	}
	var unmarked search.DocumentMatchCollection
	for _, h := range hits {
		if h.Fragments = marks(stored[h.ID], located[h.ID], m.marks); h.Fragments == nil {
			unmarked = append(unmarked, h)
		}
	}
	return unmarked, nil
}

// snippetFields are the stored fields a snippet's fragment may come
// from, in the order it prefers them.
var snippetFields = []string{fieldBody, fieldSummary, fieldTitle}

// marks is the fragment the snippet shows for the stored fields and
// term locations of a document, of the fields asked (in the order
// snippet prefers them): the best highlighted one of the first of them that has
// one (what Bleve's highlighter gives for each field, of which snippet
// would take the same).
func marks(stored map[string][]byte, locs search.FieldTermLocationMap, fields []string) search.FieldFragmentMap {
	for _, f := range fields {
		text := stored[f]
		if text == nil || len(locs[f]) == 0 { // nothing to mark
			continue
		}
		if frag, ok := bestFragment(text, locs[f]); ok && strings.Contains(frag, "<mark>") {
			return search.FieldFragmentMap{f: {frag}}
		}
	}
	return nil
}

func hitIDs(hits search.DocumentMatchCollection) []string {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	return ids
}

// newRequest is the Bleve request of q, counting facets when asked to and
// matching the text as m says.
func newRequest(q app.SearchQuery, withFacets bool, m matching) *bleve.SearchRequest {
	from, size := window(q.Page)
	text := app.TrimSearchText(q.Text)
	req := bleve.NewSearchRequestOptions(buildQuery(q, text, m), size, from, false)
	if text == "" {
		req.Fields = []string{fieldHit} // else highlight loads it
	}
	byDate := search.SortOrder{
		&search.SortField{
			Field: fieldPublished, Desc: true,
			Type: search.SortFieldAsDate, Missing: search.SortFieldMissingLast,
		},
	}
	if text == "" || q.Sort == app.SortNewest {
		req.SortByCustom(byDate)
	} else {
		req.SortByCustom(search.SortOrder{&search.SortScore{Desc: true}})
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
func buildQuery(q app.SearchQuery, text string, m matching) query.Query {
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
	tq := textQuery(text, typing(q.Text), m)
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
	var raw []byte
	switch v := h.Fields[fieldHit].(type) {
	case []byte: // read by highlight
		raw = v
	case string: // loaded by the search
		raw = []byte(v)
	}
	var s storedHit
	var into any = &s
	if len(h.Fragments) > 0 { // the snippet is the highlight (marks)
		into = &s.hitHead
	}
	if err := json.Unmarshal(raw, into); err != nil {
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
