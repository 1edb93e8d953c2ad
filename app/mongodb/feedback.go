package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

// Accessibility feedback is kept by the AuditLog: like the audit events it
// is appended, never changed, and read by the secretariat.
const colFeedback = "accessibility_feedback"

func init() {
	indexes = append(indexes, index{colFeedback, bson.D{{Key: "created_at", Value: -1}}, false})
}

var _ app.FeedbackStore = (*AuditLog)(nil)

type feedbackDoc struct {
	ID        bson.ObjectID `bson:"_id"`
	Page      string        `bson:"page,omitempty"`
	Message   string        `bson:"message"`
	Name      string        `bson:"name,omitempty"`
	Email     string        `bson:"email,omitempty"`
	Lang      string        `bson:"lang,omitempty"`
	CreatedAt time.Time     `bson:"created_at"`
}

// AddFeedback stores f and sets its ID.
func (l *AuditLog) AddFeedback(ctx context.Context, f *app.Feedback) error {
	d := feedbackDoc{ID: bson.NewObjectID(), Page: f.Page, Message: f.Message, Name: f.Name, Email: f.Email,
		Lang: f.Lang, CreatedAt: utc(f.CreatedAt)}
	if _, err := l.db.col(colFeedback).InsertOne(ctx, d); err != nil {
		return translate(err, "Synpunkten")
	}
	f.ID = d.ID.Hex()
	return nil
}

// ListFeedback lists feedback, newest first.
func (l *AuditLog) ListFeedback(ctx context.Context, p app.Page) ([]*app.Feedback, int, error) {
	sort := bson.D{{Key: "created_at", Value: -1}, {Key: "_id", Value: -1}}
	docs, total, err := findPage[feedbackDoc](ctx, l.db.col(colFeedback), bson.D{}, sort, p)
	if err != nil {
		return nil, 0, err
	}
	out := make([]*app.Feedback, len(docs))
	for i, d := range docs {
		out[i] = &app.Feedback{ID: d.ID.Hex(), Page: d.Page, Message: d.Message, Name: d.Name, Email: d.Email,
			Lang: d.Lang, CreatedAt: d.CreatedAt}
	}
	return out, total, nil
}
