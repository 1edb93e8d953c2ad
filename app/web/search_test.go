package web_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/search"
	"github.com/samsyn/samsyn/search/bleve"
)

func init() { roleTables = append(roleTables, searchRoles) }

// searchRoles: search is open to everyone; the internal scope needs a
// signed-in user.
func searchRoles(f *fixture) []roleCase {
	withSearch(f)
	return []roleCase{
		{"GET", "/sok", "", [6]int{200, 200, 200, 200, 200, 200}},
		{"GET", "/sok?q=eln%C3%A4tet", "", [6]int{200, 200, 200, 200, 200, 200}},
		{"GET", "/sok?scope=internal", "", [6]int{303, 200, 200, 200, 200, 200}},
		{"GET", "/api/v1/search?q=eln%C3%A4tet", "", [6]int{200, 200, 200, 200, 200, 200}},
		{"GET", "/api/v1/search?scope=internal", "", [6]int{401, 200, 200, 200, 200, 200}},
	}
}

// secretWord exists only in unpublished documents.
const secretWord = "sekretessbudget"

// withSearch gives the fixture's server a real Bleve engine holding a
// published statement, a draft, a statement in signing, a withdrawn one,
// a consultation and an issue, written the way the sync writes them.
func withSearch(f *fixture) *bleve.Engine {
	f.t.Helper()
	eng, err := bleve.Open(f.t.TempDir())
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { _ = eng.Close() })
	now := time.Date(2025, 5, 5, 10, 0, 0, 0, time.UTC)
	st := func(id string, status app.StatementStatus, title, body string) app.IndexTask {
		return app.StatementSearchTask(&app.Statement{ID: id, Kind: app.KindPositionPaper, Title: title, Slug: id,
			Summary: "Sammanfattning.", Body: body, Topics: []string{"elnät"}, Status: status, PublishedAt: now, Version: 1,
			Signatures: []app.Signature{{MemberName: "Skellefteå", Decision: "signed"}}})
	}
	answered := app.Consultation{ID: "c2", Title: "Remiss om vattenavgifter", Reference: "Fi2026/02110", Issuer: "Finansdepartementet",
		Status: app.ConsultationSubmitted, StatementID: "svar1", DeclineReason: "Hemliga departementet"}
	answer := &app.Statement{ID: "svar1", Kind: app.KindConsultationResponse, Title: "Svar om avgifterna", Slug: "svar1",
		Body: "Avgifterna måste sänkas.", Status: app.StatementPublished, PublishedAt: now, Version: 1, ConsultationID: "c2",
		Signatures: []app.Signature{{MemberName: "Kiruna", Decision: "signed"}}}
	tasks := []app.IndexTask{
		st("pub1", app.StatementPublished, "Elnätet i norr", "Elnätet behöver byggas ut. <script>alert(1)</script>"),
		st("draft1", app.StatementDraft, "Utkast om "+secretWord, "Hemlig text om "+secretWord),
		st("sign1", app.StatementSigning, "Text under signering", "Låst text om "+secretWord),
		st("wd1", app.StatementWithdrawn, "Återkallat om elnätet", "Återkallad text om "+secretWord),
		app.ConsultationSearchTask(&app.Consultation{ID: "c1", Title: "Remiss om " + secretWord, Reference: "KN2026/00741",
			Issuer: "Hemliga departementet", Topics: []string{"hemligt ämne"}, ReceivedOn: app.NewDate(2025, 4, 1)}),
		app.IssueSearchTask(&app.Issue{ID: "i1", Title: "Fråga om " + secretWord, Slug: "fraga", Topics: []string{"hemligt ämne"}}),
		// Public: an issue with a public standing position (and an internal
		// one), and a consultation the published statement answered.
		app.IssuePositionsTask(app.IssueSearchTask(&app.Issue{ID: "i2", Title: "Vindkraften i norr", Slug: "vindkraft", Public: true,
			Summary: "Vår fråga om vindkraft."}), []*app.Position{
			{IssueID: "i2", Title: "Kommunal veto", Text: "Kommunerna ska behålla vetot.", Public: true},
			{IssueID: "i2", Title: "Förhandlingsläge", Text: "Internt: " + secretWord + "."}}),
		archived(answered, answer, nil),
		app.StatementContext(app.StatementSearchTask(answer), &answered, nil),
		archived(app.Consultation{ID: "c3", Title: "Remiss om " + secretWord, Reference: "KN2026/00999",
			Status: app.ConsultationDeclined, DeclineReason: secretWord}, nil, &app.Outcome{ConsultationID: "c3"}),
	}
	for i := range 25 {
		tasks = append(tasks, st(fmt.Sprintf("many%02d", i), app.StatementPublished, fmt.Sprintf("Logistik i hamnarna del %d", i), "Hamnar och logistik."))
	}
	if err := search.Apply(f.t.Context(), eng.Public(), eng.Internal(), tasks); err != nil {
		f.t.Fatal(err)
	}
	f.srv.SetSearchForTest(eng)
	return eng
}

