package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	blevelib "github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/sv"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/demo"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
	"github.com/samsyn/samsyn/search"
	"github.com/samsyn/samsyn/search/bleve"
)

// relevanceCase is a query and the documents of which at least one must
// be in the top five (by a case-insensitive part of the title).
type relevanceCase struct {
	query string
	want  []string
}

// relevanceSet is our relevance test set on the demo corpus: inflections,
// compounds, typos, missing accents, reference numbers, phrases, prefixes.
var relevanceSet = []relevanceCase{
	{"elnätet", []string{"Elnätet får inte"}},
	{"elnät", []string{"Elnätet får inte", "Elnätskapacitet"}},
	{"elnätets kapacitet", []string{"Elnätskapacitet"}},
	{"kapacitetsbrist i elnätet", []string{"Elnätskapacitet", "Elnätet får inte"}},
	{"nätanslutning", []string{"nätanslutning"}},
	{"snabbare nätanslutningar", []string{"nätanslutning"}},
	{"förhandsinvestering", []string{"Förhandsinvesteringar"}},
	{"tillstånd", []string{"tillståndsförfarande", "tillståndsprocesser"}},
	{"tillståndsprocessen", []string{"tillståndsprocesser"}},
	{"tillståndsprövning", []string{"tillståndsförfarande", "tillståndsprocesser"}},
	{"prövning av tillstånd", []string{"tillståndsförfarande", "tillståndsprocesser"}},
	{"kompetensförsörjningen", []string{"Kompetensförsörjning"}},
	{"kompetens", []string{"Kompetensförsörjning"}},
	{"yrkesutbildningen", []string{"Yrkesutbildning för vuxna"}},
	{"utbildning för vuxna", []string{"Yrkesutbildning för vuxna"}},
	{"godstransporterna", []string{"godstransporter"}},
	{"logistiken", []string{"logistik"}},
	{"Malmbanan", []string{"Malmbanan"}},
	{"stambanan", []string{"Malmbanan"}},
	{"godstrafiken", []string{"Malmbanan"}},
	{"medfinansiering", []string{"medfinansiering"}},
	{"infrastrukturen", []string{"infrastruktur"}},
	{"förpackningarna", []string{"förpackningar"}},
	{"producentansvaret", []string{"förpackningar"}},
	{"bostadsbyggandet", []string{"bostadsbyggande"}},
	{"KN2026/00871", []string{"Förhandsinvesteringar i elnätet"}},
	{"KN 2026/871", []string{"Förhandsinvesteringar i elnätet"}},
	{"Fi 2026/2110", []string{"medfinansiering"}},
	{"u2026/988", []string{"Yrkesutbildning för vuxna"}},
	{"LI 2026/00417", []string{"godstransporter"}},
	{"elnätt", []string{"Elnätet får inte", "Elnätskapacitet"}},
	{"kompetensförsörjnig", []string{"Kompetensförsörjning"}},
	{"tillstandsprocesser", []string{"tillståndsprocesser"}},
	{"forpackningar", []string{"förpackningar"}},
	{"flaskhals", []string{"flaskhals"}},
	{`"statlig partner"`, []string{"statlig partner"}},
	{"flaskh", []string{"flaskhals"}},
	{"omställningen", []string{"omställning"}},
	{"sysselsättning", []string{"bostadsbyggande"}},
	{"industriell omställning", []string{"omställning"}},
}

// TestRelevance loads the demo data into the real store, rebuilds a Bleve
// engine from it and requires recall@5 of at least 0.9 on the relevance
// set; it logs the figure beside that of Bleve's stock Swedish analyzer.
func TestRelevance(t *testing.T) {
	t.Parallel()
	if len(relevanceSet) < 30 {
		t.Fatalf("the relevance set has %d queries, want at least 30", len(relevanceSet))
	}
	s := demoStack(t)
	eng, err := bleve.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	if _, err := search.Rebuild(t.Context(), eng, s.searchStores().Listers()); err != nil {
		t.Fatal(err)
	}
	recall, misses := recallAt5(t, func(q string) []string {
		res, err := eng.Internal().Search(t.Context(), app.SearchQuery{Text: q, Page: app.Page{Number: 1, Size: 5}})
		if err != nil {
			t.Fatal(err)
		}
		return titles(res.Hits)
	})
	stock, _ := recallAt5(t, stockBleve(t, s))
	t.Logf("recall@5 on %d queries: %.2f with the Swedish pipeline (Bleve), %.2f with Bleve's stock Swedish analyzer",
		len(relevanceSet), recall, stock)
	for _, m := range misses {
		t.Log("miss:", m)
	}
	if recall < 0.9 {
		t.Errorf("recall@5 = %.2f, want at least 0.90", recall)
	}
}

func recallAt5(t *testing.T, top5 func(string) []string) (float64, []string) {
	t.Helper()
	found := 0
	var misses []string
	for _, c := range relevanceSet {
		got := top5(c.query)
		if hasAny(got, c.want) {
			found++
		} else {
			misses = append(misses, fmt.Sprintf("%q → %q", c.query, got))
		}
	}
	return float64(found) / float64(len(relevanceSet)), misses
}

func hasAny(titles, want []string) bool {
	for _, ti := range titles {
		for _, w := range want {
			if strings.Contains(strings.ToLower(ti), strings.ToLower(w)) {
				return true
			}
		}
	}
	return false
}

func titles(hits []app.SearchHit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Title
	}
	return out
}

// demoStack is the store with the demo data loaded.
func demoStack(t *testing.T) *stack {
	t.Helper()
	db := mongotest.MustOpenDB(t)
	s := &stack{db: db, clock: app.SystemClock{}, members: mongodb.NewMemberStore(db), users: mongodb.NewUserStore(db),
		sessions: mongodb.NewSessionStore(db), audit: mongodb.NewAuditLog(db), consults: mongodb.NewConsultationStore(db),
		issues: mongodb.NewIssueStore(db), stmts: mongodb.NewStatementStore(db)}
	e := &env{log: slog.New(slog.DiscardHandler)}
	if _, err := demo.Load(t.Context(), e.demoStores(s), time.Now()); err != nil {
		t.Fatalf("load demo data: %v", err)
	}
	return s
}

// stockBleve indexes the same documents with Bleve's stock Swedish
// analyzer and answers a plain match query, for contrast.
func stockBleve(t *testing.T, s *stack) func(string) []string {
	t.Helper()
	m := blevelib.NewIndexMapping()
	m.DefaultAnalyzer = sv.AnalyzerName
	idx, err := blevelib.New(t.TempDir()+"/stock.bleve", m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	byID := map[string]string{}
	for _, list := range s.searchStores().Listers() {
		err := list(context.Background(), func(l search.Listed) error {
			d := l.Task.Doc
			byID[d.ID] = d.Title
			return idx.Index(d.ID, map[string]any{"title": d.Title, "summary": d.Summary, "body": d.Body, "reference": d.Reference})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return func(q string) []string {
		req := blevelib.NewSearchRequestOptions(blevelib.NewMatchQuery(q), 5, 0, false)
		res, err := idx.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range res.Hits {
			out = append(out, byID[h.ID])
		}
		return out
	}
}
