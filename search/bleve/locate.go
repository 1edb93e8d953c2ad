package bleve

import (
	"context"
	"errors"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// fieldTerm is one term a highlight asks for, in one field.
type fieldTerm struct{ field, term string }

// termsOf lists the terms of a highlight's query, false when it asks
// for more than terms (a phrase).
func termsOf(q query.Query, out []fieldTerm) ([]fieldTerm, bool) {
	switch q := q.(type) {
	case *query.TermQuery:
		return append(out, fieldTerm{q.FieldVal, q.Term}), true
	case *query.DisjunctionQuery:
		for _, d := range q.Disjuncts {
			var ok bool
			if out, ok = termsOf(d, out); !ok {
				return nil, false
			}
		}
		return out, true
	}
	return nil, false
}

// termLocations gives, by hit ID, the term locations the highlight's query
// mq finds in the hits: read straight from the postings when it asks
// only for terms, as a search with locations gives them. That search
// scores every clause, merges their locations and builds a match for
// each hit, half of the highlight's time; the postings are walked alike.
func termLocations(ctx context.Context, idx bleve.Index, r index.IndexReader, hits search.DocumentMatchCollection,
	mq query.Query) (map[string]search.FieldTermLocationMap, error) {
	if terms, ok := termsOf(mq, nil); ok {
		return readLocations(ctx, r, hits, terms)
	}
	return searchLocations(ctx, idx, hits, mq)
}

// searchLocations is the term locations of mq in the hits, by search.
func searchLocations(ctx context.Context, idx bleve.Index, hits search.DocumentMatchCollection,
	mq query.Query) (map[string]search.FieldTermLocationMap, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(hitIDs(hits)), mq),
		len(hits), 0, false)
	req.IncludeLocations = true
	res, err := idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	out := make(map[string]search.FieldTermLocationMap, len(res.Hits))
	for _, h := range res.Hits {
		if len(h.Locations) > 0 {
			out[h.ID] = h.Locations
		}
	}
	return out, nil
}

// located is a hit's document number in a reader, and its ID.
type located struct {
	num index.IndexInternalID
	id  string
}

// readLocations is the term locations of terms in the hits, from the
// postings of each term (once, however often it is asked for), visiting
// the hits in the index's order.
func readLocations(ctx context.Context, r index.IndexReader, hits search.DocumentMatchCollection,
	terms []fieldTerm) (map[string]search.FieldTermLocationMap, error) {
	docs := make([]located, 0, len(hits))
	for _, h := range hits {
		num, err := r.InternalID(h.ID)
		if err != nil {
			return nil, err
		}
		if num != nil { // else deleted since it was found
			docs = append(docs, located{num, h.ID})
		}
	}
	slices.SortFunc(docs, func(a, b located) int { return a.num.Compare(b.num) })
	out := map[string]search.FieldTermLocationMap{}
	seen := map[fieldTerm]bool{}
	for _, ft := range terms {
		if seen[ft] {
			continue
		}
		seen[ft] = true
		if err := readTerm(ctx, r, ft, docs, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// readTerm adds the locations of ft in docs (in the index's order) to out.
func readTerm(ctx context.Context, r index.IndexReader, ft fieldTerm, docs []located,
	out map[string]search.FieldTermLocationMap) (err error) {
	tfr, err := r.TermFieldReader(ctx, []byte(ft.term), ft.field, true, false, true)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, tfr.Close()) }()
	var (
		at  *index.TermFieldDoc
		pre index.TermFieldDoc // filled again by each step
	)
	for _, d := range docs {
		if at == nil || at.ID.Compare(d.num) < 0 {
			if at, err = tfr.Advance(d.num, &pre); err != nil || at == nil {
				return err
			}
		}
		if !at.ID.Equals(d.num) || len(at.Vectors) == 0 {
			continue
		}
		if out[d.id] == nil {
			out[d.id] = search.FieldTermLocationMap{}
		}
		tlm := out[d.id][ft.field]
		if tlm == nil {
			tlm = search.TermLocationMap{}
			out[d.id][ft.field] = tlm
		}
		locs := make([]search.Location, len(at.Vectors)) // one allocation for the hit's locations of ft
		for i, v := range at.Vectors {
			locs[i] = search.Location{Pos: v.Pos, Start: v.Start, End: v.End,
				ArrayPositions: slices.Clone(search.ArrayPositions(v.ArrayPositions))}
			tlm[ft.term] = append(tlm[ft.term], &locs[i])
		}
	}
	return nil
}
