package mongodb

import (
	"context"
	"fmt"
	"math"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samsyn/samsyn/app"
)

// colStatementQueue lists the statements whose search entry may be
// behind, by _id. The statement document carries the mark itself
// (search_dirty, set in the update that bumps its version, cleared by the
// sync only at the version it indexed); the queue only spares the sync a
// query for the mark, which FerretDB would answer by reading every
// statement.
//
// Each entry holds v, the highest version a writer marked (or was about to
// mark): a writer raises it ($max) before it writes the mark, every time,
// and an entry is deleted only when v is at most a version the statement
// has reached unmarked. So an entry can never be dropped under a write
// that is about to mark its statement, whichever process runs either: the
// writer's v is above any version the dropper saw (a write that failed
// leaves a v no one reached; it goes once the statement gets there, and
// the sync passes over it till then).
const colStatementQueue = "statement_search_queue"

// marker queues the statement raw for the sync at the version the write
// will give it; writers run it under the statement's lock before writing
// the mark (guardedUpdate's before), whether or not it is marked already.
func (s *StatementStore) marker(ctx context.Context, raw bson.Raw) error {
	o, ok := raw.Lookup("_id").ObjectIDOK()
	if !ok {
		return fmt.Errorf("statement without an ObjectID")
	}
	v, _ := raw.Lookup("version").AsInt64OK()
	return s.markSearch(ctx, o, int(v)+1)
}

// requeue queues the statement raw again at its own version, before the
// fence (remark) marks it again without a new version.
func (s *StatementStore) requeue(ctx context.Context, raw bson.Raw) error {
	o, _ := raw.Lookup("_id").ObjectIDOK()
	v, _ := raw.Lookup("version").AsInt64OK()
	return s.markSearch(ctx, o, int(v))
}

// markSearch queues statement o for the sync at version (or keeps a
// higher one queued).
func (s *StatementStore) markSearch(ctx context.Context, o bson.ObjectID, version int) error {
	_, err := s.db.col(colStatementQueue).UpdateOne(ctx, bson.D{{Key: "_id", Value: o}},
		bson.D{{Key: "$max", Value: bson.D{{Key: "v", Value: version}}}}, options.UpdateOne().SetUpsert(true))
	return translate(err, "Sökkön")
}

// PendingSearch lists up to limit statements whose search entry is behind.
func (s *StatementStore) PendingSearch(ctx context.Context, limit int) ([]app.IndexTask, error) {
	var out []app.IndexTask
	// Entries without a mark are dropped as they are met; read on until
	// limit marked ones are found or the queue is done.
	for skip := int64(0); len(out) < limit; {
		cur, err := s.db.col(colStatementQueue).Find(ctx, bson.D{},
			options.Find().SetSkip(skip).SetLimit(int64(limit)))
		if err != nil {
			return nil, translate(err, "Sökkön")
		}
		var ids []struct {
			ID bson.ObjectID `bson:"_id"`
			V  int           `bson:"v"`
		}
		if err := cur.All(ctx, &ids); err != nil {
			return nil, translate(err, "Sökkön")
		}
		for _, e := range ids {
			if len(out) == limit {
				break
			}
			var d statementDoc
			err := s.db.findByID(ctx, colStatements, e.ID, &d, statementWhat)
			switch {
			case err == nil && d.SearchDirty:
				out = append(out, app.StatementSearchTask(d.statement())) // the same document reindex builds
				skip++
			case err == nil || app.ErrorCode(err) == app.ENOTFOUND:
				kept, err := s.dropEntry(ctx, e.ID, reached(e.ID, d, err))
				if err != nil {
					return nil, err
				}
				if kept { // marked meanwhile, or a version not reached yet
					skip++
				}
			default:
				return nil, err
			}
		}
		if len(ids) < limit {
			break
		}
	}
	return out, nil
}

// reached is the version up to which a statement's queue entry may go
// when it is not marked: its own version; for a statement that does not
// exist, any version once its id is older than orphanAge (a crash between
// queueing and storing a new statement), else none — it may be being
// created now.
func reached(id bson.ObjectID, d statementDoc, findErr error) int {
	if findErr == nil {
		return d.Version
	}
	if time.Since(id.Timestamp()) > orphanAge {
		return math.MaxInt32
	}
	return 0
}

// orphanAge is how old an entry of a statement that does not exist must
// be to be dropped.
const orphanAge = 10 * time.Minute

// dropEntry deletes the queue entry of statement o if the statement is not
// marked and the entry's version is at most upTo; kept reports an entry
// that stays (marked meanwhile, or a higher version queued).
func (s *StatementStore) dropEntry(ctx context.Context, o bson.ObjectID, upTo int) (kept bool, err error) {
	unlock, err := s.db.lock(ctx, colStatements, o.Hex())
	if err != nil {
		return false, err
	}
	defer unlock()
	var d statementDoc
	err = s.db.findByID(ctx, colStatements, o, &d, statementWhat)
	switch {
	case err == nil && d.SearchDirty:
		return true, nil
	case err != nil && app.ErrorCode(err) != app.ENOTFOUND:
		return false, err
	}
	res, err := s.db.col(colStatementQueue).DeleteOne(ctx, bson.D{{Key: "_id", Value: o}, {Key: "$or", Value: bson.A{
		bson.D{{Key: "v", Value: bson.D{{Key: "$lte", Value: upTo}}}},
		bson.D{{Key: "v", Value: bson.D{{Key: "$exists", Value: false}}}}, // queued before entries had versions
	}}})
	if err != nil {
		return false, translate(err, "Sökkön")
	}
	return res.DeletedCount == 0, nil
}

// MarkIndexed clears the mark of id if it is still at version, and its
// queue entry with it; a statement that moved on stays marked for the next
// round.
func (s *StatementStore) MarkIndexed(ctx context.Context, id string, version int) error {
	o, err := oid(id, statementWhat)
	if err != nil {
		return nil
	}
	if err := s.db.markIndexedQueued(ctx, colStatements, id, version, statementWhat, s.requeue); err != nil {
		return err
	}
	_, err = s.dropEntry(ctx, o, version) // keeps the entry of a statement still (or again) marked
	return err
}
