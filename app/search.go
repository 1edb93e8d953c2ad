package app

import (
	"context"
	"time"
)

// SearchDoc is what a search index holds of one document.
type SearchDoc struct {
	ID          string
	Type        string // "statement", "consultation", "issue"
	Kind        string
	Title       string
	Slug        string
	Summary     string
	Body        string
	Topics      []string
	Members     []string
	Issuer      string
	Status      string
	PublishedAt time.Time
}

// SearchQuery is one search request.
type SearchQuery struct {
	Text   string
	Kind   string
	Topic  string
	Member string
	Year   int
	Page   Page
}

// SearchHit is one result.
type SearchHit struct {
	ID          string
	Type        string
	Kind        string
	Title       string
	Slug        string
	Snippet     string // highlighted HTML, safe to insert
	PublishedAt time.Time
	Members     []string
}

// SearchResult is one page of hits with facet counts.
type SearchResult struct {
	Total  int
	Hits   []SearchHit
	Facets map[string]map[string]int
}

// SearchIndex is one index of a search engine. The public index holds
// published statements only; the internal one everything, for members.
type SearchIndex interface {
	Index(ctx context.Context, docs ...SearchDoc) error
	Delete(ctx context.Context, ids ...string) error
	Search(ctx context.Context, q SearchQuery) (*SearchResult, error)
}

// SearchEngine opens the two indexes and reports its health.
type SearchEngine interface {
	Public() SearchIndex
	Internal() SearchIndex
	Ping(ctx context.Context) error
	Close() error
}
