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

func TestLease(t *testing.T) {
	t.Parallel()
	s := mongodb.NewLeaseStore(mongotest.MustOpenDB(t))
	ctx := context.Background()
	t0 := time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)
	must := func(name, holder string, now time.Time, want bool) {
		t.Helper()
		got, err := s.AcquireLease(ctx, name, holder, now, now.Add(time.Minute))
		if err != nil || got != want {
			t.Fatalf("%s acquires %s at %s: %v %v, want %v", holder, name, now.Format(time.TimeOnly), got, err, want)
		}
	}
	must("job", "a", t0, true)
	must("job", "b", t0.Add(30*time.Second), false) // held by a
	must("job", "a", t0.Add(30*time.Second), true)  // a renews
	must("other", "b", t0, true)                    // leases are per name
	must("job", "b", t0.Add(2*time.Minute), true)   // a's expired
	must("job", "a", t0.Add(2*time.Minute), false)
	if err := s.ReleaseLease(ctx, "job", "a"); err != nil { // not a's: no effect
		t.Fatal(err)
	}
	must("job", "a", t0.Add(2*time.Minute), false)
	if err := s.ReleaseLease(ctx, "job", "b"); err != nil {
		t.Fatal(err)
	}
	must("job", "a", t0.Add(2*time.Minute), true)

	// Many contenders at once: exactly one wins.
	var wins sync.WaitGroup
	won := make(chan string, 8)
	for i := range 8 {
		wins.Add(1)
		go func() {
			defer wins.Done()
			holder := string(rune('p' + i))
			if ok, err := s.AcquireLease(ctx, "race", holder, t0, t0.Add(time.Minute)); err != nil {
				t.Error(err)
			} else if ok {
				won <- holder
			}
		}()
	}
	wins.Wait()
	close(won)
	if n := len(won); n != 1 {
		t.Fatalf("%d holders of one lease", n)
	}
}

func TestReminderClaimedOnce(t *testing.T) {
	t.Parallel()
	s := mongodb.NewReminderStore(mongotest.MustOpenDB(t))
	ctx := context.Background()
	r := &app.Reminder{ConsultationID: "c1", Kind: app.DueDeadline, Due: app.NewDate(2026, 10, 30), DaysBefore: 5}
	if err := s.ClaimReminder(ctx, r, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := s.ClaimReminder(ctx, r, time.Now()); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("second claim: %v", err)
	}
	other := *r
	other.Due = app.NewDate(2026, 11, 6) // the deadline moved: a new reminder
	if err := s.ClaimReminder(ctx, &other, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := s.ReleaseReminder(ctx, r); err != nil {
		t.Fatal(err)
	}
	if err := s.ClaimReminder(ctx, r, time.Now()); err != nil {
		t.Fatalf("claim after release: %v", err)
	}
}

func TestCalendarFeedStore(t *testing.T) {
	t.Parallel()
	s := mongodb.NewSessionStore(mongotest.MustOpenDB(t))
	ctx := context.Background()
	k1, err := s.CalendarKey(ctx)
	if err != nil || len(k1) != 32 {
		t.Fatalf("key %x %v", k1, err)
	}
	if k2, _ := s.CalendarKey(ctx); string(k1) != string(k2) {
		t.Fatal("the calendar key changed")
	}
	f := &app.CalendarFeed{UserID: "u1", Nonce: "n1", TokenHash: "h1", CreatedAt: time.Now()}
	if err := s.SaveCalendarFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	f.Nonce, f.TokenHash = "n2", "h2"
	if err := s.SaveCalendarFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CalendarFeedByTokenHash(ctx, "h1"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("replaced token still found: %v", err)
	}
	if got, err := s.CalendarFeedOf(ctx, "u1"); err != nil || got.Nonce != "n2" {
		t.Fatalf("%+v %v", got, err)
	}
	if err := s.DeleteCalendarFeed(ctx, "u1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CalendarFeedByTokenHash(ctx, "h2"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("revoked token still found: %v", err)
	}
}
