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

// TestMigrateStatementKeys writes a statement, two revisions and two
// signatures in the shapes stored before lookups went by _id (ObjectID
// ids, no slug map, signatures only in their own collection, the search
// mark only in the document) and checks that, after Migrate, every read
// finds them and the sync sees the mark — and that a second run changes
// nothing.
func TestMigrateStatementKeys(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mongotest.MustOpenDB(t)
	if !db.Ferret() {
		t.Fatal("the embedded store should be recognised as FerretDB")
	}
	id, hexID := bson.NewObjectID(), ""
	hexID = id.Hex()
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	insert := func(col string, doc bson.D) {
		t.Helper()
		if _, err := db.Col(col).InsertOne(ctx, doc); err != nil {
			t.Fatal(err)
		}
	}
	insert("statements", bson.D{{Key: "_id", Value: id}, {Key: "kind", Value: "joint_statement"},
		{Key: "title", Value: "Stålet och elnätet"}, {Key: "slug", Value: "stalet-och-elnatet"},
		{Key: "summary", Value: "Kort."}, {Key: "body", Value: "Tredje texten om ståltillverkning."},
		{Key: "status", Value: "signing"}, {Key: "round", Value: 2}, {Key: "revision", Value: 3},
		{Key: "edited_at", Value: at}, {Key: "search_dirty", Value: true}, {Key: "version", Value: 7},
		{Key: "created_at", Value: at}, {Key: "updated_at", Value: at}})
	for n, body := range map[int]string{1: "Första texten.", 2: "Andra texten om elnätet."} {
		insert("revisions", bson.D{{Key: "_id", Value: bson.NewObjectID()}, {Key: "statement_id", Value: hexID},
			{Key: "number", Value: n}, {Key: "title", Value: "Stålet och elnätet"}, {Key: "summary", Value: "Kort."},
			{Key: "body", Value: body}, {Key: "at", Value: at}})
	}
	sig := func(round int, member, name string, signed time.Time) bson.D {
		return bson.D{{Key: "_id", Value: bson.NewObjectID()}, {Key: "statement_id", Value: hexID},
			{Key: "round", Value: round}, {Key: "member_id", Value: member}, {Key: "member_name", Value: name},
			{Key: "decision", Value: "signed"}, {Key: "signatory_name", Value: "Åsa Öst"},
			{Key: "signatory_title", Value: "KSO"}, {Key: "content_hash", Value: "h"}, {Key: "signed_at", Value: signed}}
	}
	insert("signatures", sig(2, "m2", "Luleå", at.Add(2*time.Hour)))
	insert("signatures", sig(2, "m1", "Skellefteå", at.Add(time.Hour)))
	insert("signatures", sig(1, "m1", "Skellefteå", at))
	if _, err := db.Col("schema_migrations").DeleteMany(ctx, bson.D{}); err != nil {
		t.Fatal(err)
	}

	for run := range 2 {
		if err := db.Migrate(ctx); err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		s := mongodb.NewStatementStore(db)
		st, err := s.StatementBySlug(ctx, "stalet-och-elnatet")
		if err != nil {
			t.Fatalf("run %d: by slug: %v", run, err)
		}
		if st.ID != hexID || len(st.Signatures) != 2 || st.Signatures[0].MemberName != "Skellefteå" ||
			st.Signatures[1].MemberName != "Luleå" {
			t.Fatalf("run %d: statement %s with signatures %+v, want round 2's two in the order made", run, st.ID, st.Signatures)
		}
		all, err := s.ListSignatures(ctx, hexID, 0)
		if err != nil || len(all) != 3 {
			t.Fatalf("run %d: every round: %d signatures, %v; want 3", run, len(all), err)
		}
		r2, err := s.RevisionByNumber(ctx, hexID, 2)
		if err != nil || r2.Body != "Andra texten om elnätet." {
			t.Fatalf("run %d: revision 2: %+v, %v", run, r2, err)
		}
		revs, err := s.ListRevisions(ctx, hexID)
		if err != nil || len(revs) != 3 || revs[0].Body != "Första texten." || revs[2].Body != "Tredje texten om ståltillverkning." {
			t.Fatalf("run %d: revisions %d, %v", run, len(revs), err)
		}
		pending, err := s.PendingSearch(ctx, 10)
		if err != nil || len(pending) != 1 || pending[0].Doc.ID != hexID {
			t.Fatalf("run %d: pending %+v, %v; want the marked statement", run, pending, err)
		}
		for col, want := range map[string]int64{"revisions": 3, "signatures": 3, "statement_slugs": 1} {
			if n, err := db.Col(col).CountDocuments(ctx, bson.D{}); err != nil || n != want {
				t.Fatalf("run %d: %s holds %d, %v; want %d", run, col, n, err, want)
			}
		}
		// A second decision of a member in the same round is still refused.
		err = s.AddSignature(ctx, hexID, 2, &app.Signature{MemberID: "m2", MemberName: "Luleå", Decision: "declined",
			ContentHash: "h", SignedAt: at.Add(3 * time.Hour)})
		if app.ErrorCode(err) != app.ECONFLICT {
			t.Fatalf("run %d: second decision: %v, want a conflict", run, err)
		}
		if _, err := db.Col("schema_migrations").DeleteMany(ctx, bson.D{}); err != nil {
			t.Fatal(err)
		}
	}
}
