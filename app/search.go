package app

import (
	"context"
	"regexp"
	"strings"
	"time"
)

// SearchDoc is what a search index holds of one document.
type SearchDoc struct {
	ID        string
	Type      string // "statement", "consultation", "issue"
	Kind      string
	Title     string
	Slug      string
	Summary   string
	Body      string
	Topics    []string
	Members   []string
	Issuer    string
	Status    string
	Reference string // diarienummer or report number, any spelling
	// Context is what a document's surroundings say of it, searchable
	// beside its own text: for a statement the consultation it answers
	// (title, issuer, report number), its signing members' names and the
	// issues it belongs to (see StatementContext).
	Context     string
	PublishedAt time.Time
}

// SearchQuery is one search request. Empty fields do not filter.
type SearchQuery struct {
	Text   string
	Kind   string
	Topic  string
	Member string
	Year   int
	Issuer string
	Type   string // "statement", "consultation", "issue"
	Sort   SearchSort
	Page   Page
}

// SearchSort orders hits.
type SearchSort string

// The orders: by relevance (the order of equals is the engine's; all newest first
// when there is no text), or by date alone.
const (
	SortRelevance SearchSort = ""
	SortNewest    SearchSort = "date"
)

// MaxSearchText is the longest query text engines look at, in bytes;
// longer text is cut at a word boundary.
const MaxSearchText = 500

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
	// DidYouMean is another spelling of the text that the index's own
	// words suggest when the text found little ("Menade du …?"); "" for
	// none. The public index suggests only words of public documents.
	DidYouMean string
}

// SearchIndex is one index of a search engine. The public index holds
// public things only (published statements, public issues, the
// consultations of the public archive); the internal one everything, for
// members.
type SearchIndex interface {
	Index(ctx context.Context, docs ...SearchDoc) error
	Delete(ctx context.Context, ids ...string) error
	Search(ctx context.Context, q SearchQuery) (*SearchResult, error)
}

// SearchEngine opens the two indexes and reports its health.
type SearchEngine interface {
	Public() SearchIndex
	Internal() SearchIndex
	// Rebuild starts fresh, empty copies of both indexes beside the live
	// ones; searches keep seeing the live ones until Commit.
	Rebuild(ctx context.Context) (SearchRebuild, error)
	Ping(ctx context.Context) error
	Close() error
}

// SearchRebuild is a pair of indexes being built beside the live ones.
type SearchRebuild interface {
	Public() SearchIndex
	Internal() SearchIndex
	// Commit swaps the new indexes in for the live ones atomically.
	Commit(ctx context.Context) error
	// Abort throws the new indexes away; the live ones stay.
	Abort(ctx context.Context) error
}

// Facet names, shared by the engines and the web layer.
const (
	FacetKind   = "kind"
	FacetTopic  = "topic"
	FacetYear   = "year"
	FacetMember = "member"
	FacetIssuer = "issuer"
	FacetType   = "type"
)

// FacetNames lists every facet a result carries, in display order.
var FacetNames = []string{FacetType, FacetKind, FacetTopic, FacetYear, FacetMember, FacetIssuer}

// Search document types.
const (
	TypeStatement    = "statement"
	TypeConsultation = "consultation"
	TypeIssue        = "issue"
	// TypeExternalResponse is another body's harvested answer: in the
	// internal index only.
	TypeExternalResponse = "external_response"
)

// IndexTask is one document whose index entry is behind the store.
type IndexTask struct {
	Doc     SearchDoc
	Version int  // the document's version when read
	Public  bool // belongs in the public index (with PublicDoc for a consultation or an issue)
	// PublicDoc is what the public index holds when that is less than
	// Doc (a statement's public copy names public issues only); nil: Doc.
	PublicDoc *SearchDoc
	// ConsultationID is the consultation a statement answers, whose
	// facts StatementContext adds.
	ConsultationID string
}

