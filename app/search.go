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

// Facet names, shared by the engines and the web layer.
const (
	FacetKind   = "kind"
	FacetTopic  = "topic"
	FacetYear   = "year"
	FacetMember = "member"
	FacetIssuer = "issuer"
)

// IndexTask is one document whose index entry is behind the store.
type IndexTask struct {
	Doc     SearchDoc
	Version int  // the document's version when read
	Public  bool // belongs in the public index (published statements only)
}

// SearchSource is a store whose documents are searchable. Every write
// marks the document dirty in the same update that bumps its version; the
// sync indexes it and then clears the mark only if the document is still
// at the version it indexed, so a write racing the sync is never lost.
type SearchSource interface {
	// PendingSearch lists up to limit dirty documents.
	PendingSearch(ctx context.Context, limit int) ([]IndexTask, error)
	// MarkIndexed clears the dirty mark of id if it is still at version;
	// it returns nil (and changes nothing) when the document has moved on.
	MarkIndexed(ctx context.Context, id string, version int) error
}
