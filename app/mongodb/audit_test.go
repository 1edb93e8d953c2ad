package mongodb_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

// A list's total is right on every page: a full page counts, a short one
// (the last) adds what it holds to what came before, an empty one past the
// end counts again; newest first throughout.
func TestAuditPagesAndTotals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	l := mongodb.NewAuditLog(mongotest.MustOpenDB(t))
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for i := range 5 {
		e := &app.AuditEvent{At: start.Add(time.Duration(i) * time.Minute), ActorName: "Åsa Öberg",
			Action: "consultation.status", EntityType: "consultation", EntityID: "c1", Note: fmt.Sprint(i)}
		if err := l.AppendAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	other := &app.AuditEvent{At: start, Action: "issue.create", EntityType: "issue", EntityID: "i1"}
	if err := l.AppendAudit(ctx, other); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		number, size int
		want         string // the notes on the page
	}{{1, 2, "43"}, {2, 2, "21"}, {3, 2, "0"}, {4, 2, ""}, {1, 10, "43210"}, {1, 5, "43210"}} {
		events, total, err := l.ListAudit(ctx, app.AuditFilter{EntityType: "consultation", EntityID: "c1",
			Page: app.Page{Number: c.number, Size: c.size}})
		got := ""
		for _, e := range events {
			got += e.Note
		}
		if err != nil || total != 5 || got != c.want {
			t.Errorf("page %d of %d: notes %q, total %d (%v); want %q, 5", c.number, c.size, got, total, err, c.want)
		}
	}
}
