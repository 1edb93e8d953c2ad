package main

import (
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/search"
	"github.com/samsyn/samsyn/search/bleve"
)

// indexedDemo is the demo data in a fresh Bleve engine, rebuilt from the
// store as a server does, with the sync that keeps it in step.
func indexedDemo(t *testing.T) (*stack, *bleve.Engine, *search.Syncer) {
	t.Helper()
	return indexedDemoOn(t, demoStack(t))
}

// indexedDemoOn is indexedDemo on a stack already made.
func indexedDemoOn(t *testing.T, s *stack) (*stack, *bleve.Engine, *search.Syncer) {
	t.Helper()
	eng, err := bleve.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = eng.Close() })
	if _, err := search.Rebuild(t.Context(), eng, s.searchStores().Listers()); err != nil {
		t.Fatal(err)
	}
	return s, eng, s.searchStores().NewSyncer(eng, slog.New(slog.DiscardHandler))
}

// answeredConsultation is a published demo statement that answers a
// consultation with a diarienummer, and that consultation.
func answeredConsultation(t *testing.T, s *stack) (*app.Statement, *app.Consultation) {
	t.Helper()
	sts, _, err := s.stmts.ListStatements(t.Context(), app.StatementFilter{Status: app.StatementPublished, Page: app.Page{Number: 1, Size: 100}})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range sts {
		if st.ConsultationID == "" {
			continue
		}
		c, err := s.consults.ConsultationByID(t.Context(), st.ConsultationID)
		if err == nil && c.Reference != "" && slices.ContainsFunc(st.Signatures, func(g app.Signature) bool { return g.Decision == "signed" }) {
			return st, c
		}
	}
	t.Fatal("the demo data has no signed, published response to a consultation with a reference")
	return nil, nil
}

var refParts = regexp.MustCompile(`^([A-Za-zÅÄÖåäö]+)\s*(\d{4})\s*[/:]\s*0*(\d+)$`)

// spellings are ways people write ref: as written, lower case with a
// space, without leading zeros, with a dash, and with spaces only.
func spellings(t *testing.T, ref string) []string {
	t.Helper()
	m := refParts.FindStringSubmatch(ref)
	if m == nil {
		t.Fatalf("reference %q is not prefix+year/number", ref)
	}
	p, y, n := m[1], m[2], m[3]
	return []string{ref, strings.ToLower(p) + " " + y + "/" + n, strings.ToUpper(p) + y + "/" + n,
		p + y + "-" + n, p + " " + y + " " + n, "dnr " + ref}
}

func publicTop5(t *testing.T, eng *bleve.Engine, q string) []string {
	t.Helper()
	res, err := eng.Public().Search(t.Context(), app.SearchQuery{Text: q, Page: app.Page{Number: 1, Size: 5}})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids
}

