package mongodb

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samsyn/samsyn/app"
)

// PendingSearch lists up to limit statements whose search entry is behind:
// every write sets search_dirty in the update that bumps the version.
func (s *StatementStore) PendingSearch(ctx context.Context, limit int) ([]app.IndexTask, error) {
	cur, err := s.db.col(colStatements).Find(ctx, bson.D{{Key: "search_dirty", Value: true}},
		options.Find().SetSort(bson.D{{Key: "updated_at", Value: 1}}).SetLimit(int64(limit)))
	if err != nil {
		return nil, translate(err, statementWhat)
	}
	var docs []statementDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, translate(err, statementWhat)
	}
	sts := make([]*app.Statement, len(docs))
	for i := range docs {
		sts[i] = docs[i].statement()
	}
	if err := s.attachAllSignatures(ctx, sts); err != nil {
		return nil, err
	}
	out := make([]app.IndexTask, len(sts))
	for i, st := range sts {
		out[i] = app.StatementSearchTask(st) // the same document reindex builds
	}
	return out, nil
}

// MarkIndexed clears the mark of id if it is still at version; a statement
// that moved on stays marked for the next round.
func (s *StatementStore) MarkIndexed(ctx context.Context, id string, version int) error {
	o, err := oid(id, statementWhat)
	if err != nil {
		return nil
	}
	defer lockDoc(colStatements, o.Hex())()
	_, err = s.db.col(colStatements).UpdateOne(ctx, bson.D{{Key: "_id", Value: o}, {Key: "version", Value: version}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "search_dirty", Value: false}}}})
	return translate(err, statementWhat)
}
