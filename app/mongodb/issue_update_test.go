package mongodb_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

func TestIssueUpdateAndLog(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewIssueStore(mongotest.MustOpenDB(t))
	i := mustIssue(t, s, "Kompetensförsörjning", false)
	stale := *i
	i.Title, i.Public, i.OwnerMemberIDs, i.UpdatedAt = "Kompetens för industrin", true, []string{"m1"}, issueT0.Add(time.Hour)
	if err := s.UpdateIssue(ctx, i); err != nil || i.Version != 2 {
		t.Fatalf("update: %v, version %d", err, i.Version)
	}
	stale.Title = "Förlorad ändring"
	if err := s.UpdateIssue(ctx, &stale); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("stale update: %v", err)
	}
	// Concurrent appends are all kept, whatever the version.
	var wg sync.WaitGroup
	for n := range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := app.IssueAction{On: app.NewDate(2026, 3, 1+n), Who: "Kansliet", Note: "Möte", RecordedBy: "u1"}
			if _, err := s.AppendIssueAction(ctx, i.ID, a, issueT0); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	got, err := s.IssueByID(ctx, i.ID)
	if err != nil || got.Title != "Kompetens för industrin" || !got.Public || len(got.Log) != 5 || got.Version != 7 ||
		got.Log[0].RecordedBy != "u1" || got.OwnerMemberIDs[0] != "m1" {
		t.Fatalf("after appends: %+v %v", got, err)
	}
	if _, err := s.AppendIssueAction(ctx, "0123456789abcdef01234567", app.IssueAction{Note: "x"}, issueT0); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("append to unknown issue: %v", err)
	}
	tasks, err := s.PendingSearch(ctx, 10)
	if err != nil || len(tasks) != 1 || tasks[0].Public || tasks[0].Doc.Type != "issue" || tasks[0].Version != 7 {
		t.Fatalf("public issue must still go to the internal index only: %+v %v", tasks, err)
	}
	if err := s.MarkIndexed(ctx, i.ID, 7); err != nil {
		t.Fatal(err)
	}
	if tasks, _ := s.PendingSearch(ctx, 10); len(tasks) != 0 {
		t.Fatalf("pending after mark: %+v", tasks)
	}
}

func TestIssueFilters(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewIssueStore(mongotest.MustOpenDB(t))
	a := mustIssue(t, s, "Elnät", true)
	b := mustIssue(t, s, "Tillstånd", false)
	a.Topics, a.Priority, a.ConsultationIDs = []string{"energi"}, "high", []string{"c1"}
	if err := s.UpdateIssue(ctx, a); err != nil {
		t.Fatal(err)
	}
	b.Status = "dormant"
	if err := s.UpdateIssue(ctx, b); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		f    app.IssueFilter
		want string
	}{
		{app.IssueFilter{Topic: "energi"}, "Elnät"}, {app.IssueFilter{Priority: "high"}, "Elnät"},
		{app.IssueFilter{Status: "dormant"}, "Tillstånd"}, {app.IssueFilter{PublicOnly: true}, "Elnät"},
		{app.IssueFilter{ConsultationID: "c1"}, "Elnät"},
	} {
		got, n, err := s.ListIssues(ctx, tc.f)
		if err != nil || n != 1 || got[0].Title != tc.want {
			t.Errorf("%+v: %d %v", tc.f, n, err)
		}
	}
}

// TestConcurrentVersionedWrites: of writers that all read version 1, one
// wins and the rest get 409 — also on the embedded FerretDB, whose update
// is not atomic by itself (see docLocks).
func TestConcurrentVersionedWrites(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mongotest.MustOpenDB(t)
	issues, cons := mongodb.NewIssueStore(db), mongodb.NewConsultationStore(db)
	i := mustIssue(t, issues, "Samtidigt", false)
	c := remiss("Fi2026/1", "FI2026/1", app.ConsultationIncoming, app.NewDate(2026, 5, 4))
	if err := cons.CreateConsultation(ctx, c); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := map[string]int{}
	for range 8 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			x := *i
			if issues.UpdateIssue(ctx, &x) == nil {
				mu.Lock()
				wins["issue"]++
				mu.Unlock()
			}
		}()
		go func() {
			defer wg.Done()
			x := *c
			if cons.UpdateConsultation(ctx, &x) == nil {
				mu.Lock()
				wins["consultation"]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if wins["issue"] != 1 || wins["consultation"] != 1 {
		t.Fatalf("winners with the same version: %v, want one each", wins)
	}
}
