package mongodb_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

// TestQueueEntrySurvivesASyncOnAnotherReplica: a writer on one replica
// queues a statement that is marked already and is about to write; the
// sync on another replica clears the mark of the version it indexed and
// tries to drop the entry; then the write lands. The statement is marked,
// so its entry must still be there for the sync to find it. (Before
// entries held versions the writer queued nothing for a statement already
// marked and the other replica dropped the entry: marked, never queued.)
func TestQueueEntrySurvivesASyncOnAnotherReplica(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mongotest.MustOpenDB(t)
	writer := mongodb.NewStatementStore(db)
	syncer := mongodb.NewStatementStore(db.AsOtherProcess(false))
	st := mustStatement(t, writer, "Kön mellan repliker", app.StatementDraft, stmtT0) // marked at version 1

	if err := writer.QueueBeforeWrite(ctx, st.ID); err != nil { // the writer's first step
		t.Fatal(err)
	}
	if err := syncer.MarkIndexed(ctx, st.ID, 1); err != nil { // the other replica indexed version 1
		t.Fatal(err)
	}
	o, _ := bson.ObjectIDFromHex(st.ID)
	res, err := db.Col("statements").UpdateOne(ctx, bson.D{{Key: "_id", Value: o}, {Key: "version", Value: 1}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "search_dirty", Value: true}}}, {Key: "$inc", Value: bson.D{{Key: "version", Value: 1}}}})
	if err != nil || res.MatchedCount != 1 {
		t.Fatalf("the writer's write: %v, %+v", err, res)
	}
	tasks, err := syncer.PendingSearch(ctx, 10)
	if err != nil || len(tasks) != 1 || tasks[0].Version != 2 {
		t.Fatalf("PendingSearch after the interleaving = %+v, %v; want the statement at version 2", tasks, err)
	}
	if err := syncer.MarkIndexed(ctx, st.ID, 2); err != nil {
		t.Fatal(err)
	}
	if n, err := db.Col("statement_search_queue").CountDocuments(ctx, bson.D{}); err != nil || n != 0 {
		t.Errorf("queue after indexing version 2: %d entries (%v), want none", n, err)
	}
}

// TestVersionedWritesAcrossProcessesOnFerretDB: eight writers in two
// "processes" (handles whose in-process locks are apart, holding each
// document's lock in the database as they do on a FerretDB reached by
// URI) save the same statement at the same version: exactly one wins and
// seven get ECONFLICT. FerretDB's own update is not atomic (measured: 2
// of 8 won without a lock), so this is the database-held lock's doing.
func TestVersionedWritesAcrossProcessesOnFerretDB(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mongotest.MustOpenDB(t)
	if !db.Ferret() {
		t.Skip("the database-held lock is FerretDB's; SAMSYN_TEST_MONGODB_URI names a MongoDB")
	}
	stores := []*mongodb.StatementStore{
		mongodb.NewStatementStore(db.AsOtherProcess(true)), mongodb.NewStatementStore(db.AsOtherProcess(true)),
	}
	st := mustStatement(t, stores[0], "Samtidiga sparningar", app.StatementDraft, stmtT0)
	var wg sync.WaitGroup
	results := make([]error, 8)
	for i := range results {
		wg.Go(func() {
			mine := *st
			mine.Body, mine.UpdatedAt = "Text från skribent "+string(rune('A'+i)), stmtT0.Add(time.Minute)
			results[i] = stores[i%2].UpdateStatement(ctx, &mine)
		})
	}
	wg.Wait()
	won := 0
	for i, err := range results {
		switch {
		case err == nil:
			won++
		case app.ErrorCode(err) != app.ECONFLICT:
			t.Errorf("writer %d: %v, want success or ECONFLICT", i, err)
		}
	}
	if won != 1 {
		t.Fatalf("%d of 8 writers at version 1 won, want exactly 1", won)
	}
	got, err := stores[1].StatementByID(ctx, st.ID)
	if err != nil || got.Version != 2 {
		t.Fatalf("statement after the race: %+v, %v; want version 2", got, err)
	}
	if n, err := db.Col("doc_locks").CountDocuments(ctx, bson.D{}); err != nil || n != 0 {
		t.Errorf("%d locks left in the database (%v), want none", n, err)
	}
}

