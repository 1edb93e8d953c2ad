package mongodb_test

import (
	"context"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

// The statement store writes in steps (FerretDB v1 has no transactions).
// These tests leave the state a crash between two steps leaves and check
// that nothing is lost and nothing is stuck.

// TestSlugOfMissingStatementIsTakenOver: a slug reserved for a statement
// that was never stored is given to the next statement that claims it; a
// slug of a stored statement stays refused.
func TestSlugOfMissingStatementIsTakenOver(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mongotest.MustOpenDB(t)
	s := mongodb.NewStatementStore(db)
	if _, err := db.Col("statement_slugs").InsertOne(ctx,
		bson.D{{Key: "_id", Value: "smaltverk-i-lulea"}, {Key: "statement_id", Value: bson.NewObjectID()}}); err != nil {
		t.Fatal(err)
	}
	st := mustStatement(t, s, "Smältverk i Luleå", app.StatementDraft, stmtT0)
	got, err := s.StatementBySlug(ctx, "smaltverk-i-lulea")
	if err != nil || got.ID != st.ID {
		t.Fatalf("by slug: %+v, %v; want %s", got, err, st.ID)
	}
	again := &app.Statement{Kind: app.KindPositionPaper, Title: "Smältverk i Luleå", Slug: "smaltverk-i-lulea",
		Status: app.StatementDraft, CreatedAt: stmtT0, UpdatedAt: stmtT0}
	if err := s.CreateStatement(ctx, again); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("a taken slug: %v, want a conflict", err)
	}
	if n, _ := db.Col("statements").CountDocuments(ctx, bson.D{}); n != 1 {
		t.Fatalf("%d statements stored, want 1", n)
	}
}

// TestSignatureRecordWithoutCopyIsRepaired: a decision whose record was
// stored but whose copy in the statement was not is shown once the member
// tries again, and the second attempt is refused as a second decision.
func TestSignatureRecordWithoutCopyIsRepaired(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mongotest.MustOpenDB(t)
	s := mongodb.NewStatementStore(db)
	st := mustStatement(t, s, "Kompetensförsörjning i Kiruna", app.StatementSigning, stmtT0)
	if _, err := db.Col("signatures").InsertOne(ctx, bson.D{{Key: "_id", Value: st.ID + ":1:m1"},
		{Key: "statement_id", Value: st.ID}, {Key: "round", Value: 1}, {Key: "member_id", Value: "m1"},
		{Key: "member_name", Value: "Kiruna"}, {Key: "decision", Value: "signed"},
		{Key: "content_hash", Value: "h"}, {Key: "signed_at", Value: stmtT0}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.ListSignatures(ctx, st.ID, 1); len(got) != 0 {
		t.Fatalf("before: %+v", got)
	}
	err := s.AddSignature(ctx, st.ID, 1, &app.Signature{MemberID: "m1", MemberName: "Kiruna", Decision: "declined",
		ContentHash: "h", SignedAt: stmtT0.Add(time.Hour)})
	if app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("second decision: %v, want a conflict", err)
	}
	got, err := s.ListSignatures(ctx, st.ID, 1)
	if err != nil || len(got) != 1 || got[0].Decision != "signed" {
		t.Fatalf("after: %+v, %v; want the first decision, signed", got, err)
	}
	pending, err := s.PendingSearch(ctx, 10)
	if err != nil || len(pending) != 1 {
		t.Fatalf("pending %d, %v: the repaired statement must be indexed again", len(pending), err)
	}
}

// TestSearchQueueEntries: an entry whose statement is not marked (or does
// not exist) is dropped; a marked statement stays queued until indexed at
// its version.
func TestSearchQueueEntries(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mongotest.MustOpenDB(t)
	s := mongodb.NewStatementStore(db)
	st := mustStatement(t, s, "Tillstånd för vindkraft", app.StatementDraft, stmtT0)
	if _, err := db.Col("statement_search_queue").InsertOne(ctx, bson.D{{Key: "_id", Value: bson.NewObjectID()}}); err != nil {
		t.Fatal(err)
	}
	pending, err := s.PendingSearch(ctx, 10)
	if err != nil || len(pending) != 1 || pending[0].Doc.ID != st.ID {
		t.Fatalf("pending %+v, %v; want only %s", pending, err, st.ID)
	}
	if err := s.MarkIndexed(ctx, st.ID, pending[0].Version-1); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.PendingSearch(ctx, 10); len(again) != 1 {
		t.Fatalf("indexed at an old version: %d pending, want 1", len(again))
	}
	if err := s.MarkIndexed(ctx, st.ID, pending[0].Version); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.PendingSearch(ctx, 10); len(again) != 0 {
		t.Fatalf("indexed: %d pending, want 0", len(again))
	}
	if n, _ := db.Col("statement_search_queue").CountDocuments(ctx, bson.D{}); n != 0 {
		t.Fatalf("queue holds %d entries, want none", n)
	}
}

// TestPendingSearchKeepsToItsLimit: entries without a mark among marked
// ones are dropped, and no more than limit tasks come back.
func TestPendingSearchKeepsToItsLimit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mongotest.MustOpenDB(t)
	s := mongodb.NewStatementStore(db)
	for range 2 { // first in the queue: a batch after them holds more marked ones than asked for
		if _, err := db.Col("statement_search_queue").InsertOne(ctx, bson.D{{Key: "_id", Value: bson.NewObjectID()}}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 5 {
		mustStatement(t, s, "Hamnarna i norr "+string(rune('a'+i)), app.StatementDraft, stmtT0)
	}
	for _, want := range []int{3, 2, 0} {
		pending, err := s.PendingSearch(ctx, 3)
		if err != nil || len(pending) != want {
			t.Fatalf("pending %d, %v; want %d", len(pending), err, want)
		}
		for _, p := range pending {
			if err := s.MarkIndexed(ctx, p.Doc.ID, p.Version); err != nil {
				t.Fatal(err)
			}
		}
	}
}
