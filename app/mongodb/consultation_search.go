package mongodb

import (
	"context"
	"fmt"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samsyn/samsyn/app"
)

var _ app.SearchSource = (*ConsultationStore)(nil)

// PendingSearch lists up to limit consultations whose index entry is
// behind. Consultations belong in the internal index only.
func (s *ConsultationStore) PendingSearch(ctx context.Context, limit int) ([]app.IndexTask, error) {
	docs, err := findDirty[consultationDoc](ctx, s.db, colConsultations, limit)
	if err != nil {
		return nil, err
	}
	out := make([]app.IndexTask, len(docs))
	for i := range docs {
		c := docs[i].consultation()
		out[i] = app.IndexTask{Doc: consultationSearchDoc(c), Version: c.Version, Public: false}
	}
	return out, nil
}

// consultationSearchDoc is what the internal index holds of c: its
// diarienummer and report number are in the summary, so both are found.
func consultationSearchDoc(c *app.Consultation) app.SearchDoc {
	var body []string
	if c.DeclineReason != "" {
		body = append(body, c.DeclineReason)
	}
	for _, l := range c.Documents {
		body = append(body, l.Title)
	}
	return app.SearchDoc{ID: c.ID, Type: "consultation", Title: c.Title,
		Summary: strings.TrimSpace(c.Reference + " " + c.ReportNumber), Body: strings.Join(body, "\n"),
		Topics: c.Topics, Issuer: c.Issuer, Status: string(c.Status)}
}

// MarkIndexed clears the dirty mark of consultation id if it is still at
// version.
func (s *ConsultationStore) MarkIndexed(ctx context.Context, id string, version int) error {
	return s.db.markIndexed(ctx, colConsultations, id, version, consultationWhat)
}

// findDirty reads up to limit documents of col marked search_dirty.
func findDirty[T any](ctx context.Context, db *DB, col string, limit int) ([]T, error) {
	opts := options.Find().SetSort(bson.D{{Key: "_id", Value: 1}})
	if limit > 0 {
		opts.SetLimit(int64(limit))
	}
	cur, err := db.col(col).Find(ctx, bson.D{{Key: "search_dirty", Value: true}}, opts)
	if err != nil {
		return nil, fmt.Errorf("find dirty %s: %w", col, err)
	}
	var docs []T
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("read dirty %s: %w", col, err)
	}
	return docs, nil
}

// markIndexed clears search_dirty on id only at version, so a write that
// raced the indexing keeps its mark; a document that moved on is marked
// again if someone else indexed its newer version meanwhile (remark), and
// one that is gone is left alone (nil). A malformed id is not found.
func (db *DB) markIndexed(ctx context.Context, col, id string, version int, what string) error {
	return db.markIndexedQueued(ctx, col, id, version, what, nil)
}