// TestStaleSyncMarksTheNewerVersionAgain: the fence. A sync on one replica
// indexed version 2 and cleared the mark; a stalled sync on another then
// finishes writing version 1 into the index. When it reports version 1
// indexed, the store marks the statement again, so version 2 is indexed
// once more and the index does not stay behind.
func TestStaleSyncMarksTheNewerVersionAgain(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mongotest.MustOpenDB(t)
	s := mongodb.NewStatementStore(db)
	st := mustStatement(t, s, "Staket för sökningen", app.StatementDraft, stmtT0)
	st.Body, st.UpdatedAt = "Version två", stmtT0.Add(time.Minute)
	if err := s.UpdateStatement(ctx, st); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkIndexed(ctx, st.ID, 2); err != nil { // the current sync
		t.Fatal(err)
	}
	if tasks, _ := s.PendingSearch(ctx, 10); len(tasks) != 0 {
		t.Fatalf("pending after version 2 was indexed: %+v", tasks)
	}
	if err := mongodb.NewStatementStore(db.AsOtherProcess(false)).MarkIndexed(ctx, st.ID, 1); err != nil { // the stale one
		t.Fatal(err)
	}
	tasks, err := s.PendingSearch(ctx, 10)
	if err != nil || len(tasks) != 1 || tasks[0].Version != 2 || tasks[0].Doc.Body != "Version två" {
		t.Fatalf("pending after a stale sync wrote version 1 = %+v, %v; want version 2 again", tasks, err)
	}
	if err := s.MarkIndexed(ctx, st.ID, 2); err != nil {
		t.Fatal(err)
	}
	if tasks, _ := s.PendingSearch(ctx, 10); len(tasks) != 0 {
		t.Fatalf("pending after version 2 was indexed again: %+v", tasks)
	}
}

// TestOneDecisionPerMemberAcrossProcesses: eight requests of one member's
// decision at once, through two processes: exactly one is acknowledged,
// the others are refused, and the statement holds that one decision.
// (The refused ones once repaired the winner's record into the statement
// before the winner did, and the winner, finding its copy there, took its
// record back and answered 409 too: no one was told the decision was in.)
func TestOneDecisionPerMemberAcrossProcesses(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mongotest.MustOpenDB(t)
	stores := []*mongodb.StatementStore{
		mongodb.NewStatementStore(db.AsOtherProcess(db.Ferret())), mongodb.NewStatementStore(db.AsOtherProcess(db.Ferret())),
	}
	st := mustStatement(t, stores[0], "Ett beslut per medlem", app.StatementDraft, stmtT0)
	st.Status, st.ContentHash, st.SignBy, st.Round = app.StatementSigning, "h", app.NewDate(2026, 5, 1), 1
	if err := stores[0].UpdateStatement(ctx, st); err != nil {
		t.Fatal(err)
	}
	results := make([]error, 8)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			g := &app.Signature{MemberID: "m1", MemberName: "Kiruna", Decision: app.DecisionSigned,
				SignatoryName: "A", ContentHash: "h", SignedAt: stmtT0}
			results[i] = stores[i%2].AddSignature(ctx, st.ID, 1, g)
		})
	}
	wg.Wait()
	won := 0
	for i, err := range results {
		switch {
		case err == nil:
			won++
		case app.ErrorCode(err) != app.ECONFLICT:
			t.Errorf("request %d: %v, want success or ECONFLICT", i, err)
		}
	}
	sigs, err := stores[1].ListSignatures(ctx, st.ID, 1)
	if won != 1 || err != nil || len(sigs) != 1 {
		t.Fatalf("%d of 8 acknowledged, statement holds %d decisions (%v); want 1 and 1", won, len(sigs), err)
	}
}
