package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samsyn/samsyn/app"
)

// colRemissImports holds the import bookkeeping of consultations imported
// from regeringen.se, one document per consultation (_id its id).
const colRemissImports = "remiss_imports"

func init() {
	indexes = append(indexes,
		index{colRemissImports, bson.D{{Key: "deadline_changed_at", Value: -1}}, false},
		index{colRemissImports, bson.D{{Key: "source_url", Value: 1}}, false},
	)
}

// The ConsultationStore keeps the import log of the consultations too.
var _ app.ImportLog = (*ConsultationStore)(nil)

type remissImportDoc struct {
	ConsultationID    string    `bson:"_id"`
	SourceURL         string    `bson:"source_url"`
	ReferenceKey      string    `bson:"reference_key,omitempty"`
	LastSeen          time.Time `bson:"last_seen"`
	LastDeadline      time.Time `bson:"last_deadline,omitempty"`
	PreviousDeadline  time.Time `bson:"previous_deadline,omitempty"`
	DeadlineChanged   bool      `bson:"deadline_changed"`
	DeadlineChangedAt time.Time `bson:"deadline_changed_at,omitempty"`
	MissingFields     []string  `bson:"missing_fields"`
}

func (d *remissImportDoc) record() *app.RemissImport {
	return &app.RemissImport{ConsultationID: d.ConsultationID, SourceURL: d.SourceURL, ReferenceKey: d.ReferenceKey,
		LastSeen: d.LastSeen, LastDeadline: dateOf(d.LastDeadline), PreviousDeadline: dateOf(d.PreviousDeadline),
		DeadlineChangedAt: d.DeadlineChangedAt, MissingFields: d.MissingFields}
}

const importWhat = "Importen"

// SaveImport creates or replaces the import record of r.ConsultationID.
func (s *ConsultationStore) SaveImport(ctx context.Context, r *app.RemissImport) error {
	d := remissImportDoc{ConsultationID: r.ConsultationID, SourceURL: r.SourceURL, ReferenceKey: r.ReferenceKey,
		LastSeen: utc(r.LastSeen), LastDeadline: dateValue(r.LastDeadline), PreviousDeadline: dateValue(r.PreviousDeadline),
		DeadlineChanged: !r.DeadlineChangedAt.IsZero(), MissingFields: r.MissingFields}
	if !r.DeadlineChangedAt.IsZero() {
		d.DeadlineChangedAt = utc(r.DeadlineChangedAt)
	}
	if d.MissingFields == nil {
		d.MissingFields = []string{}
	}
	_, err := s.db.col(colRemissImports).ReplaceOne(ctx, bson.D{{Key: "_id", Value: d.ConsultationID}}, d,
		options.Replace().SetUpsert(true))
	return translate(err, importWhat)
}

// ImportOf returns the import record of a consultation.
func (s *ConsultationStore) ImportOf(ctx context.Context, consultationID string) (*app.RemissImport, error) {
	var d remissImportDoc
	err := s.db.col(colRemissImports).FindOne(ctx, bson.D{{Key: "_id", Value: consultationID}}).Decode(&d)
	if err != nil {
		return nil, translate(err, importWhat)
	}
	return d.record(), nil
}

// ListDeadlineChanges lists the records whose deadline changed at or after
// since, latest first.
func (s *ConsultationStore) ListDeadlineChanges(ctx context.Context, since time.Time) ([]*app.RemissImport, error) {
	filter := bson.D{{Key: "deadline_changed", Value: true},
		{Key: "deadline_changed_at", Value: bson.D{{Key: "$gte", Value: utc(since)}}}}
	docs, _, err := findPage[remissImportDoc](ctx, s.db.col(colRemissImports), filter,
		bson.D{{Key: "deadline_changed_at", Value: -1}, {Key: "_id", Value: 1}}, app.Page{})
	if err != nil {
		return nil, err
	}
	out := make([]*app.RemissImport, len(docs))
	for i := range docs {
		out[i] = docs[i].record()
	}
	return out, nil
}
