package mongodb_test

import (
	"context"
	"crypto/ed25519"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

// publogFixture is the publication log on a fresh database with n
// published statements, the third of them withdrawn, logged by Repair.
func publogFixture(t *testing.T, n int) (*mongodb.DB, *app.Publications) {
	t.Helper()
	db := mongotest.MustOpenDB(t)
	stmts := mongodb.NewStatementStore(db)
	for i := range n {
		title := "Ställningstagande " + string(rune('A'+i))
		st := mustStatement(t, stmts, title, app.StatementPublished, stmtT0)
		st.ContentHash = app.ContentHash(st.Title, "", "")
		st.PublishedAt = stmtT0.Add(time.Duration(i) * time.Hour)
		if i == 2 {
			st.Status, st.WithdrawnAt = app.StatementWithdrawn, stmtT0.Add(48*time.Hour)
		}
		if err := stmts.UpdateStatement(context.Background(), st); err != nil {
			t.Fatal(err)
		}
	}
	_, key, _ := ed25519.GenerateKey(nil)
	p := &app.Publications{Store: mongodb.NewPublicationLog(db), Statements: stmts, Key: key}
	if _, err := p.Repair(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db, p
}

func verifyStored(t *testing.T, p *app.Publications) error {
	t.Helper()
	entries, err := p.Store.ListPublications(context.Background(), 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	return app.VerifyPublicationLog(entries, p.PublicKey())
}

// TestPublicationLogRepairIsExactlyOnce: Repair logs each publication and
// withdrawal once, however often it runs, and the log verifies.
func TestPublicationLogRepairIsExactlyOnce(t *testing.T) {
	t.Parallel()
	_, p := publogFixture(t, 3)
	for range 2 {
		if n, err := p.Repair(context.Background()); err != nil || n != 0 {
			t.Fatalf("a second repair appended %d, %v", n, err)
		}
	}
	entries, _ := p.Store.ListPublications(context.Background(), 0, 0)
	if len(entries) != 4 {
		t.Fatalf("%d entries, want 4 (three publications, one withdrawal)", len(entries))
	}
	if err := verifyStored(t, p); err != nil {
		t.Fatal(err)
	}
}

// TestPublicationLogConcurrentAppendsDoNotFork: appends racing for the
// next number (as on several replicas) make one chain, numbered without
// gaps, that verifies.
func TestPublicationLogConcurrentAppendsDoNotFork(t *testing.T) {
	t.Parallel()
	db, p := publogFixture(t, 0)
	stmts := mongodb.NewStatementStore(db)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		st := mustStatement(t, stmts, "Samtidig "+string(rune('a'+i)), app.StatementPublished, stmtT0)
		st.PublishedAt = stmtT0
		if err := stmts.UpdateStatement(context.Background(), st); err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- p.Handler(context.Background(), app.Event{Kind: "statement.publish", Subject: app.Subject{Type: "statement", ID: st.ID}})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := p.Store.CountPublications(context.Background()); n != 8 {
		t.Fatalf("%d entries, want 8", n)
	}
	if err := verifyStored(t, p); err != nil {
		t.Fatal(err)
	}
}

// TestPublicationLogTamperingIsFound: an entry edited in the store, a
// content hash changed by someone who recomputed the hashes but has no
// key, and two entries swapped each make verification fail, naming
// entry 2.
func TestPublicationLogTamperingIsFound(t *testing.T) {
	t.Parallel()
	for name, tamper := range map[string]func(t *testing.T, db *mongodb.DB, p *app.Publications){
		"stored entry edited": func(t *testing.T, db *mongodb.DB, _ *app.Publications) {
			mustUpdate(t, db, 2, bson.D{{Key: "slug", Value: "ett-annat-stallningstagande"}})
		},
		"content hash rewritten, hashes recomputed": func(t *testing.T, db *mongodb.DB, p *app.Publications) {
			entries, _ := p.Store.ListPublications(context.Background(), 0, 0)
			prev := entries[0].EntryHash
			for _, e := range entries[1:] {
				if e.Seq == 2 {
					e.ContentHash = strings.Repeat("f", 64)
				}
				e.PrevHash = prev
				e.EntryHash = app.EntryHash(e)
				prev = e.EntryHash
				mustUpdate(t, db, e.Seq, bson.D{{Key: "content_hash", Value: e.ContentHash},
					{Key: "prev_hash", Value: e.PrevHash}, {Key: "entry_hash", Value: e.EntryHash}})
			}
		},
		"order changed": func(t *testing.T, db *mongodb.DB, _ *app.Publications) {
			ctx := context.Background()
			col := db.Col("publication_log")
			var two, three bson.D
			if err := col.FindOne(ctx, bson.D{{Key: "_id", Value: int64(2)}}).Decode(&two); err != nil {
				t.Fatal(err)
			}
			if err := col.FindOne(ctx, bson.D{{Key: "_id", Value: int64(3)}}).Decode(&three); err != nil {
				t.Fatal(err)
			}
			if _, err := col.DeleteMany(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: bson.A{int64(2), int64(3)}}}}}); err != nil {
				t.Fatal(err)
			}
			two[0].Value, three[0].Value = int64(3), int64(2)
			if _, err := col.InsertMany(ctx, []any{three, two}); err != nil {
				t.Fatal(err)
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			db, p := publogFixture(t, 3)
			if err := verifyStored(t, p); err != nil {
				t.Fatalf("before: %v", err)
			}
			tamper(t, db, p)
			err := verifyStored(t, p)
			if err == nil || !strings.HasPrefix(err.Error(), "entry 2 ") {
				t.Fatalf("after tampering: %v, want a failure naming entry 2", err)
			}
			t.Log(err)
		})
	}
}

func mustUpdate(t *testing.T, db *mongodb.DB, seq int64, set bson.D) {
	t.Helper()
	r, err := db.Col("publication_log").UpdateOne(context.Background(), bson.D{{Key: "_id", Value: seq}}, bson.D{{Key: "$set", Value: set}})
	if err != nil || r.MatchedCount != 1 {
		t.Fatalf("update entry %d: %v, %+v", seq, err, r)
	}
}
