package app_test

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
	"github.com/samsyn/samsyn/app/regeringen"
	"github.com/samsyn/samsyn/app/regeringen/regeringentest"
)

type importFixture struct {
	t     *testing.T
	store *mongodb.ConsultationStore
	audit *mongodb.AuditLog
	im    *app.RemissImporter
	now   time.Time
}

func newImportFixture(t *testing.T) *importFixture {
	db := mongotest.MustOpenDB(t)
	f := &importFixture{t: t, store: mongodb.NewConsultationStore(db), audit: mongodb.NewAuditLog(db),
		now: time.Date(2026, 7, 6, 9, 0, 0, 0, time.UTC)}
	events := &app.Events{Warn: func(msg string, err error) { t.Errorf("%s: %v", msg, err) }}
	events.Subscribe("audit", app.AuditHandler(f.audit))
	f.im = &app.RemissImporter{Consultations: f.store, Imports: f.store, Events: events, Clock: app.FixedClock{T: f.now}}
	return f
}

// importPage parses page and imports every remiss on it.
func (f *importFixture) importPage(page []byte) []*app.ImportResult {
	f.t.Helper()
	p, err := regeringen.Parse(bytes.NewReader(page), nil)
	if err != nil {
		f.t.Fatal(err)
	}
	var out []*app.ImportResult
	for _, r := range p.Remisser {
		res, err := f.im.Import(context.Background(), r.Intake(), f.now)
		if err != nil {
			f.t.Fatal(err)
		}
		out = append(out, res)
	}
	return out
}

func (f *importFixture) auditCount() int {
	_, n, err := f.audit.ListAudit(context.Background(), app.AuditFilter{})
	if err != nil {
		f.t.Fatal(err)
	}
	return n
}

func TestImportSharedPages(t *testing.T) {
	t.Parallel()
	f := newImportFixture(t)
	ctx := context.Background()
	closed := regeringentest.Read(t, "case-closed.html")

	res := f.importPage(closed)[0]
	if res.Outcome != app.ImportAdded || len(res.Missing) != 0 || res.DeadlineChanged {
		t.Fatalf("first import: %+v", res)
	}
	c, err := f.store.ConsultationByID(ctx, res.ConsultationID)
	if err != nil {
		t.Fatal(err)
	}
	want := app.Consultation{ID: c.ID, Title: "Remiss av Ädelmetallutredningen – en moderniserad reglering av handel med ädelmetallarbeten (SOU 2026:14)",
		Reference: "KN2026/00741", ReferenceKey: "KN2026/741", ReportNumber: "SOU 2026:14", ReportKey: "SOU2026:14",
		Issuer: "Klimat- och näringslivsdepartementet", SourceURL: "https://www.regeringen.se/remisser/2026/04/remiss-av-adelmetallutredningen--en-moderniserad-reglering-av-handel-med-adelmetallarbeten-sou-202614/",
		ReceivedOn: app.NewDate(2026, 4, 9), Deadline: app.NewDate(2026, 6, 30), Status: app.ConsultationIncoming,
		DraftDue: app.NewDate(2026, 6, 15), SignaturesDue: app.NewDate(2026, 6, 25), Version: 1}
	got := *c
	if len(got.Documents) != 2+17 || !strings.HasPrefix(got.Documents[2].Title, "Remissvar: ") {
		t.Errorf("documents: %+v", got.Documents)
	}
	got.Documents, got.CreatedAt, got.UpdatedAt = nil, time.Time{}, time.Time{}
	got.IssueIDs, got.Topics = nil, nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("\n got %+v\nwant %+v", got, want)
	}

	// Re-importing the same page changes nothing: same version, no audit.
	events := f.auditCount()
	again := f.importPage(closed)[0]
	c2, _ := f.store.ConsultationByID(ctx, res.ConsultationID)
	if again.Outcome != app.ImportUnchanged || c2.Version != 1 || f.auditCount() != events {
		t.Fatalf("re-import: %+v, version %d, audit %d → %d", again, c2.Version, events, f.auditCount())
	}

	open := f.importPage(regeringentest.Read(t, "case-open.html"))[0]
	if open.Outcome != app.ImportAdded || !reflect.DeepEqual(open.Missing, []string{"reference", "updated"}) {
		t.Fatalf("open page: %+v", open)
	}
	co, _ := f.store.ConsultationByID(ctx, open.ConsultationID)
	if co.Reference != "" || co.ReportNumber != "Ds 2026:15" || co.Deadline != app.NewDate(2026, 10, 30) ||
		co.DraftDue != app.NewDate(2026, 10, 16) || co.SignaturesDue != app.NewDate(2026, 10, 27) {
		t.Errorf("open consultation: %+v", co)
	}
	rec, err := f.store.ImportOf(ctx, open.ConsultationID)
	if err != nil || !reflect.DeepEqual(rec.MissingFields, []string{"reference", "updated"}) || !rec.DeadlineChangedAt.IsZero() {
		t.Errorf("import record %+v %v", rec, err)
	}

	// The listing: the two known remisser are matched (by reference and by
	// address) and unchanged; the other 18 are added without a deadline.
	counts := map[string]int{}
	for _, r := range f.importPage(regeringentest.Read(t, "listing.html")) {
		counts[r.Outcome]++
		if r.ConsultationID == res.ConsultationID || r.ConsultationID == open.ConsultationID {
			if r.Outcome != app.ImportUnchanged {
				t.Errorf("known remiss from the listing: %+v", r)
			}
		}
	}
	if counts[app.ImportAdded] != 18 || counts[app.ImportUnchanged] != 2 {
		t.Errorf("listing outcomes %v", counts)
	}
	if _, total, _ := f.store.ListConsultations(ctx, app.ConsultationFilter{}); total != 20 {
		t.Errorf("%d consultations, want 20", total)
	}
	c3, _ := f.store.ConsultationByID(ctx, res.ConsultationID)
	if c3.Version != 1 || c3.Deadline != app.NewDate(2026, 6, 30) {
		t.Errorf("the listing changed a known remiss: %+v", c3)
	}
}