// archived is the search task of consultation c completed as the sync
// completes it (app.ArchiveSearchTask).
func archived(c app.Consultation, response *app.Statement, o *app.Outcome) app.IndexTask {
	return app.ArchiveSearchTask(app.ConsultationSearchTask(&c), &c, response, o)
}

type searchAnswer struct {
	Query   string `json:"query"`
	Total   int    `json:"total"`
	Page    int    `json:"page"`
	PerPage int    `json:"per_page"`
	Hits    []struct {
		ID, Type, Kind, Title, Slug, Snippet string
		PublishedAt                          *time.Time `json:"published_at"`
		Members                              []string
	} `json:"hits"`
	Facets     map[string]map[string]int `json:"facets"`
	DidYouMean *string                   `json:"did_you_mean"`
}

func (f *fixture) search(role, query string) (int, searchAnswer, string) {
	f.t.Helper()
	resp := f.do(request{method: "GET", path: "/api/v1/search?" + query, role: role})
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var a searchAnswer
	if resp.StatusCode == 200 {
		if err := json.Unmarshal(b, &a); err != nil {
			f.t.Fatalf("decode %s: %v", b, err)
		}
	}
	return resp.StatusCode, a, string(b)
}

// TestSearchNeverShowsUnpublishedWithoutLogin: the secret word of drafts,
// signing texts, withdrawn statements, consultations and issues appears in
// no public answer — hits, facets, snippets, pages — whoever asks, and
// only the internal scope finds it.
func TestSearchNeverShowsUnpublishedWithoutLogin(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	withSearch(f)
	leaks := []string{secretWord, "Hemliga departementet", "hemligt ämne", "draft1", "sign1", "wd1", "Återkallat"}
	for _, role := range []string{"", "memberA", "admin"} {
		for _, q := range []string{"q=" + secretWord, "q=", "q=KN2026/741", "q=" + secretWord + "&type=consultation",
			"q=hemligt&topic=hemligt+%C3%A4mne", "q=sekretessb", "q=återkallat", "q=sekretesbudget", "q=sekretessbudgetn"} {
			status, a, _ := f.search(role, q)
			shown, _ := json.Marshal([]any{a.Total, a.Hits, a.Facets, a.DidYouMean}) // all but the echoed query
			page := mustDoc(t, f.do(request{method: "GET", path: "/sok?" + q, role: role, headers: map[string]string{"Accept": "text/html"}}))
			html := page.Find("ol.hits, nav.facets, .did-you-mean").Text() // .active-filters echo the visitor's own filter
			for _, w := range leaks {
				if strings.Contains(strings.ToLower(string(shown)), strings.ToLower(w)) {
					t.Errorf("public search %q as %q (%d) shows %q: %s", q, role, status, w, shown)
				}
				if strings.Contains(strings.ToLower(html), strings.ToLower(w)) {
					t.Errorf("/sok?%s as %q shows %q", q, role, w)
				}
			}
		}
	}
	_, a, _ := f.search("memberA", "scope=internal&q="+secretWord)
	if a.Total != 7 {
		t.Errorf("internal search for the secret word: %d hits, want 7 (draft, signing, withdrawn, two consultations, two issues)", a.Total)
	}
	status, _, body := f.search("", "scope=internal&q="+secretWord)
	if status != 401 || strings.Contains(body, secretWord) {
		t.Errorf("anonymous internal search: %d %s", status, body)
	}
}

