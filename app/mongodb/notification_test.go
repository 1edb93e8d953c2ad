package mongodb_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

func note(user, event string, subject string, at time.Time) *app.Notification {
	return &app.Notification{UserID: user, EventID: event, Kind: app.NotifyMention, Title: "notify.mention.title",
		URL: "/x", Subject: app.Subject{Type: "statement", ID: subject}, CreatedAt: at, Mail: app.MailNone}
}

// TestNotificationStore: a notification is stored once per event and user;
// the inbox document's unread count and newest unread follow every way of
// reading; nobody marks another's notifications read.
func TestNotificationStore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewNotificationStore(mongotest.MustOpenDB(t))
	t0 := time.Now()
	if n, err := s.AddNotifications(ctx, []*app.Notification{note("u1", "e0", "s0", t0), note("u1", "e0", "s0", t0)}); n != 1 || err != nil {
		t.Fatalf("a duplicate was added: %d %v", n, err)
	}
	for i := 1; i < 60; i++ {
		if _, err := s.AddNotifications(ctx, []*app.Notification{note("u1", fmt.Sprint("e", i), fmt.Sprint("s", i%3), t0.Add(time.Duration(i)*time.Second))}); err != nil {
			t.Fatal(err)
		}
	}
	other := note("u2", "e0", "s0", t0)
	if _, err := s.AddNotifications(ctx, []*app.Notification{other}); err != nil {
		t.Fatal(err)
	}
	recent, unread, err := s.RecentUnread(ctx, "u1")
	if err != nil || unread != 60 || len(recent) != 10 || recent[0].EventID != "e59" || recent[9].EventID != "e50" {
		t.Fatalf("recent unread: %d of %d, first %v, %v", len(recent), unread, recent[0].EventID, err)
	}
	if n, err := s.MarkRead(ctx, "u1", []string{other.ID, recent[0].ID, recent[1].ID}, t0); n != 2 || err != nil {
		t.Fatalf("mark read: %d %v", n, err)
	}
	if n, _ := s.CountUnread(ctx, "u2"); n != 1 {
		t.Errorf("u1 marked u2's notification read")
	}
	if err := s.MarkSubjectRead(ctx, "u1", app.Subject{Type: "statement", ID: "s1"}, t0); err != nil {
		t.Fatal(err)
	}
	list, total, _ := s.ListNotifications(ctx, app.NotificationFilter{UserID: "u1", UnreadOnly: true})
	n, _ := s.CountUnread(ctx, "u1")
	if total != 39 || len(list) != 39 || n != 39 { // 60, less e58 and e59, less the other 19 about s1 (e1, e4, … e55)
		t.Errorf("unread after marking: listed %d, counted %d, want 39", total, n)
	}
	if _, err := s.MarkRead(ctx, "u1", nil, t0); err != nil {
		t.Fatal(err)
	}
	if recent, n, _ := s.RecentUnread(ctx, "u1"); n != 0 || len(recent) != 0 {
		t.Errorf("after reading all: %d unread, %d recent", n, len(recent))
	}
}

// TestNotificationInboxConcurrent: writers adding to one user's inbox at
// once, as replicas would, lose no count.
func TestNotificationInboxConcurrent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mongotest.MustOpenDB(t)
	var wg sync.WaitGroup
	for w := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := mongodb.NewNotificationStore(db)
			for i := range 5 {
				if _, err := s.AddNotifications(ctx, []*app.Notification{note("u", fmt.Sprint(w, "-", i), "s", time.Now())}); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	if n, err := mongodb.NewNotificationStore(db).CountUnread(ctx, "u"); n != 30 || err != nil {
		t.Errorf("unread %d, want 30: %v", n, err)
	}
}
