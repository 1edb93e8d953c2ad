package mongodb_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

// TestTakeAccountLinkOnce: of many concurrent takers of one link exactly
// one gets it; a taker of the wrong purpose gets ENOTFOUND and leaves it.
func TestTakeAccountLinkOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewSessionStore(mongotest.MustOpenDB(t))
	now := time.Now()
	l := &app.AccountLink{ID: app.HashSecret("hemlig"), UserID: "u1", Purpose: app.LinkReset, CreatedAt: now, ExpiresAt: now.Add(time.Minute)}
	if err := s.CreateAccountLink(ctx, l); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TakeAccountLink(ctx, l.ID, app.LinkInvite); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("wrong purpose: %v, want ENOTFOUND", err)
	}
	if _, err := s.AccountLinkByID(ctx, l.ID); err != nil {
		t.Fatalf("a wrong-purpose take removed the link: %v", err)
	}
	var won atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := s.TakeAccountLink(ctx, l.ID, app.LinkReset)
			switch {
			case err == nil && got.UserID == "u1":
				won.Add(1)
			case app.ErrorCode(err) != app.ENOTFOUND:
				t.Errorf("take: %v", err)
			}
		}()
	}
	wg.Wait()
	if n := won.Load(); n != 1 {
		t.Fatalf("%d takers got the link, want 1", n)
	}
}

// TestDeleteAccountLinks: by user and purpose, and the expired ones.
func TestDeleteAccountLinks(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewSessionStore(mongotest.MustOpenDB(t))
	now := time.Now()
	add := func(secret, user string, p app.LinkPurpose, ttl time.Duration) string {
		l := &app.AccountLink{ID: app.HashSecret(secret), UserID: user, Purpose: p, CreatedAt: now, ExpiresAt: now.Add(ttl)}
		if err := s.CreateAccountLink(ctx, l); err != nil {
			t.Fatal(err)
		}
		return l.ID
	}
	reset1, invite1 := add("a", "u1", app.LinkReset, time.Hour), add("b", "u1", app.LinkInvite, time.Hour)
	other, old := add("c", "u2", app.LinkReset, time.Hour), add("d", "u2", app.LinkInvite, -time.Minute)
	exists := func(id string) bool { _, err := s.AccountLinkByID(ctx, id); return err == nil }
	if err := s.DeleteUserAccountLinks(ctx, "u1", app.LinkReset); err != nil || exists(reset1) || !exists(invite1) || !exists(other) {
		t.Fatalf("delete u1's reset links: %v", err)
	}
	if n, err := s.DeleteAccountLinksBefore(ctx, now); err != nil || n != 1 || exists(old) || !exists(other) {
		t.Fatalf("delete expired: %d %v", n, err)
	}
	if err := s.DeleteUserAccountLinks(ctx, "u1", ""); err != nil || exists(invite1) || !exists(other) {
		t.Fatalf("delete all of u1's links: %v", err)
	}
}
