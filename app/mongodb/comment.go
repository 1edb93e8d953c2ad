package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samsyn/samsyn/app"
)

const colComments = "comments"

func init() {
	indexes = append(indexes, index{colComments, bson.D{{Key: "statement_id", Value: 1}, {Key: "created_at", Value: 1}}, false})
}

type commentDoc struct {
	ID          bson.ObjectID `bson:"_id"`
	StatementID string        `bson:"statement_id"`
	ParentID    string        `bson:"parent_id"`
	Anchor      int           `bson:"anchor"`
	AuthorID    string        `bson:"author_id"`
	AuthorName  string        `bson:"author_name"`
	Body        string        `bson:"body"`
	Resolved    bool          `bson:"resolved"`
	ResolvedBy  string        `bson:"resolved_by,omitempty"`
	ResolvedAt  time.Time     `bson:"resolved_at,omitempty"`
	CreatedAt   time.Time     `bson:"created_at"`
}

func (d *commentDoc) comment() *app.Comment {
	return &app.Comment{ID: d.ID.Hex(), StatementID: d.StatementID, ParentID: d.ParentID, Anchor: d.Anchor,
		AuthorID: d.AuthorID, AuthorName: d.AuthorName, Body: d.Body, Resolved: d.Resolved,
		ResolvedBy: d.ResolvedBy, ResolvedAt: d.ResolvedAt, CreatedAt: d.CreatedAt}
}

const commentWhat = "Kommentaren"

// CreateComment inserts c and sets its ID.
func (s *StatementStore) CreateComment(ctx context.Context, c *app.Comment) error {
	d := commentDoc{ID: bson.NewObjectID(), StatementID: c.StatementID, ParentID: c.ParentID, Anchor: c.Anchor,
		AuthorID: c.AuthorID, AuthorName: c.AuthorName, Body: c.Body, CreatedAt: utc(c.CreatedAt)}
	if _, err := s.db.col(colComments).InsertOne(ctx, d); err != nil {
		return translate(err, commentWhat)
	}
	c.ID, c.CreatedAt = d.ID.Hex(), d.CreatedAt
	return nil
}

// CommentByID returns the comment with that id.
func (s *StatementStore) CommentByID(ctx context.Context, id string) (*app.Comment, error) {
	o, err := oid(id, commentWhat)
	if err != nil {
		return nil, err
	}
	var d commentDoc
	if err := s.db.col(colComments).FindOne(ctx, bson.D{{Key: "_id", Value: o}}).Decode(&d); err != nil {
		return nil, translate(err, commentWhat)
	}
	return d.comment(), nil
}

// ListComments lists a statement's comments, oldest first.
func (s *StatementStore) ListComments(ctx context.Context, statementID string) ([]*app.Comment, error) {
	cur, err := s.db.col(colComments).Find(ctx, bson.D{{Key: "statement_id", Value: statementID}},
		options.Find().SetSort(bson.D{{Key: "created_at", Value: 1}, {Key: "_id", Value: 1}}))
	if err != nil {
		return nil, translate(err, commentWhat)
	}
	var docs []commentDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, translate(err, commentWhat)
	}
	out := make([]*app.Comment, len(docs))
	for i := range docs {
		out[i] = docs[i].comment()
	}
	return out, nil
}

// ResolveComment marks the thread id of statementID resolved.
func (s *StatementStore) ResolveComment(ctx context.Context, statementID, id, by string, at time.Time) error {
	o, err := oid(id, commentWhat)
	if err != nil {
		return err
	}
	cond := bson.D{{Key: "statement_id", Value: statementID}, {Key: "parent_id", Value: ""}}
	check := func(raw bson.Raw) error { // a thread of this statement, not a reply
		st, _ := raw.Lookup("statement_id").StringValueOK()
		parent, _ := raw.Lookup("parent_id").StringValueOK()
		if st != statementID || parent != "" {
			return app.Errorf(app.ENOTFOUND, "%s finns inte.", commentWhat)
		}
		return nil
	}
	return s.db.guardedUpdate(ctx, colComments, o, cond, check,
		bson.D{{Key: "$set", Value: bson.D{{Key: "resolved", Value: true}, {Key: "resolved_by", Value: by},
			{Key: "resolved_at", Value: utc(at)}}}}, commentWhat, nil)
}