// TestImportMovedDeadline: a page whose deadline moved updates the
// consultation, moves default milestones (not edited ones), and flags the
// change for the dashboard.
func TestImportMovedDeadline(t *testing.T) {
	t.Parallel()
	f := newImportFixture(t)
	ctx := context.Background()
	closed := regeringentest.Read(t, "case-closed.html")
	res := f.importPage(closed)[0]
	c, _ := f.store.ConsultationByID(ctx, res.ConsultationID)
	c.DraftDue = app.NewDate(2026, 6, 10) // edited by hand
	if err := f.store.UpdateConsultation(ctx, c); err != nil {
		t.Fatal(err)
	}
	moved := bytes.Replace(closed, []byte("remissen &auml;r den 30 juni 2026."), []byte("remissen &auml;r den 14 augusti 2026."), 1)
	f.now = f.now.Add(24 * time.Hour)
	res2 := f.importPage(moved)[0]
	if res2.Outcome != app.ImportUpdated || !res2.DeadlineChanged || res2.PreviousDeadline != app.NewDate(2026, 6, 30) {
		t.Fatalf("moved: %+v", res2)
	}
	c2, _ := f.store.ConsultationByID(ctx, res.ConsultationID)
	if c2.Deadline != app.NewDate(2026, 8, 14) || c2.DraftDue != app.NewDate(2026, 6, 10) ||
		c2.SignaturesDue != app.NewDate(2026, 8, 11) || c2.Version != 3 {
		t.Errorf("after the move: %+v", c2)
	}
	changes, err := app.ChangedDeadlines(ctx, f.store, f.store, f.now.Add(-time.Hour))
	if err != nil || len(changes) != 1 || changes[0].Previous != app.NewDate(2026, 6, 30) ||
		changes[0].Consultation.Deadline != app.NewDate(2026, 8, 14) || !changes[0].ChangedAt.Equal(f.now) {
		t.Fatalf("changed deadlines: %+v %v", changes, err)
	}
	if again := f.importPage(moved)[0]; again.Outcome != app.ImportUnchanged || again.DeadlineChanged {
		t.Errorf("re-import of the moved page: %+v", again)
	}
	if later, _ := app.ChangedDeadlines(ctx, f.store, f.store, f.now.Add(time.Hour)); len(later) != 0 {
		t.Errorf("changes after the move: %+v", later)
	}
}

// TestImportRefusals: a remiss whose reference and address point at two
// different consultations, or whose reference cannot be read, is refused
// and nothing changes.
func TestImportRefusals(t *testing.T) {
	t.Parallel()
	f := newImportFixture(t)
	ctx := context.Background()
	a := f.importPage(regeringentest.Read(t, "case-closed.html"))[0]
	b := f.importPage(regeringentest.Read(t, "case-open.html"))[0]
	in := &app.RemissIntake{SourceURL: b.SourceURL, Title: "X", Reference: "KN2026/741"}
	res, err := f.im.Import(ctx, in, f.now)
	if err != nil || res.Outcome != app.ImportRefused || res.Reason == "" {
		t.Fatalf("two matches: %+v %v", res, err)
	}
	res, err = f.im.Import(ctx, &app.RemissIntake{SourceURL: "https://www.regeringen.se/remisser/x/", Title: "Y", Reference: "inte ett nummer"}, f.now)
	if err != nil || res.Outcome != app.ImportRefused {
		t.Fatalf("bad reference: %+v %v", res, err)
	}
	for _, id := range []string{a.ConsultationID, b.ConsultationID} {
		if c, _ := f.store.ConsultationByID(ctx, id); c.Version != 1 || c.Title == "X" {
			t.Errorf("refused import changed %+v", c)
		}
	}
	if _, total, _ := f.store.ListConsultations(ctx, app.ConsultationFilter{}); total != 2 {
		t.Errorf("%d consultations", total)
	}
}

// TestWriteImportReport checks the terminal report: a line per remiss
// with what changed, was refused or was missing, and the summary.
func TestWriteImportReport(t *testing.T) {
	var out bytes.Buffer
	app.WriteImportReport(&out, []*app.ImportResult{
		{Outcome: app.ImportAdded, Reference: "KN2026/00741", Title: "Remiss A", Missing: []string{"series", "updated"}},
		{Outcome: app.ImportRefused, Title: "Remiss B", Reason: "no title"},
	})
	want := "added      KN2026/00741    Remiss A\n" +
		"           missing: series, updated\n" +
		"refused    -               Remiss B\n" +
		"           reason: no title\n" +
		"1 added, 0 updated, 0 unchanged, 1 refused\n"
	if out.String() != want {
		t.Errorf("report =\n%s\nwant\n%s", out.String(), want)
	}
}
