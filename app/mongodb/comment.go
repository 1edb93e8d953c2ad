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

// commentDoc is a comment. Its block in revision Version is stored as
// "anchor", the key comments had before they recorded their revision.
type commentDoc struct {
	ID          bson.ObjectID    `bson:"_id"`
	StatementID string           `bson:"statement_id"`
	ParentID    string           `bson:"parent_id"`
	Version     int              `bson:"version,omitempty"`
	Block       int              `bson:"anchor"`
	Quote       string           `bson:"quote,omitempty"`
	Whole       bool             `bson:"whole,omitempty"`
	AuthorID    string           `bson:"author_id"`
	AuthorName  string           `bson:"author_name"`
	Body        string           `bson:"body"`
	Mentions    []string         `bson:"mentions,omitempty"`
	Resolved    bool             `bson:"resolved"`
	ResolvedBy  string           `bson:"resolved_by,omitempty"`
	ResolvedAt  time.Time        `bson:"resolved_at,omitempty"`
	EditedAt    time.Time        `bson:"edited_at,omitempty"`
	History     []commentEditDoc `bson:"history,omitempty"`
	Deleted     bool             `bson:"deleted,omitempty"`
	DeletedAt   time.Time        `bson:"deleted_at,omitempty"`
	CreatedAt   time.Time        `bson:"created_at"`
}

type commentEditDoc struct {
	Body string    `bson:"body"`
	At   time.Time `bson:"at"`
}

func (d *commentDoc) comment() *app.Comment {
	c := &app.Comment{ID: d.ID.Hex(), StatementID: d.StatementID, ParentID: d.ParentID, Version: d.Version,
		Block: d.Block, Quote: d.Quote, Whole: d.Whole, AuthorID: d.AuthorID, AuthorName: d.AuthorName, Body: d.Body,
		Resolved: d.Resolved, ResolvedBy: d.ResolvedBy, ResolvedAt: d.ResolvedAt, EditedAt: d.EditedAt,
		Deleted: d.Deleted, DeletedAt: d.DeletedAt, CreatedAt: d.CreatedAt, Mentions: d.Mentions}
	for _, e := range d.History {
		c.History = append(c.History, app.CommentEdit{Body: e.Body, At: e.At})
	}
	return c
}

const commentWhat = "Kommentaren"

// CreateComment inserts c and sets its ID.
func (s *StatementStore) CreateComment(ctx context.Context, c *app.Comment) error {
	d := commentDoc{ID: bson.NewObjectID(), StatementID: c.StatementID, ParentID: c.ParentID, Version: c.Version,
		Block: c.Block, Quote: c.Quote, Whole: c.Whole, AuthorID: c.AuthorID, AuthorName: c.AuthorName, Body: c.Body,
		Mentions: c.Mentions, CreatedAt: utc(c.CreatedAt)}
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

// SetThreadResolved resolves the thread id of statementID, or opens it
// again.
func (s *StatementStore) SetThreadResolved(ctx context.Context, statementID, id string, resolved bool, by string, at time.Time) error {
	o, err := oid(id, commentWhat)
	if err != nil {
		return err
	}
	cond := bson.D{{Key: "statement_id", Value: statementID}, {Key: "parent_id", Value: ""},
		{Key: "resolved", Value: !resolved}}
	check := func(raw bson.Raw) error { // a thread of this statement, not a reply
		if err := commentOfStatement(raw, statementID); err != nil {
			return err
		}
		if parent, _ := raw.Lookup("parent_id").StringValueOK(); parent != "" {
			return app.Errorf(app.ENOTFOUND, "%s finns inte.", commentWhat)
		}
		if r, _ := raw.Lookup("resolved").BooleanOK(); r == resolved {
			return app.Errorf(app.ECONFLICT, "Tråden har redan ändrats av någon annan.")
		}
		return nil
	}
	set := bson.D{{Key: "resolved", Value: resolved}, {Key: "resolved_by", Value: by}, {Key: "resolved_at", Value: utc(at)}}
	return s.db.guardedUpdate(ctx, colComments, o, cond, check, bson.D{{Key: "$set", Value: set}}, commentWhat, nil)
}

// ReplaceCommentBody replaces the body prev of authorID's comment id by body,
// pushing prev onto its history.
func (s *StatementStore) ReplaceCommentBody(ctx context.Context, statementID, id, authorID, prev, body string, at time.Time) error {
	o, err := oid(id, commentWhat)
	if err != nil {
		return err
	}
	cond := bson.D{{Key: "statement_id", Value: statementID}, {Key: "author_id", Value: authorID},
		{Key: "deleted", Value: bson.D{{Key: "$ne", Value: true}}}, {Key: "body", Value: prev}}
	check := func(raw bson.Raw) error {
		if err := ownLiveComment(raw, statementID, authorID); err != nil {
			return err
		}
		if b, _ := raw.Lookup("body").StringValueOK(); b != prev {
			return app.Errorf(app.ECONFLICT, "Kommentaren har ändrats under tiden. Läs in sidan igen.")
		}
		return nil
	}
	at = utc(at)
	update := bson.D{{Key: "$set", Value: bson.D{{Key: "body", Value: body}, {Key: "edited_at", Value: at}}},
		{Key: "$push", Value: bson.D{{Key: "history", Value: commentEditDoc{Body: prev, At: at}}}}}
	return s.db.guardedUpdate(ctx, colComments, o, cond, check, update, commentWhat, nil)
}

// MarkCommentDeleted marks authorID's comment id deleted; its body stays.
func (s *StatementStore) MarkCommentDeleted(ctx context.Context, statementID, id, authorID string, at time.Time) error {
	o, err := oid(id, commentWhat)
	if err != nil {
		return err
	}
	cond := bson.D{{Key: "statement_id", Value: statementID}, {Key: "author_id", Value: authorID},
		{Key: "deleted", Value: bson.D{{Key: "$ne", Value: true}}}}
	check := func(raw bson.Raw) error { return ownLiveComment(raw, statementID, authorID) }
	update := bson.D{{Key: "$set", Value: bson.D{{Key: "deleted", Value: true}, {Key: "deleted_at", Value: utc(at)}}}}
	return s.db.guardedUpdate(ctx, colComments, o, cond, check, update, commentWhat, nil)
}

// commentOfStatement refuses a comment that is not one of statementID's.
func commentOfStatement(raw bson.Raw, statementID string) error {
	if st, _ := raw.Lookup("statement_id").StringValueOK(); st != statementID {
		return app.Errorf(app.ENOTFOUND, "%s finns inte.", commentWhat)
	}
	return nil
}

// ownLiveComment refuses a comment that is not authorID's comment on
// statementID, or that is deleted.
func ownLiveComment(raw bson.Raw, statementID, authorID string) error {
	if err := commentOfStatement(raw, statementID); err != nil {
		return err
	}
	if a, _ := raw.Lookup("author_id").StringValueOK(); a != authorID {
		return app.Errorf(app.EFORBIDDEN, "Du kan bara ändra och ta bort dina egna kommentarer.")
	}
	if d, _ := raw.Lookup("deleted").BooleanOK(); d {
		return app.Errorf(app.ECONFLICT, "Kommentaren är borttagen.")
	}
	return nil
}
