package web

import (
	"cmp"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// searchPageView is the search page (/sok).
type searchPageView struct {
	Layout
	Query       string
	Internal    bool // searching everything, signed in
	CanInternal bool
	Searched    bool // a text or a filter was given
	Total       int
	Hits        []searchHitView
	Facets      []facetGroup
	Active      []activeFilter
	ByDate      bool
	SortURL     string // the other order
	// DidYouMean is the engine's other spelling of the text, and
	// DidYouMeanURL the search for it.
	DidYouMean, DidYouMeanURL string
	Page, Pages               int
	PrevURL                   string
	NextURL                   string
	Error                     string
}

type searchHitView struct {
	Title, URL, TypeLabel, Date, DateISO string
	Snippet                              template.HTML // safeSnippet: only <mark> pairs
	Members                              []string
}

type facetGroup struct {
	Name, Label string
	Values      []facetValue
}

type facetValue struct {
	Label, URL string
	Count      int
	Selected   bool
	Content    bool // Label is stored content (a topic, a member, an issuer)
}

// activeFilter is a filter in use: the facet's name and the value chosen.
type activeFilter struct {
	Label, Value, RemoveURL string
	Content                 bool
}

const searchPageSize = 20

// searchPage: the public search page; signed-in users may also search
// everything (scope=internal). It works without JavaScript.
func (s *Server) searchPage(c *fiber.Ctx) error {
	p := searchPageView{Layout: s.layout(c, "search.title"), CanInternal: currentUser(c) != nil}
	r, err := parseSearch(c)
	if err != nil {
		if app.ErrorCode(err) != app.EINVALID && app.ErrorCode(err) != app.EBADREQUEST {
			return err
		}
		p.Error = p.T("search.bad_request")
		return s.render(c, fiber.StatusBadRequest, "search", p)
	}
	if r.Scope == scopeInternal && currentUser(c) == nil {
		return requireUser(c)
	}
	r.Query.Page.Size = searchPageSize
	p.Query, p.Internal, p.ByDate = r.Query.Text, r.Scope == scopeInternal, r.Query.Sort == app.SortNewest
	p.Searched = p.Query != "" || hasFilter(r.Query)
	res, err := s.runSearch(c, r)
	if err != nil {
		if app.ErrorCode(err) != codeUnavailable {
			return err
		}
		p.Error = p.T("search.unavailable")
		return s.render(c, fiber.StatusServiceUnavailable, "search", p)
	}
	s.fillSearchPage(&p, c, r, res)
	return s.render(c, fiber.StatusOK, "search", p)
}

func hasFilter(q app.SearchQuery) bool {
	return q.Kind != "" || q.Topic != "" || q.Member != "" || q.Issuer != "" || q.Year != 0 ||
		(q.Type != "" && q.Type != app.TypeStatement)
}

func (s *Server) fillSearchPage(p *searchPageView, c *fiber.Ctx, r searchRequest, res *app.SearchResult) {
	base := searchValues(c)
	p.Total, p.Page = res.Total, r.Query.Page.Number
	p.Pages = min((res.Total+searchPageSize-1)/searchPageSize, 100_000/searchPageSize)
	link := func(change func(url.Values)) string {
		v := cloneValues(base)
		v.Del("page")
		change(v)
		return "/sok?" + v.Encode()
	}
	pageLink := func(n int) string {
		v := cloneValues(base)
		v.Set("page", strconv.Itoa(n))
		return "/sok?" + v.Encode()
	}
	if p.Page > 1 && p.Page <= p.Pages+1 {
		p.PrevURL = pageLink(p.Page - 1)
	}
	if p.Page < p.Pages {
		p.NextURL = pageLink(p.Page + 1)
	}
	p.SortURL = link(func(v url.Values) {
		if p.ByDate {
			v.Del("sort")
		} else {
			v.Set("sort", "date")
		}
	})
	if res.DidYouMean != "" {
		p.DidYouMean = res.DidYouMean
		p.DidYouMeanURL = link(func(v url.Values) { v.Set("q", res.DidYouMean) })
	}
	for _, h := range res.Hits {
		p.Hits = append(p.Hits, s.hitView(p.Layout, h, p.Internal))
	}
	p.Facets, p.Active = s.facetViews(p.Layout, base, res, link)
}

// hitURL is the page of a hit: in public search the public pages (a
// consultation's entry in the archive), in internal search the members'.
func hitURL(h app.SearchHit, internal bool) string {
	switch {
	case h.Type == app.TypeExternalResponse: // only ever in the internal index
		return "/internt/remissvar/" + url.PathEscape(h.ID)
	case h.Type == app.TypeConsultation && internal:
		return "/internt/remisser/" + url.PathEscape(h.ID)
	case h.Type == app.TypeConsultation:
		return "/remisser#remiss-" + url.PathEscape(h.ID)
	case h.Type == app.TypeIssue && internal:
		return "/internt/fragor/" + url.PathEscape(h.ID)
	case h.Type == app.TypeIssue:
		return "/fragor/" + url.PathEscape(h.Slug)
	}
	return "/stallningstaganden/" + url.PathEscape(h.Slug)
}

func (s *Server) hitView(l Layout, h app.SearchHit, internal bool) searchHitView {
	v := searchHitView{Title: h.Title, Snippet: template.HTML(safeSnippet(h.Snippet)), Members: h.Members}
	v.URL, v.TypeLabel = hitURL(h, internal), l.T("search.type."+h.Type)
	if h.Type == app.TypeStatement || h.Type == "" {
		v.TypeLabel = l.T("kind." + h.Kind)
	}
	if !h.PublishedAt.IsZero() {
		d := app.DateOf(h.PublishedAt).String()
		v.Date, v.DateISO = d, d
	}
	return v
}

// searchFacets are the facets the page offers as filters, with the query
// parameter each sets.
var searchFacets = []struct{ name, param string }{
	{app.FacetType, "type"}, {app.FacetKind, "kind"}, {app.FacetTopic, "topic"}, {app.FacetYear, "year"},
	{app.FacetMember, "member"}, {app.FacetIssuer, "issuer"},
}

func (s *Server) facetViews(l Layout, base url.Values, res *app.SearchResult, link func(func(url.Values)) string) ([]facetGroup, []activeFilter) {
	var groups []facetGroup
	var active []activeFilter
	for _, f := range searchFacets {
		label := func(v string) string {
			switch f.name {
			case app.FacetKind:
				return l.T("kind." + v)
			case app.FacetType:
				return l.T("search.type." + v)
			}
			return v
		}
		content := f.name == app.FacetTopic || f.name == app.FacetMember || f.name == app.FacetIssuer
		current := base.Get(f.param)
		if current != "" {
			active = append(active, activeFilter{Label: l.T("search.facet." + f.name), Value: label(current),
				Content: content, RemoveURL: link(func(v url.Values) { v.Del(f.param) })})
		}
		g := facetGroup{Name: f.name, Label: l.T("search.facet." + f.name)}
		for value, n := range res.Facets[f.name] {
			g.Values = append(g.Values, facetValue{Label: label(value), Count: n, Selected: value == current, Content: content,
				URL: link(func(v url.Values) { v.Set(f.param, value) })})
		}
		slices.SortFunc(g.Values, func(a, b facetValue) int {
			if f.name == app.FacetYear {
				return cmp.Compare(b.Label, a.Label)
			}
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Label, b.Label))
		})
		if len(g.Values) > 0 {
			groups = append(groups, g)
		}
	}
	return groups, active
}

// searchValues are the page's own parameters, copied out of the request.
func searchValues(c *fiber.Ctx) url.Values {
	v := url.Values{}
	for _, k := range []string{"q", "kind", "topic", "member", "year", "issuer", "type", "sort", "scope"} {
		s := param(c, k)
		if k == "q" {
			s = strings.Clone(app.TrimSearchText(c.Query("q")))
		}
		if s != "" && !(k == "scope" && s == scopePublic) {
			v.Set(k, s)
		}
	}
	return v
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = slices.Clone(vs)
	}
	return out
}