// TestSearchAnswerShape checks the JSON of DESIGN.md and the ranking.
func TestSearchAnswerShape(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	withSearch(f)
	status, a, body := f.search("", "q=eln%C3%A4t")
	if status != 200 || a.Total != 1 || a.Query != "elnät" || a.Page != 1 || a.PerPage != 20 {
		t.Fatalf("search: %d %s", status, body)
	}
	h := a.Hits[0]
	if h.ID != "pub1" || h.Type != "statement" || h.Kind != "position_paper" || h.Slug != "pub1" || h.PublishedAt == nil ||
		len(h.Members) != 1 || h.Members[0] != "Skellefteå" {
		t.Errorf("hit = %+v", h)
	}
	if !strings.Contains(h.Snippet, "<mark>") || strings.Contains(h.Snippet, "<script") {
		t.Errorf("snippet %q: want <mark> and no script", h.Snippet)
	}
	for _, name := range app.FacetNames {
		if _, ok := a.Facets[name]; !ok {
			t.Errorf("facet %q missing: %s", name, body)
		}
	}
	if a.Facets["member"]["Skellefteå"] != 1 || a.Facets["topic"]["elnät"] != 1 {
		t.Errorf("facets %v", a.Facets)
	}
}

// TestSearchBadInput: every odd request gets a clear answer, never a 500.
func TestSearchBadInput(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	withSearch(f)
	cases := []struct {
		query string
		want  int
		field string
	}{
		{"q=", 200, ""},
		{"q=" + url.QueryEscape(strings.Repeat("elnät ", 300)), 200, ""},
		{"q=" + strings.Repeat("a", 7000), 200, ""}, // longer requests get 431 from the server's 8 KB header limit
		{"q=" + url.QueryEscape(`"elnät i norr`), 200, ""},
		{"q=" + url.QueryEscape(`+elnät -norr AND (x OR y) title:* ~2 ^3 \ / [a TO b] {c} !d ?e`), 200, ""},
		{"q=%ff%fe", 200, ""},
		{"topic=finns-inte&member=ingen&issuer=x", 200, ""},
		{"page=999", 200, ""},
		{"page=-1", 422, "page"},
		{"page=abc", 422, "page"},
		{"per_page=1000", 422, "per_page"},
		{"year=tjugo", 422, "year"},
		{"kind=okand", 422, "kind"},
		{"scope=alla", 422, "scope"},
		{"sort=slump", 422, "sort"},
	}
	for _, c := range cases {
		status, a, body := f.search("", c.query)
		short := c.query[:min(len(c.query), 40)]
		if status != c.want {
			t.Errorf("%s: status %d, want %d: %.200s", short, status, c.want, body)
			continue
		}
		if c.field != "" && !strings.Contains(body, `"`+c.field+`"`) {
			t.Errorf("%s: error does not name %s: %s", short, c.field, body)
		}
		if strings.HasPrefix(c.query, "page=999") && (len(a.Hits) != 0 || a.Total != 29) {
			t.Errorf("page beyond the end: %d hits, total %d", len(a.Hits), a.Total)
		}
	}
	_, a, _ := f.search("", "q=")
	if a.Total != 29 || a.Hits[0].PublishedAt == nil { // 27 statements, an issue, a consultation
		t.Errorf("empty query browses all public documents, newest first: total %d", a.Total)
	}
	resp := f.do(request{method: "GET", path: "/sok?page=-3", headers: map[string]string{"Accept": "text/html"}})
	if resp.StatusCode != 400 || mustDoc(t, resp).Find(".error-summary").Length() != 1 {
		t.Errorf("/sok?page=-3: %d, want 400 with an error summary", resp.StatusCode)
	}
}

// TestSearchPage checks the HTML page: a labelled field, the count in a
// status region, marked snippets, facets as links and pagination.
func TestSearchPage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	withSearch(f)
	doc := mustDoc(t, f.do(request{method: "GET", path: "/sok?q=hamnarna", headers: map[string]string{"Accept": "text/html"}}))
	if doc.Find(`form[role=search] label[for=q]`).Length() != 1 || doc.Find(`input#q[type=search]`).Length() != 1 {
		t.Error("no labelled search field")
	}
	if got := doc.Find(`[role=status]`).Text(); !strings.Contains(got, "25") {
		t.Errorf("status region %q does not announce 25 results", got)
	}
	if n := doc.Find("ol.hits > li").Length(); n != 20 {
		t.Errorf("%d hits on page 1, want 20", n)
	}
	if doc.Find("ol.hits .snippet mark").Length() == 0 {
		t.Error("no highlighted snippet")
	}
	next, ok := doc.Find(`nav.pager a[rel=next]`).Attr("href")
	if !ok || !strings.Contains(next, "page=2") || !strings.Contains(next, "q=hamnarna") {
		t.Errorf("next page link %q", next)
	}
	facet, ok := doc.Find(`nav.facets a`).First().Attr("href")
	if !ok || !strings.Contains(facet, "q=hamnarna") {
		t.Errorf("facet link %q keeps no query", facet)
	}
	page2 := mustDoc(t, f.do(request{method: "GET", path: next, headers: map[string]string{"Accept": "text/html"}}))
	if n := page2.Find("ol.hits > li").Length(); n != 5 {
		t.Errorf("%d hits on page 2, want 5", n)
	}
	none := mustDoc(t, f.do(request{method: "GET", path: "/sok?q=zzxxqq", headers: map[string]string{"Accept": "text/html"}}))
	if none.Find(".no-results li").Length() == 0 {
		t.Error("no help shown for no results")
	}
	internal := mustDoc(t, f.do(request{method: "GET", path: "/sok?scope=internal&q=" + secretWord, role: "memberA", headers: map[string]string{"Accept": "text/html"}}))
	if n := internal.Find("ol.hits > li").Length(); n != 7 {
		t.Errorf("internal search page: %d hits, want 7", n)
	}
}