// TestStatementFoundByItsSurroundings: a published response is found in
// the public index by its consultation's diarienummer in every spelling,
// by its title and issuer and by a signing member's name; the issuer and
// member facets are filled; a change of the consultation reaches the
// statement's entry through the sync.
func TestStatementFoundByItsSurroundings(t *testing.T) {
	t.Parallel()
	s, eng, syncer := indexedDemo(t)
	st, c := answeredConsultation(t, s)
	var signer string
	for _, g := range st.Signatures {
		if g.Decision == "signed" {
			signer = g.MemberName
		}
	}
	queries := append(spellings(t, c.Reference), c.Issuer, signer)
	t.Logf("%s answers %s: searched as %q", st.Title, c.Reference, queries)
	for _, q := range queries {
		if got := publicTop5(t, eng, q); !slices.Contains(got, st.ID) {
			t.Errorf("public search %q: top 5 %v lack %q (%s)", q, got, st.ID, st.Title)
		}
	}
	res, err := eng.Public().Search(t.Context(), app.SearchQuery{Page: app.Page{Number: 1, Size: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Facets[app.FacetIssuer][c.Issuer] == 0 || res.Facets[app.FacetMember][signer] == 0 {
		t.Errorf("facets issuer %v, member %v: want %q and %q counted", res.Facets[app.FacetIssuer], res.Facets[app.FacetMember], c.Issuer, signer)
	}

	c.Title = "Remiss om fjällrävsstammens framtid"
	if err := s.consults.UpdateConsultation(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	if got := publicTop5(t, eng, "fjällrävsstammens"); slices.Contains(got, st.ID) {
		t.Fatalf("found by the new title before the sync: %v", got)
	}
	if err := syncer.Hear(t.Context(), app.Event{Kind: "consultation.update", Subject: app.Subject{Type: "consultation", ID: c.ID}}); err != nil {
		t.Fatal(err)
	}
	if _, err := syncer.SyncOnce(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := publicTop5(t, eng, "fjällrävsstammens"); !slices.Contains(got, st.ID) {
		t.Errorf("after the consultation's new title was synced: top 5 %v lack %q", got, st.ID)
	}
}

// TestPublicIndexHoldsEverythingPublicOnly: rebuilt from the demo store,
// the public index holds every public issue and every consultation of the
// public archive, each found by its title (the consultations also by
// reference), and no other issue or consultation, whatever is searched.
func TestPublicIndexHoldsEverythingPublicOnly(t *testing.T) {
	t.Parallel()
	s, eng, _ := indexedDemo(t)
	ctx := t.Context()
	all := app.Page{Number: 1, Size: 100}
	issues, _, err := s.issues.ListIssues(ctx, app.IssueFilter{Page: all})
	if err != nil {
		t.Fatal(err)
	}
	cons, _, err := s.consults.ListConsultations(ctx, app.ConsultationFilter{Page: all})
	if err != nil {
		t.Fatal(err)
	}
	sts, _, err := s.stmts.ListStatements(ctx, app.StatementFilter{Page: all})
	if err != nil {
		t.Fatal(err)
	}
	outcomes, err := s.consults.ListOutcomes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	archive := map[string]bool{}
	for _, e := range app.BuildArchive(cons, sts, outcomes) {
		archive[e.Consultation.ID] = true
	}
	public := map[string]bool{}
	res, err := eng.Public().Search(ctx, app.SearchQuery{Page: app.Page{Number: 1, Size: 100}})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		public[h.ID] = true
	}
	shown := 0
	for _, i := range issues {
		if public[i.ID] != i.Public {
			t.Errorf("issue %q (public %v): in the public index %v", i.Title, i.Public, public[i.ID])
		}
		if got := publicTop5(t, eng, i.Title); i.Public && !slices.Contains(got, i.ID) {
			t.Errorf("public issue %q not found by its title: %v", i.Title, got)
		}
		if i.Public {
			shown++
		}
	}
	for _, c := range cons {
		if public[c.ID] != archive[c.ID] {
			t.Errorf("consultation %q (in the archive %v): in the public index %v", c.Title, archive[c.ID], public[c.ID])
		}
		if archive[c.ID] {
			shown++
			if got := publicTop5(t, eng, c.Reference); !slices.Contains(got, c.ID) {
				t.Errorf("archived consultation %s not found by reference: %v", c.Reference, got)
			}
		}
	}
	if shown < 2 || len(archive) == 0 {
		t.Errorf("the demo data has %d public issues and archived consultations (%d archived): want some of each", shown, len(archive))
	}
	if res.Facets[app.FacetType][app.TypeIssue] == 0 || res.Facets[app.FacetType][app.TypeConsultation] != len(archive) {
		t.Errorf("type facet %v, want issues and %d consultations", res.Facets[app.FacetType], len(archive))
	}
}

// TestPublicIssueStaysPublicThroughTheSync: an edit of a public issue,
// synced as the store marked it, keeps it in the public index with its
// new words; making it internal takes it out.
func TestPublicIssueStaysPublicThroughTheSync(t *testing.T) {
	t.Parallel()
	s, eng, syncer := indexedDemo(t)
	ctx := t.Context()
	issues, _, err := s.issues.ListIssues(ctx, app.IssueFilter{PublicOnly: true, Page: app.Page{Number: 1, Size: 1}})
	if err != nil || len(issues) == 0 {
		t.Fatalf("no public demo issue: %v", err)
	}
	i := issues[0]
	i.Summary = "Nu också om fjällrävsstammen."
	if err := s.issues.UpdateIssue(ctx, i); err != nil {
		t.Fatal(err)
	}
	if _, err := syncer.SyncOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if got := publicTop5(t, eng, "fjällrävsstammen"); !slices.Contains(got, i.ID) {
		t.Errorf("the edited public issue: top 5 %v lack it", got)
	}
	i.Public = false
	if err := s.issues.UpdateIssue(ctx, i); err != nil {
		t.Fatal(err)
	}
	if _, err := syncer.SyncOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if got := publicTop5(t, eng, "fjällrävsstammen"); slices.Contains(got, i.ID) {
		t.Errorf("an issue made internal is still in the public index: %v", got)
	}
}
