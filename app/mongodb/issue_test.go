package mongodb_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

var issueT0 = time.Date(2026, 2, 9, 13, 45, 0, 987_000_000, time.UTC)

func mustIssue(t *testing.T, s *mongodb.IssueStore, title string, public bool) *app.Issue {
	t.Helper()
	i := &app.Issue{Title: title, Slug: app.Slugify(title), Priority: "medium", Status: "active",
		Public: public, Version: 1, CreatedAt: issueT0, UpdatedAt: issueT0}
	if err := s.CreateIssue(context.Background(), i); err != nil {
		t.Fatal(err)
	}
	return i
}

func TestIssueStoreRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewIssueStore(mongotest.MustOpenDB(t))
	i := &app.Issue{
		Title: "Elnätskapacitet för industrins omställning", Slug: "elnatskapacitet",
		Summary: "Nätägare måste få bygga i förväg – inte först när kunden står på tröskeln.",
		Body:    "## Läget\n\n- Väntetider på **tio år** i Övre Norrland\n- Åtgärd: förhandsinvesteringar\n",
		Topics:  []string{"energi", "elnät", "Västernorrland"}, Priority: "high", Status: "active", Public: true,
		ConsultationIDs: []string{"6650a1b2c3d4e5f601234567"}, StatementIDs: []string{"6650a1b2c3d4e5f607654321"},
		Log: []app.IssueAction{
			{On: app.NewDate(2026, 1, 20), Who: "Kansliet", Note: "Möte med Energimarknadsinspektionen", URL: "https://example.se/ei"},
			{On: app.NewDate(2026, 2, 3), Note: "Skrivelse till departementet om förhandsinvesteringar"},
		},
		Version: 1, CreatedAt: issueT0, UpdatedAt: issueT0.Add(2 * time.Hour),
	}
	if err := s.CreateIssue(ctx, i); err != nil {
		t.Fatal(err)
	}
	got, err := s.IssueByID(ctx, i.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, i) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, i)
	}
}

func TestIssueStoreConflictAndNotFound(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewIssueStore(mongotest.MustOpenDB(t))
	mustIssue(t, s, "Tillståndsprocesser", true)
	dup := &app.Issue{Title: "Tillståndsprocesser!", Slug: "tillstandsprocesser", Version: 1, CreatedAt: issueT0, UpdatedAt: issueT0}
	if err := s.CreateIssue(ctx, dup); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("duplicate slug: %v", err)
	}
	for _, id := range []string{"", "nope", "000000000000000000000000"} {
		if _, err := s.IssueByID(ctx, id); app.ErrorCode(err) != app.ENOTFOUND {
			t.Errorf("IssueByID(%q) = %v, want not found", id, err)
		}
	}
}

func TestIssueStoreListPublicByTitle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewIssueStore(mongotest.MustOpenDB(t))
	mustIssue(t, s, "Kompetensförsörjning", true)
	mustIssue(t, s, "Godstransporter och logistik", true)
	mustIssue(t, s, "Intern budgetfråga", false)
	mustIssue(t, s, "Elnätskapacitet", true)
	all, total, err := s.ListIssues(ctx, app.IssueFilter{})
	if err != nil || total != 4 || all[0].Title != "Elnätskapacitet" || all[3].Title != "Kompetensförsörjning" {
		t.Fatalf("all: %v %d %v", all, total, err)
	}
	page, total, err := s.ListIssues(ctx, app.IssueFilter{PublicOnly: true, Page: app.Page{Number: 2, Size: 2}})
	if err != nil || total != 3 || len(page) != 1 || page[0].Title != "Kompetensförsörjning" {
		t.Fatalf("public page 2: %v %d %v", page, total, err)
	}
}
