package mongodb_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

func TestUserStoreEmailUniqueAnyCase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewUserStore(mongotest.MustOpenDB(t))
	u, err := app.NewUser(app.NewUserInput{Email: "Åsa.Lind@Example.se", Name: "Åsa Lind", Title: "KSO",
		Role: app.RoleSecretariat, Password: "korrekt häst batteri"}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	again, _ := app.NewUser(app.NewUserInput{Email: "åsa.lind@example.SE", Name: "Kopia",
		Role: app.RoleAdmin, Password: "ett annat lösenord"}, t0)
	if err := s.CreateUser(ctx, again); app.ErrorCode(err) != app.ECONFLICT || app.ErrorFields(err)["email"] == "" {
		t.Fatalf("duplicate e-mail in other case: %v", err)
	}
	got, err := s.UserByEmail(ctx, "ÅSA.LIND@EXAMPLE.SE")
	if err != nil || got.ID != u.ID || got.Name != "Åsa Lind" {
		t.Fatalf("by e-mail: %+v %v", got, err)
	}
	if !app.CheckPassword("korrekt häst batteri", got.PasswordHash) {
		t.Fatal("stored hash does not match")
	}
	if _, total, _ := s.ListUsers(ctx, app.UserFilter{}); total != 1 {
		t.Fatalf("total = %d, want 1", total)
	}
}

func TestUserStoreStaleUpdateIsConflict(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewUserStore(mongotest.MustOpenDB(t))
	u, _ := app.NewUser(app.NewUserInput{Email: "a@example.se", Name: "A", Role: app.RoleAdmin, Password: "tolv tecken långt"}, t0)
	if err := s.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	first, second := *u, *u
	first.Name, second.Name = "Först", "Sist"
	first.UpdatedAt = t0.Add(time.Minute)
	if err := s.UpdateUser(ctx, &first); err != nil || first.Version != 2 {
		t.Fatalf("first update: %v (version %d)", err, first.Version)
	}
	if err := s.UpdateUser(ctx, &second); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("stale update: %v, want conflict", err)
	}
	got, _ := s.UserByID(ctx, u.ID)
	if got.Name != "Först" || got.Version != 2 {
		t.Fatalf("stored %q v%d, want Först v2", got.Name, got.Version)
	}
}

// TestConcurrentStaleUpdatesOneWins: eight writers based on the same
// version; exactly one succeeds and the others get ECONFLICT. (FerretDB's
// own conditional update is not atomic; the document lock makes it so.)
func TestConcurrentStaleUpdatesOneWins(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewUserStore(mongotest.MustOpenDB(t))
	u, _ := app.NewUser(app.NewUserInput{Email: "c@example.se", Name: "C", Role: app.RoleAdmin, Password: "tolv tecken långt"}, t0)
	if err := s.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var ok, conflict atomic.Int32
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := *u
			mine.Name = fmt.Sprintf("Skribent %d", i)
			switch err := s.UpdateUser(ctx, &mine); app.ErrorCode(err) {
			case "":
				ok.Add(1)
			case app.ECONFLICT:
				conflict.Add(1)
			default:
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	got, _ := s.UserByID(ctx, u.ID)
	if ok.Load() != 1 || conflict.Load() != 7 || got.Version != 2 {
		t.Fatalf("%d succeeded, %d conflicted, stored version %d; want 1, 7, 2", ok.Load(), conflict.Load(), got.Version)
	}
}
