package meili

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/meilisearch/meilisearch-go"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/search/swedish"
)

const (
	defaultPageSize = 20
	maxPageSize     = 100
	cropWords       = 30
)

// facetFields maps facet names in app.SearchResult to document fields.
var facetFields = map[string]string{
	"kind": fieldKind, "topic": fieldTopics, "member": fieldMembers,
	"year": fieldYear, "issuer": fieldIssuer, "type": fieldType,
}

// hit is one document as the search answers it.
type hit struct {
	ID          string                     `json:"id"`
	Type        string                     `json:"type"`
	Kind        string                     `json:"kind"`
	Title       string                     `json:"title"`
	Slug        string                     `json:"slug"`
	Summary     string                     `json:"summary"`
	Members     []string                   `json:"members"`
	PublishedAt int64                      `json:"published_at"`
	Formatted   map[string]json.RawMessage `json:"_formatted"`
}

type response struct {
	Hits      []hit                     `json:"hits"`
	TotalHits int                       `json:"totalHits"`
	Facets    map[string]map[string]int `json:"facetDistribution"`
}

// Search runs q: the text on title, summary and body (all documents when
// empty), narrowed by the filters, ranked by relevance and then newest
// first, with facet counts over all matches.
func (ix *Index) Search(ctx context.Context, q app.SearchQuery) (*app.SearchResult, error) {
	req := newRequest(q)
	raw, err := ix.search.SearchRaw(ctx, req.Query, req)
	if err != nil {
		return nil, fmt.Errorf("meili: search %s: %w", ix.uid, err)
	}
	var res response
	if raw == nil {
		return nil, fmt.Errorf("meili: search %s: empty answer", ix.uid)
	}
	if err := json.Unmarshal(*raw, &res); err != nil {
		return nil, fmt.Errorf("meili: decode search answer from %s: %w", ix.uid, err)
	}
	out := &app.SearchResult{Total: res.TotalHits, Hits: make([]app.SearchHit, 0, len(res.Hits))}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, h.toHit())
	}
	out.Facets = facetCounts(res.Facets)
	return out, nil
}

func newRequest(q app.SearchQuery) *meilisearch.SearchRequest {
	page, size := window(q.Page)
	text := app.TrimSearchText(q.Text)
	req := &meilisearch.SearchRequest{
		Query:            queryText(text),
		Page:             page,
		HitsPerPage:      &size,
		MatchingStrategy: meilisearch.Frequency,
		Facets:           []string{fieldKind, fieldTopics, fieldMembers, fieldYear, fieldIssuer, fieldType},
		AttributesToRetrieve: []string{
			fieldID, fieldType, fieldKind, fieldTitle, "slug", fieldSummary, fieldMembers, fieldPublished,
		},
		AttributesToHighlight: []string{fieldTitle, fieldSummary, fieldBody},
		AttributesToCrop:      []string{fieldSummary, fieldBody},
		CropLength:            cropWords,
		CropMarker:            "…",
		HighlightPreTag:       preTag,
		HighlightPostTag:      postTag,
		Locales:               []string{locale}, // the query is Swedish, as the fields are (localizedAttributes)
	}
	if text == "" || q.Sort == app.SortNewest {
		req.Sort = []string{fieldPublished + ":desc"}
	}
	if f := filters(q); len(f) > 0 {
		req.Filter = f
	}
	return req
}

// maxQueryWords is how many words Meilisearch looks at; it ignores more.
const maxQueryWords = 10

// queryText is the text as typed followed by the Swedish pipeline's terms
// that differ from it (base forms, compound parts, references), which meet
// the "terms" field of the documents.
func queryText(text string) string {
	words := strings.Fields(strings.NewReplacer(`"`, " ").Replace(text))
	if len(words) > maxQueryWords/2 {
		words = words[:maxQueryWords/2]
	}
	seen := map[string]bool{}
	for _, w := range words {
		seen[strings.ToLower(w)] = true
	}
	for _, t := range swedish.Default().Terms(text) {
		if len(words) == maxQueryWords {
			break
		}
		if !seen[t] {
			seen[t] = true
			words = append(words, t)
		}
	}
	return strings.Join(words, " ")
}

// filters returns the conditions, all of which must hold.
func filters(q app.SearchQuery) []string {
	var f []string
	eq := func(field, value string) {
		if value != "" {
			f = append(f, field+" = "+quote(value))
		}
	}
	eq(fieldKind, q.Kind)
	eq(fieldTopics, q.Topic)
	eq(fieldMembers, q.Member)
	eq(fieldIssuer, q.Issuer)
	eq(fieldType, q.Type)
	if q.Year != 0 {
		eq(fieldYear, strconv.Itoa(q.Year))
	}
	return f
}

// quote makes a filter string literal of any value.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// window turns a page into Meilisearch's page and hitsPerPage, clamping
// bad values; pages past maxTotalHits are empty.
func window(p app.Page) (page, size int64) {
	size = int64(p.Size)
	switch {
	case size < 1:
		size = defaultPageSize
	case size > maxPageSize:
		size = maxPageSize
	}
	page = max(int64(p.Number), 1)
	return min(page, maxTotalHits/size+2), size
}

func (h hit) toHit() app.SearchHit {
	out := app.SearchHit{
		ID: h.ID, Type: h.Type, Kind: h.Kind, Title: h.Title, Slug: h.Slug,
		Members: h.Members, Snippet: snippet(h),
	}
	if h.PublishedAt != 0 {
		out.PublishedAt = time.UnixMilli(h.PublishedAt).UTC()
	}
	return out
}

func facetCounts(dist map[string]map[string]int) map[string]map[string]int {
	out := make(map[string]map[string]int, len(facetFields))
	for name, field := range facetFields {
		counts := map[string]int{}
		for term, n := range dist[field] {
			counts[term] = n
		}
		out[name] = counts
	}
	return out
}
