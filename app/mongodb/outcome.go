package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

// Outcomes of consultations are kept by the ConsultationStore in a
// collection of their own, one document per consultation (_id its id), so
// that the consultation documents stay as they are.
const colOutcomes = "consultation_outcomes"

var _ app.OutcomeStore = (*ConsultationStore)(nil)

type outcomeDoc struct {
	ConsultationID string        `bson:"_id"`
	FollowUps      []followUpDoc `bson:"follow_ups,omitempty"`
	Uptake         string        `bson:"uptake,omitempty"`
	UptakeNote     string        `bson:"uptake_note,omitempty"`
	DeclinePublic  bool          `bson:"decline_public"`
	DeclineNote    string        `bson:"decline_note,omitempty"`
	Version        int           `bson:"version"`
	UpdatedAt      time.Time     `bson:"updated_at"`
	UpdatedBy      string        `bson:"updated_by,omitempty"`
}

type followUpDoc struct {
	Kind  string    `bson:"kind"`
	Title string    `bson:"title"`
	URL   string    `bson:"url,omitempty"`
	On    time.Time `bson:"on"`
}

func (d *outcomeDoc) outcome() *app.Outcome {
	o := &app.Outcome{ConsultationID: d.ConsultationID, Uptake: app.Uptake(d.Uptake), UptakeNote: d.UptakeNote,
		DeclinePublic: d.DeclinePublic, DeclineNote: d.DeclineNote, Version: d.Version, UpdatedAt: d.UpdatedAt, UpdatedBy: d.UpdatedBy}
	for _, f := range d.FollowUps {
		o.FollowUps = append(o.FollowUps, app.FollowUp{Kind: f.Kind, Title: f.Title, URL: f.URL, On: dateOf(f.On)})
	}
	return o
}

const outcomeWhat = "Utfallet"

// OutcomeOf returns the outcome of a consultation.
func (s *ConsultationStore) OutcomeOf(ctx context.Context, consultationID string) (*app.Outcome, error) {
	var d outcomeDoc
	if err := s.db.col(colOutcomes).FindOne(ctx, bson.D{{Key: "_id", Value: consultationID}}).Decode(&d); err != nil {
		return nil, translate(err, outcomeWhat)
	}
	return d.outcome(), nil
}

// ListOutcomes lists every outcome.
func (s *ConsultationStore) ListOutcomes(ctx context.Context) ([]*app.Outcome, error) {
	docs, _, err := findPage[outcomeDoc](ctx, s.db.col(colOutcomes), bson.D{}, bson.D{{Key: "_id", Value: 1}}, app.Page{})
	if err != nil {
		return nil, err
	}
	out := make([]*app.Outcome, len(docs))
	for i := range docs {
		out[i] = docs[i].outcome()
	}
	return out, nil
}

// SaveOutcome inserts a new outcome (o.Version 0) or replaces the stored
// one at o.Version, under the document's lock.
func (s *ConsultationStore) SaveOutcome(ctx context.Context, o *app.Outcome) error {
	if _, err := oid(o.ConsultationID, outcomeWhat); err != nil {
		return err
	}
	unlock, err := s.db.lock(ctx, colOutcomes, o.ConsultationID)
	if err != nil {
		return err
	}
	defer unlock()
	d := outcomeDoc{ConsultationID: o.ConsultationID, Uptake: string(o.Uptake), UptakeNote: o.UptakeNote,
		DeclinePublic: o.DeclinePublic, DeclineNote: o.DeclineNote, Version: o.Version + 1,
		UpdatedAt: utc(o.UpdatedAt), UpdatedBy: o.UpdatedBy}
	for _, f := range o.FollowUps {
		d.FollowUps = append(d.FollowUps, followUpDoc{Kind: f.Kind, Title: f.Title, URL: f.URL, On: dateValue(f.On)})
	}
	col := s.db.col(colOutcomes)
	if o.Version == 0 {
		if _, err := col.InsertOne(ctx, d); err != nil {
			return translate(err, outcomeWhat)
		}
		o.Version = 1
		return nil
	}
	res, err := col.ReplaceOne(ctx, bson.D{{Key: "_id", Value: o.ConsultationID}, {Key: "version", Value: o.Version}}, d)
	if err != nil {
		return translate(err, outcomeWhat)
	}
	if res.MatchedCount != 1 {
		return app.Errorf(app.ECONFLICT, "%s har ändrats av någon annan. Läs in sidan igen och försök på nytt.", outcomeWhat)
	}
	o.Version++
	return nil
}