// PublicDocument is what the public index holds of t.
func (t IndexTask) PublicDocument() SearchDoc {
	if t.PublicDoc != nil {
		return *t.PublicDoc
	}
	return t.Doc
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

// StatementSearchTask is what the indexes hold of a statement: its members
// are the names of those that signed; only a published statement belongs
// in the public index.
func StatementSearchTask(s *Statement) IndexTask {
	var members []string
	for _, sig := range s.Signatures {
		if sig.Decision == "signed" && sig.MemberName != "" {
			members = append(members, sig.MemberName)
		}
	}
	d := SearchDoc{ID: s.ID, Type: TypeStatement, Kind: string(s.Kind), Title: s.Title, Slug: s.Slug,
		Summary: s.Summary, Body: PlainText(s.Body), Topics: s.Topics, Members: members, Status: string(s.Status),
		Context: strings.Join(members, "\n")}
	published := s.Status == StatementPublished
	if published {
		d.PublishedAt = s.PublishedAt
	}
	return IndexTask{Doc: d, Version: s.Version, Public: published, ConsultationID: s.ConsultationID}
}

// ConsultationSearchTask is what the internal index holds of a
// consultation: its diarienummer and report number as references, dated
// by the day it was received.
func ConsultationSearchTask(c *Consultation) IndexTask {
	body := []string{c.DeclineReason}
	for _, l := range c.Documents {
		body = append(body, l.Title)
	}
	d := SearchDoc{ID: c.ID, Type: TypeConsultation, Title: c.Title, Topics: c.Topics, Issuer: c.Issuer,
		Status: string(c.Status), Reference: ReferenceSpellings(c.Reference, c.ReportNumber),
		Body: strings.TrimSpace(strings.Join(body, "\n"))}
	if !c.ReceivedOn.IsZero() {
		d.PublishedAt = time.Date(c.ReceivedOn.Year(), c.ReceivedOn.Month(), c.ReceivedOn.Day(), 12, 0, 0, 0, Stockholm).UTC()
	}
	return IndexTask{Doc: d, Version: c.Version}
}

// IssueSearchTask is what the indexes hold of an advocacy issue: a public
// issue enters the public index with what its public page shows (see
// PublicView), dated by its last change; IssuePositionsTask adds the
// standing positions.
func IssueSearchTask(i *Issue) IndexTask {
	d := SearchDoc{ID: i.ID, Type: TypeIssue, Title: i.Title, Slug: i.Slug, Summary: i.Summary, Body: PlainText(i.Body),
		Topics: i.Topics, Status: i.Status}
	t := IndexTask{Doc: d, Version: i.Version}
	if v, ok := i.PublicView(); ok {
		t.Public = true
		t.PublicDoc = &SearchDoc{ID: i.ID, Type: TypeIssue, Title: v.Title, Slug: v.Slug, Summary: v.Summary,
			Body: PlainText(v.Body), Topics: v.Topics, Status: IssuePublic, PublishedAt: v.UpdatedAt}
	}
	return t
}

// IssuePublic is the status of an issue's public search document.
const IssuePublic = "public"

// TrimSearchText trims space and cuts text longer than MaxSearchText at a
// word boundary; it also makes the text valid UTF-8.
func TrimSearchText(text string) string {
	text = strings.TrimSpace(strings.ToValidUTF8(text, " "))
	if len(text) <= MaxSearchText {
		return text
	}
	cut := text[:MaxSearchText]
	if i := strings.LastIndexAny(cut, " \t\n"); i > 0 {
		cut = cut[:i]
	}
	return strings.ToValidUTF8(cut, "")
}

var (
	mdLink = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	// mdMark is a block marker at the start of a line: a heading, a
	// quote, a list item. \A: it is tried only where a line starts.
	mdMark   = regexp.MustCompile(`\A\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)`)
	mdInline = strings.NewReplacer("**", "", "__", "", "`", "")
)

// PlainText is Markdown as a reader sees it, for indexing and snippets:
// links become their text; headings, quotes, list markers and emphasis
// marks go. Anything else stays as written.
func PlainText(md string) string {
	s := md
	if strings.Contains(s, "](") { // no link without it
		s = mdLink.ReplaceAllString(s, "$1")
	}
	return mdInline.Replace(stripMarks(s))
}

// stripMarks removes the block markers (mdMark) at the starts of lines,
// as a multi-line regexp replacing them all would, but tries the regexp
// only at a line start whose first characters could begin one: that one
// scanned every byte of a body, a fifth of indexing it.
func stripMarks(s string) string {
	var b strings.Builder
	done := 0 // s[:done] is written or dropped
	for q := 0; q < len(s); {
		if q >= done && markerAhead(s[q:]) {
			if m := mdMark.FindStringIndex(s[q:]); m != nil {
				b.WriteString(s[done:q])
				done = q + m[1]
			}
		}
		nl := strings.IndexByte(s[q:], '\n')
		if nl < 0 {
			break
		}
		q += nl + 1
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// markerAhead reports whether s starts with up to three spaces (as \s:
// tab, newline, form feed, return, space) and then a character that may
// begin a block marker.
func markerAhead(s string) bool {
	for k := 0; k < len(s) && k <= 3; k++ {
		switch c := s[k]; {
		case strings.IndexByte("#>-*+0123456789", c) >= 0:
			return true
		case strings.IndexByte("\t\n\f\r ", c) < 0:
			return false
		}
	}
	return false
}
