package web

import (
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// Search scopes: the public index (published statements, for anyone) or
// the internal one (everything, for signed-in users).
const (
	scopePublic   = "public"
	scopeInternal = "internal"
)

// searchRequest is a parsed search: the query for the engine and the
// scope to run it in.
type searchRequest struct {
	Query app.SearchQuery
	Scope string
}

var searchKinds = map[string]bool{
	string(app.KindPositionPaper): true, string(app.KindJointStatement): true, string(app.KindConsultationResponse): true,
}

var searchTypes = map[string]bool{app.TypeStatement: true, app.TypeConsultation: true, app.TypeIssue: true,
	app.TypeExternalResponse: true}

// parseSearch reads q, kind, topic, member, year, issuer, type, sort,
// scope, page and per_page, naming every bad parameter at once. Unknown
// facet values (topic, member, issuer) are not errors: they match nothing.
func parseSearch(c *fiber.Ctx) (searchRequest, error) {
	p := app.Problems{}
	r := searchRequest{Scope: c.Query("scope", scopePublic)}
	// Copies: Fiber reuses the request's memory, and the Swedish pipeline
	// caches what it derives from the text.
	q := app.SearchQuery{Text: app.TrimSearchText(strings.Clone(c.Query("q"))), Topic: param(c, "topic"),
		Member: param(c, "member"), Issuer: param(c, "issuer"), Kind: param(c, "kind"), Type: param(c, "type")}
	if r.Scope != scopePublic && r.Scope != scopeInternal {
		p.Add("scope", "Ska vara public eller internal.")
	}
	if q.Kind != "" && !searchKinds[q.Kind] {
		p.Add("kind", "Ska vara position_paper, joint_statement eller consultation_response.")
	}
	if q.Type != "" && !searchTypes[q.Type] {
		p.Add("type", "Ska vara statement, consultation eller issue.")
	}
	if y := c.Query("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1900 || n > 2200 {
			p.Add("year", "Ska vara ett årtal, till exempel 2025.")
		}
		q.Year = n
	}
	switch c.Query("sort") {
	case "", "relevance":
	case "date":
		q.Sort = app.SortNewest
	default:
		p.Add("sort", "Ska vara relevance eller date.")
	}
	page, err := pageParams(c)
	if err != nil {
		for k, v := range app.ErrorFields(err) {
			p.Add(k, v)
		}
	}
	if err := p.Err(); err != nil {
		return r, err
	}
	q.Page = page
	r.Query = q
	return r, nil
}

// param returns a query parameter trimmed and capped, copied out of
// Fiber's reused buffers.
func param(c *fiber.Ctx, name string) string {
	v := strings.TrimSpace(c.Query(name))
	if len(v) > 200 {
		v = strings.ToValidUTF8(v[:200], "")
	}
	return strings.Clone(v)
}

// runSearch runs r in the index its scope allows. Internal search needs a
// signed-in user; a failing engine is a 503, never an error text.
func (s *Server) runSearch(c *fiber.Ctx, r searchRequest) (*app.SearchResult, error) {
	if r.Scope == scopeInternal && currentUser(c) == nil {
		return nil, app.Errorf(app.EUNAUTHORIZED, "Logga in för att söka bland allt internt material.")
	}
	if s.deps.Search == nil {
		return nil, app.Errorf(codeUnavailable, "Sökningen är inte tillgänglig just nu.")
	}
	idx := s.deps.Search.Public()
	if r.Scope == scopeInternal {
		idx = s.deps.Search.Internal()
	}
	res, err := idx.Search(c.UserContext(), r.Query)
	if err != nil {
		s.log.Error("search failed", "err", err, "scope", r.Scope, "request_id", c.GetRespHeader(fiber.HeaderXRequestID))
		return nil, app.Errorf(codeUnavailable, "Sökningen är inte tillgänglig just nu. Försök igen om en stund.")
	}
	return res, nil
}

// searchAnswer is the JSON shape of a search (DESIGN.md).
type searchAnswer struct {
	Query   string                    `json:"query"`
	Total   int                       `json:"total"`
	Page    int                       `json:"page"`
	PerPage int                       `json:"per_page"`
	Hits    []searchHitOut            `json:"hits"`
	Facets  map[string]map[string]int `json:"facets"`
	// DidYouMean is another spelling to search for, or null.
	DidYouMean *string `json:"did_you_mean"`
}

type searchHitOut struct {
	ID          string     `json:"id"`
	Type        string     `json:"type"`
	Kind        string     `json:"kind"`
	Title       string     `json:"title"`
	Slug        string     `json:"slug"`
	Snippet     string     `json:"snippet"`
	PublishedAt *time.Time `json:"published_at"`
	Members     []string   `json:"members"`
}

// apiSearch: GET /api/v1/search.
func (s *Server) apiSearch(c *fiber.Ctx) error {
	r, err := parseSearch(c)
	if err != nil {
		return err
	}
	res, err := s.runSearch(c, r)
	if err != nil {
		return err
	}
	return c.JSON(searchJSON(r, res))
}

func searchJSON(r searchRequest, res *app.SearchResult) searchAnswer {
	out := searchAnswer{Query: r.Query.Text, Total: res.Total, Page: r.Query.Page.Number, PerPage: r.Query.Page.Size,
		Hits: make([]searchHitOut, 0, len(res.Hits)), Facets: map[string]map[string]int{}}
	if res.DidYouMean != "" {
		out.DidYouMean = &res.DidYouMean
	}
	for _, h := range res.Hits {
		o := searchHitOut{ID: h.ID, Type: h.Type, Kind: h.Kind, Title: h.Title, Slug: h.Slug,
			Snippet: safeSnippet(h.Snippet), Members: h.Members}
		if o.Members == nil {
			o.Members = []string{}
		}
		if !h.PublishedAt.IsZero() {
			t := h.PublishedAt
			o.PublishedAt = &t
		}
		out.Hits = append(out.Hits, o)
	}
	for _, name := range app.FacetNames {
		counts := res.Facets[name]
		if counts == nil {
			counts = map[string]int{}
		}
		out.Facets[name] = counts
	}
	return out
}

// markPlaceholders stands in for the <mark> tags while safeSnippet
// escapes a snippet (built once: a Replacer builds its tables on first use).
var markPlaceholders = strings.NewReplacer("<mark>", "\x00m\x00", "</mark>", "\x00/m\x00", "\x00", "")

// safeSnippet makes sure a snippet holds no markup but <mark> pairs,
// whatever the engine sent: it reads the text, escapes all of it and
// restores balanced marks.
func safeSnippet(s string) string {
	const open, close = "\x00m\x00", "\x00/m\x00"
	s = markPlaceholders.Replace(s)
	s = html.EscapeString(html.UnescapeString(s))
	var b strings.Builder
	depth := 0
	for s != "" {
		switch {
		case strings.HasPrefix(s, open):
			if depth == 0 {
				b.WriteString("<mark>")
				depth = 1
			}
			s = s[len(open):]
		case strings.HasPrefix(s, close):
			if depth == 1 {
				b.WriteString("</mark>")
				depth = 0
			}
			s = s[len(close):]
		default:
			i := strings.IndexByte(s[1:], 0) + 1
			if i == 0 {
				i = len(s)
			}
			b.WriteString(strings.ReplaceAll(s[:i], "\x00", ""))
			s = s[i:]
		}
	}
	if depth == 1 {
		b.WriteString("</mark>")
	}
	return b.String()
}
