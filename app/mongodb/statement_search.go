package mongodb

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samsyn/samsyn/app"
)

// colStatementQueue lists the statements whose search entry may be
// behind, by _id. The statement document carries the mark itself
// (search_dirty, set in the update that bumps its version, cleared by the
// sync only at the version it indexed); the queue only spares the sync a
// query for the mark, which FerretDB would answer by reading every
// statement. Under the statement's lock an entry is written before the
// mark is set and deleted only when the mark is cleared, so every marked
// statement has its entry; an entry without a mark is dropped by the sync.
const colStatementQueue = "statement_search_queue"

// marker queues the statement raw for the sync; writers run it under the
// statement's lock before writing the mark (guardedUpdate's before). A
// statement marked already has its entry: nothing to write.
func (s *StatementStore) marker(ctx context.Context, raw bson.Raw) error {
	if dirty, ok := raw.Lookup("search_dirty").BooleanOK(); ok && dirty {
		return nil
	}
	o, ok := raw.Lookup("_id").ObjectIDOK()
	if !ok {
		return fmt.Errorf("statement without an ObjectID")
	}
	return s.markSearch(ctx, o)
}

// markSearch queues statement o for the sync.
func (s *StatementStore) markSearch(ctx context.Context, o bson.ObjectID) error {
	_, err := s.db.col(colStatementQueue).UpdateOne(ctx, bson.D{{Key: "_id", Value: o}},
		bson.D{{Key: "$setOnInsert", Value: bson.D{{Key: "_id", Value: o}}}}, options.UpdateOne().SetUpsert(true))
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
				kept, err := s.dropEntry(ctx, e.ID)
				if err != nil {
					return nil, err
				}
				if kept { // marked meanwhile: the next round takes it
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

// dropEntry deletes the queue entry of a statement that is not marked (or
// does not exist), checking again under its lock; kept reports a
// statement marked meanwhile, whose entry stays.
func (s *StatementStore) dropEntry(ctx context.Context, o bson.ObjectID) (kept bool, err error) {
	defer lockDoc(colStatements, o.Hex())()
	var d statementDoc
	err = s.db.findByID(ctx, colStatements, o, &d, statementWhat)
	switch {
	case err == nil && d.SearchDirty:
		return true, nil
	case err != nil && app.ErrorCode(err) != app.ENOTFOUND:
		return false, err
	}
	_, err = s.db.col(colStatementQueue).DeleteOne(ctx, bson.D{{Key: "_id", Value: o}})
	return false, translate(err, "Sökkön")
}

// MarkIndexed clears the mark of id if it is still at version, and its
// queue entry with it; a statement that moved on stays marked for the next
// round.
func (s *StatementStore) MarkIndexed(ctx context.Context, id string, version int) error {
	o, err := oid(id, statementWhat)
	if err != nil {
		return nil
	}
	if err := s.db.markIndexed(ctx, colStatements, id, version, statementWhat); err != nil {
		return err
	}
	_, err = s.dropEntry(ctx, o) // keeps the entry of a statement still (or again) marked
	return err
}
