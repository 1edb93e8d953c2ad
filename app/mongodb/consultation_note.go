package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

// colConsultationNotes holds the secretariat's internal notes on
// consultations, one document per note.
const colConsultationNotes = "consultation_notes"

func init() {
	indexes = append(indexes, index{colConsultationNotes,
		bson.D{{Key: "consultation_id", Value: 1}, {Key: "created_at", Value: 1}}, false})
	collections = append(collections, colConsultationNotes)
}

var _ app.ConsultationNoteStore = (*ConsultationStore)(nil)

type consultationNoteDoc struct {
	ID             bson.ObjectID `bson:"_id"`
	ConsultationID string        `bson:"consultation_id"`
	AuthorID       string        `bson:"author_id"`
	AuthorName     string        `bson:"author_name"`
	Body           string        `bson:"body"`
	CreatedAt      time.Time     `bson:"created_at"`
}

// AddConsultationNote inserts n and sets its ID.
func (s *ConsultationStore) AddConsultationNote(ctx context.Context, n *app.ConsultationNote) error {
	d := consultationNoteDoc{ID: bson.NewObjectID(), ConsultationID: n.ConsultationID, AuthorID: n.AuthorID,
		AuthorName: n.AuthorName, Body: n.Body, CreatedAt: utc(n.CreatedAt)}
	if _, err := s.db.col(colConsultationNotes).InsertOne(ctx, d); err != nil {
		return translate(err, "Anteckningen")
	}
	n.ID = d.ID.Hex()
	return nil
}

// ListConsultationNotes lists a consultation's notes, oldest first.
func (s *ConsultationStore) ListConsultationNotes(ctx context.Context, consultationID string) ([]*app.ConsultationNote, error) {
	docs, _, err := findPage[consultationNoteDoc](ctx, s.db.col(colConsultationNotes),
		bson.D{{Key: "consultation_id", Value: consultationID}}, bson.D{{Key: "created_at", Value: 1}, {Key: "_id", Value: 1}}, app.Page{})
	if err != nil {
		return nil, err
	}
	out := make([]*app.ConsultationNote, len(docs))
	for i, d := range docs {
		out[i] = &app.ConsultationNote{ID: d.ID.Hex(), ConsultationID: d.ConsultationID, AuthorID: d.AuthorID,
			AuthorName: d.AuthorName, Body: d.Body, CreatedAt: d.CreatedAt}
	}
	return out, nil
}
