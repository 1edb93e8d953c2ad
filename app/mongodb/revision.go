package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samsyn/samsyn/app"
)

const colRevisions = "revisions"

func init() {
	indexes = append(indexes, index{colRevisions, bson.D{{Key: "statement_id", Value: 1}, {Key: "number", Value: 1}}, true})
}

type revisionDoc struct {
	ID          bson.ObjectID `bson:"_id"`
	StatementID string        `bson:"statement_id"`
	Number      int           `bson:"number"`
	Title       string        `bson:"title"`
	Summary     string        `bson:"summary"`
	Body        string        `bson:"body"`
	AuthorID    string        `bson:"author_id,omitempty"`
	AuthorName  string        `bson:"author_name,omitempty"`
	At          time.Time     `bson:"at"`
}

func (d *revisionDoc) revision() *app.Revision {
	return &app.Revision{StatementID: d.StatementID, Number: d.Number, Title: d.Title, Summary: d.Summary,
		Body: d.Body, AuthorID: d.AuthorID, AuthorName: d.AuthorName, At: d.At}
}

const revisionWhat = "Versionen"

// ensureRevision stores the current text of st as its revision unless that
// revision is stored already (the unique index makes this idempotent).
func (s *StatementStore) ensureRevision(ctx context.Context, st *app.Statement) error {
	r := app.RevisionOf(st)
	d := revisionDoc{ID: bson.NewObjectID(), StatementID: st.ID, Number: r.Number, Title: r.Title,
		Summary: r.Summary, Body: r.Body, AuthorID: r.AuthorID, AuthorName: r.AuthorName, At: utc(r.At)}
	_, err := s.db.col(colRevisions).InsertOne(ctx, d)
	if err = translate(err, revisionWhat); app.ErrorCode(err) == app.ECONFLICT {
		return nil
	}
	return err
}

// ListRevisions lists every revision of a statement, oldest first.
func (s *StatementStore) ListRevisions(ctx context.Context, statementID string) ([]*app.Revision, error) {
	st, err := s.StatementByID(ctx, statementID)
	if err != nil {
		return nil, err
	}
	if err := s.ensureRevision(ctx, st); err != nil {
		return nil, err
	}
	cur, err := s.db.col(colRevisions).Find(ctx, bson.D{{Key: "statement_id", Value: st.ID}},
		options.Find().SetSort(bson.D{{Key: "number", Value: 1}}))
	if err != nil {
		return nil, translate(err, revisionWhat)
	}
	var docs []revisionDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, translate(err, revisionWhat)
	}
	out := make([]*app.Revision, len(docs))
	for i := range docs {
		out[i] = docs[i].revision()
	}
	return out, nil
}

// RevisionByNumber returns revision n of a statement.
func (s *StatementStore) RevisionByNumber(ctx context.Context, statementID string, n int) (*app.Revision, error) {
	st, err := s.StatementByID(ctx, statementID)
	if err != nil {
		return nil, err
	}
	if n == st.Revision {
		return app.RevisionOf(st), nil
	}
	var d revisionDoc
	err = s.db.col(colRevisions).FindOne(ctx, bson.D{{Key: "statement_id", Value: st.ID}, {Key: "number", Value: n}}).Decode(&d)
	if err != nil {
		return nil, translate(err, revisionWhat)
	}
	return d.revision(), nil
}