// TestSearchSuggestsASpelling: a misspelt query finds the text and the
// answer suggests the index's spelling, on the page as one click.
func TestSearchSuggestsASpelling(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	withSearch(f)
	status, a, body := f.search("", "q="+url.QueryEscape("elnäted"))
	if status != 200 || a.Total != 1 || a.DidYouMean == nil || *a.DidYouMean != "elnätet" {
		t.Fatalf("search elnäted: %d %s", status, body)
	}
	page := mustDoc(t, f.do(request{method: "GET", path: "/sok?q=" + url.QueryEscape("elnäted"), headers: map[string]string{"Accept": "text/html"}}))
	link := page.Find(".did-you-mean a")
	if href, _ := link.Attr("href"); link.Text() != "elnätet" || href != "/sok?q="+url.QueryEscape("elnätet") {
		t.Errorf("did you mean: %q → %q", link.Text(), href)
	}
	if _, a, _ := f.search("", "q="+url.QueryEscape("elnätet")); a.DidYouMean != nil {
		t.Errorf("elnätet: did you mean %q, want null", *a.DidYouMean)
	}
}

// TestPublicSearchCoversEverythingPublic: one public search finds
// published statements, public issues (with their public standing
// positions) and the consultations of the archive, each linking to its
// public page; the type facet counts them and &type= narrows.
func TestPublicSearchCoversEverythingPublic(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	withSearch(f)
	find := func(q, wantType, wantID string) {
		t.Helper()
		_, a, body := f.search("", q)
		for _, h := range a.Hits {
			if h.ID == wantID && h.Type == wantType {
				return
			}
		}
		t.Errorf("public search %s: no %s %s in %s", q, wantType, wantID, body)
	}
	find("q=vindkraften", app.TypeIssue, "i2")
	find("q=vetot", app.TypeIssue, "i2")                      // a public standing position
	find("q=Fi+2026%2F2110", app.TypeConsultation, "c2")      // the archive's consultation by reference
	find("q=vattenavgifter", app.TypeConsultation, "c2")      // and by title
	find("q=Fi+2026%2F2110", app.TypeStatement, "svar1")      // the answer, by its consultation's reference
	find("q=Finansdepartementet", app.TypeConsultation, "c2") // the issuer
	_, a, _ := f.search("", "q=")
	if ty := a.Facets[app.FacetType]; ty[app.TypeIssue] != 1 || ty[app.TypeConsultation] != 1 || ty[app.TypeStatement] != 27 {
		t.Errorf("type facet %v, want 1 issue, 1 consultation, 27 statements", ty)
	}
	_, a, _ = f.search("", "type=issue")
	if a.Total != 1 || a.Hits[0].ID != "i2" {
		t.Errorf("type=issue: %+v", a)
	}
	page := mustDoc(t, f.do(request{method: "GET", path: "/sok?q=vindkraften+vattenavgifter", headers: map[string]string{"Accept": "text/html"}}))
	links := map[string]bool{}
	page.Find("ol.hits h3 a").Each(func(_ int, s *goquery.Selection) { h, _ := s.Attr("href"); links[h] = true })
	if !links["/fragor/vindkraft"] || !links["/remisser#remiss-c2"] {
		t.Errorf("hit links %v, want /fragor/vindkraft and /remisser#remiss-c2", links)
	}
}
