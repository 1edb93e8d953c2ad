package bleve

import (
	"maps"
	"sync/atomic"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/samsyn/samsyn/app"
)

// facetCacheSize is how many queries' facet counts an index keeps.
const facetCacheSize = 512

// facetCache keeps the facet counts of recent queries for one index.
// Counting facets means visiting every match, which costs most of a query
// on a large index; the counts do not depend on the page asked for, and
// the empty query and common words are asked again and again. Every write
// to the index moves its generation on, and a count is used only at the
// generation it was made at — so a cached count is never out of date.
type facetCache struct {
	gen atomic.Uint64
	lru *lru.Cache[facetKey, facetEntry]
	// near keeps, by the same generations, the words of the index near a
	// typed word (typos.go): building the edit automaton and walking the
	// dictionary with it is a tenth of a query of several long words.
	near *lru.Cache[string, nearEntry]
}

type nearEntry struct {
	gen  uint64
	near []typo
}

// nearCacheSize is how many typed words' near words an index keeps.
const nearCacheSize = 4096

// facetKey is what the counts depend on: the text and the filters, not
// the page or the order.
type facetKey struct {
	text, kind, topic, member, issuer, typ string
	year                                   int
}

type facetEntry struct {
	gen    uint64
	facets map[string]map[string]int
}

func newFacetCache() *facetCache {
	c, err := lru.New[facetKey, facetEntry](facetCacheSize)
	if err != nil {
		panic(err) // only for a size below 1
	}
	n, err := lru.New[string, nearEntry](nearCacheSize)
	if err != nil {
		panic(err)
	}
	return &facetCache{lru: c, near: n}
}

func keyOf(q app.SearchQuery, text string) facetKey {
	return facetKey{text: text, kind: q.Kind, topic: q.Topic, member: q.Member, issuer: q.Issuer, typ: q.Type, year: q.Year}
}

// get returns a copy of the counts of k made at generation gen.
func (c *facetCache) get(k facetKey, gen uint64) (map[string]map[string]int, bool) {
	e, ok := c.lru.Get(k)
	if !ok || e.gen != gen {
		return nil, false
	}
	out := make(map[string]map[string]int, len(e.facets))
	for name, counts := range e.facets {
		out[name] = maps.Clone(counts)
	}
	return out, true
}

// put keeps counts of k made by a search that began at generation gen.
func (c *facetCache) put(k facetKey, gen uint64, facets map[string]map[string]int) {
	kept := make(map[string]map[string]int, len(facets))
	for name, counts := range facets {
		kept[name] = maps.Clone(counts)
	}
	c.lru.Add(k, facetEntry{gen: gen, facets: kept})
}

// changed moves the generation on: every count kept so far is stale.
func (c *facetCache) changed() { c.gen.Add(1) }
