package mongodb_test

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

var stmtT0 = time.Date(2026, 4, 14, 10, 0, 0, 456_000_000, time.UTC)

func mustStatement(t *testing.T, s *mongodb.StatementStore, title string, status app.StatementStatus, updated time.Time) *app.Statement {
	t.Helper()
	st := &app.Statement{Kind: app.KindPositionPaper, Title: title, Slug: app.Slugify(title), Status: status,
		Version: 1, CreatedAt: stmtT0, UpdatedAt: updated}
	if err := s.CreateStatement(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestStatementStoreRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewStatementStore(mongotest.MustOpenDB(t))
	title, summary := "Remissvar: Elnät i takt med industrins behov", "Nätverket tillstyrker förslagen med två förbehåll."
	body := "## Sammanfattning\n\nVi välkomnar förslagen om **förhandsinvesteringar**.\n\n- Öka takten\n- Förenkla ärendeprövningen\n"
	hash := app.ContentHash(title, summary, body)
	st := &app.Statement{
		Kind: app.KindConsultationResponse, Title: title, Slug: "remissvar-elnat", Summary: summary, Body: body,
		Topics: []string{"elnät", "energi"}, ConsultationID: "6650a1b2c3d4e5f601234567",
		Status: app.StatementPublished, ContentHash: hash, SignBy: app.NewDate(2026, 4, 28),
		Signatures: []app.Signature{
			{MemberID: "6650a1b2c3d4e5f60000aaaa", MemberName: "Gällivare", Decision: "signed",
				SignatoryName: "Åke Öberg", SignatoryTitle: "Kommunstyrelsens ordförande", DecidedBy: "KS",
				DecidedOn: app.NewDate(2026, 4, 20), Paragraph: "§ 123", MemberReference: "KS 2026/412",
				ContentHash: hash, SignedAt: stmtT0.Add(48 * time.Hour), RegisteredBy: "6650a1b2c3d4e5f60000bbbb"},
			{MemberID: "6650a1b2c3d4e5f60000cccc", MemberName: "Örnsköldsvik", Decision: "declined",
				SignatoryName: "Märta Ängström", SignatoryTitle: "Kommunstyrelsens ordförande", DecidedBy: "KSAU",
				Reservation: "Kommunen svarar enskilt.", ContentHash: hash, SignedAt: stmtT0.Add(72 * time.Hour)},
		},
		PublishedAt: stmtT0.Add(96 * time.Hour), WithdrawnAt: stmtT0.Add(960 * time.Hour),
		AuthorID: "6650a1b2c3d4e5f60000dddd", Version: 1, CreatedAt: stmtT0, UpdatedAt: stmtT0.Add(96 * time.Hour),
	}
	if err := s.CreateStatement(ctx, st); err != nil {
		t.Fatal(err)
	}
	got, err := s.StatementByID(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, st) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, st)
	}
	if app.ContentHash(got.Title, got.Summary, got.Body) != got.Signatures[0].ContentHash {
		t.Fatal("stored text no longer matches its signed hash")
	}
	bySlug, err := s.StatementBySlug(ctx, "remissvar-elnat")
	if err != nil || bySlug.ID != st.ID {
		t.Fatalf("by slug: %+v %v", bySlug, err)
	}
}

func TestStatementStoreDraftHasNoTimes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewStatementStore(mongotest.MustOpenDB(t))
	st := mustStatement(t, s, "Utkast om kompetensförsörjning", app.StatementDraft, stmtT0)
	got, err := s.StatementByID(ctx, st.ID)
	if err != nil || !reflect.DeepEqual(got, st) {
		t.Fatalf("round trip: %+v %v", got, err)
	}
	if !got.PublishedAt.IsZero() || !got.SignBy.IsZero() || got.Signatures != nil {
		t.Fatalf("draft came back with %v %v %v", got.PublishedAt, got.SignBy, got.Signatures)
	}
}

func TestStatementStoreConflictAndNotFound(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewStatementStore(mongotest.MustOpenDB(t))
	mustStatement(t, s, "Godstransporter på Malmbanan", app.StatementDraft, stmtT0)
	dup := &app.Statement{Kind: app.KindJointStatement, Title: "Godstransporter på malmbanan", Slug: "godstransporter-pa-malmbanan",
		Status: app.StatementDraft, Version: 1, CreatedAt: stmtT0, UpdatedAt: stmtT0}
	if err := s.CreateStatement(ctx, dup); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("duplicate slug: %v", err)
	}
	for _, id := range []string{"", "nope", "000000000000000000000000"} {
		if _, err := s.StatementByID(ctx, id); app.ErrorCode(err) != app.ENOTFOUND {
			t.Errorf("StatementByID(%q) = %v, want not found", id, err)
		}
	}
	if _, err := s.StatementBySlug(ctx, "finns-inte"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("StatementBySlug: %v, want not found", err)
	}
}

func TestStatementStoreListNewestFirst(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewStatementStore(mongotest.MustOpenDB(t))
	mustStatement(t, s, "Ett", app.StatementPublished, stmtT0.Add(1*time.Hour))
	mustStatement(t, s, "Två", app.StatementDraft, stmtT0.Add(2*time.Hour))
	mustStatement(t, s, "Tre", app.StatementPublished, stmtT0.Add(3*time.Hour))
	mustStatement(t, s, "Fyra", app.StatementPublished, stmtT0.Add(4*time.Hour))
	all, total, err := s.ListStatements(ctx, app.StatementFilter{})
	if err != nil || total != 4 || all[0].Title != "Fyra" || all[3].Title != "Ett" {
		t.Fatalf("all: %v %d %v", all, total, err)
	}
	page, total, err := s.ListStatements(ctx, app.StatementFilter{Status: app.StatementPublished, Page: app.Page{Number: 2, Size: 2}})
	if err != nil || total != 3 || len(page) != 1 || page[0].Title != "Ett" {
		t.Fatalf("published page 2: %v %d %v", page, total, err)
	}
}

// TestStatementStoreNotesTextVersions: whoever stores a new revision —
// a save, a restore, the demo loader — the store notes the version its
// text is saved at; a change that keeps the revision notes nothing.
func TestStatementStoreNotesTextVersions(t *testing.T) {
	t.Parallel()
	s := mongodb.NewStatementStore(mongotest.MustOpenDB(t))
	ctx := context.Background()
	st := mustStatement(t, s, "Versioner av texten", app.StatementDraft, stmtT0)
	st.Body, st.Revision = "Andra texten.", 2
	if err := s.UpdateStatement(ctx, st); err != nil {
		t.Fatal(err)
	}
	st.SignBy = app.NewDate(2026, 4, 1) // a change of the same revision
	if err := s.UpdateStatement(ctx, st); err != nil {
		t.Fatal(err)
	}
	got, err := s.StatementByID(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.TextVersions, []int{1, 2}) || got.Version != 3 {
		t.Fatalf("text versions %v at version %d, want [1 2] at 3", got.TextVersions, got.Version)
	}
}
