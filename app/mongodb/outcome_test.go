package mongodb_test

import (
	"context"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

func TestOutcomeAndPositionStores(t *testing.T) {
	t.Parallel()
	db := mongotest.MustOpenDB(t)
	ctx := context.Background()
	cs, is := mongodb.NewConsultationStore(db), mongodb.NewIssueStore(db)
	id := "6b081b18a1794c3f0b07d01e"
	if _, err := cs.OutcomeOf(ctx, id); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("no outcome yet: %v", err)
	}
	o := &app.Outcome{ConsultationID: id, Uptake: app.UptakeYes, UpdatedAt: time.Now(),
		FollowUps: []app.FollowUp{{Kind: "decision", Title: "Beslut", On: app.NewDate(2026, 3, 2)}}}
	if err := cs.SaveOutcome(ctx, o); err != nil || o.Version != 1 {
		t.Fatalf("insert: %v %d", err, o.Version)
	}
	stale := *o
	o.UptakeNote = "Ja."
	if err := cs.SaveOutcome(ctx, o); err != nil || o.Version != 2 {
		t.Fatalf("update: %v", err)
	}
	if err := cs.SaveOutcome(ctx, &stale); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("stale save: %v", err)
	}
	if err := cs.SaveOutcome(ctx, &app.Outcome{ConsultationID: id}); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("second insert: %v", err)
	}
	got, err := cs.OutcomeOf(ctx, id)
	if err != nil || got.UptakeNote != "Ja." || got.FollowUps[0].On != app.NewDate(2026, 3, 2) {
		t.Fatalf("read back: %+v %v", got, err)
	}

	p, _ := app.NewPosition("issue-1", app.PositionInput{Title: "Elnät", Text: "Bygg ut."}, "u", time.Now())
	if err := is.CreatePosition(ctx, p); err != nil {
		t.Fatal(err)
	}
	old := *p
	next := p.MarkUsed("st-1", "u", time.Now())
	if err := is.UpdatePosition(ctx, next); err != nil {
		t.Fatal(err)
	}
	if err := is.UpdatePosition(ctx, &old); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("stale position update: %v", err)
	}
	list, err := is.ListPositions(ctx, "issue-1")
	if err != nil || len(list) != 1 || list[0].UsedIn[0] != "st-1" {
		t.Fatalf("list: %+v %v", list, err)
	}
	if l, _ := is.ListPositions(ctx, "other"); len(l) != 0 {
		t.Errorf("other issue: %v", l)
	}
}
