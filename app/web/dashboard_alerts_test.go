package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
)

// TestWatchShowsMovedDeadlinesAndUnsentReminders: with no mail server the
// watch lists the reminders due, and it flags a deadline an import moved.
func TestWatchShowsMovedDeadlinesAndUnsentReminders(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	now := time.Now()
	today := app.DateOf(now)
	deadline := app.WorkingDaysAfter(today, 10)
	c := &app.Consultation{Title: "Remiss om vätgaslager", Status: app.ConsultationIncoming, Deadline: deadline,
		CreatedAt: now, UpdatedAt: now}
	c.DraftDue, c.SignaturesDue = app.DefaultMilestones(deadline)
	consults := mongodb.NewConsultationStore(f.db)
	if err := consults.CreateConsultation(ctx, c); err != nil {
		t.Fatal(err)
	}
	moved := &app.RemissImport{ConsultationID: c.ID, LastSeen: now, LastDeadline: deadline,
		PreviousDeadline: deadline.AddDays(-7), DeadlineChangedAt: now}
	if err := consults.SaveImport(ctx, moved); err != nil {
		t.Fatal(err)
	}
	doc := mustDoc(t, f.do(request{method: "GET", path: "/internt/bevakning", role: "secretariat"}))
	text := doc.Find("main").Text()
	for _, want := range []string{"Flyttade svarsdatum", deadline.AddDays(-7).String(), "Påminnelser att skicka", "Remiss om vätgaslager"} {
		if !strings.Contains(text, want) {
			t.Errorf("watch lacks %q", want)
		}
	}
	if doc.Find(`a[href="/internt/remisser/`+c.ID+`"]`).Length() < 2 {
		t.Error("the moved deadline and the reminder should both link to the consultation")
	}
}
