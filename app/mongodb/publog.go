package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samsyn/samsyn/app"
)

// The publication log (app/publog.go): one document per entry, its _id the
// sequence number, so that two appends never share a number; key (the
// statement, action and time) is unique, so that one event is never
// logged twice. Entries are inserted, never updated.
const colPublicationLog = "publication_log"

func init() {
	collections = append(collections, colPublicationLog)
	indexes = append(indexes, index{colPublicationLog, bson.D{{Key: "key", Value: 1}}, true})
}

// PublicationLog keeps the publication log.
type PublicationLog struct{ db *DB }

// NewPublicationLog returns the store of the publication log.
func NewPublicationLog(db *DB) *PublicationLog { return &PublicationLog{db: db} }

var _ app.PublicationLogStore = (*PublicationLog)(nil)

type publicationDoc struct {
	Seq         int64     `bson:"_id"`
	At          time.Time `bson:"at"`
	Slug        string    `bson:"slug"`
	Action      string    `bson:"action"`
	ContentHash string    `bson:"content_hash"`
	PrevHash    string    `bson:"prev_hash"`
	EntryHash   string    `bson:"entry_hash"`
	Signature   string    `bson:"signature"`
	Key         string    `bson:"key"`
}

func (d *publicationDoc) entry() *app.PublicationEntry {
	return &app.PublicationEntry{Seq: d.Seq, At: d.At.UTC(), Slug: d.Slug, Action: d.Action, ContentHash: d.ContentHash,
		PrevHash: d.PrevHash, EntryHash: d.EntryHash, Signature: d.Signature, Key: d.Key}
}

const publicationWhat = "Posten i publiceringsloggen"

// LastPublication returns the entry with the highest sequence number.
func (l *PublicationLog) LastPublication(ctx context.Context) (*app.PublicationEntry, error) {
	var d publicationDoc
	err := l.db.col(colPublicationLog).FindOne(ctx, bson.D{}, options.FindOne().SetSort(bson.D{{Key: "_id", Value: -1}})).Decode(&d)
	if err != nil {
		return nil, translate(err, publicationWhat)
	}
	return d.entry(), nil
}

// PublicationByKey returns the entry of one event.
func (l *PublicationLog) PublicationByKey(ctx context.Context, key string) (*app.PublicationEntry, error) {
	var d publicationDoc
	if err := l.db.col(colPublicationLog).FindOne(ctx, bson.D{{Key: "key", Value: key}}).Decode(&d); err != nil {
		return nil, translate(err, publicationWhat)
	}
	return d.entry(), nil
}

// AppendPublication inserts e; a taken sequence number or key is ECONFLICT.
func (l *PublicationLog) AppendPublication(ctx context.Context, e *app.PublicationEntry) error {
	d := publicationDoc{Seq: e.Seq, At: utc(e.At), Slug: e.Slug, Action: e.Action, ContentHash: e.ContentHash,
		PrevHash: e.PrevHash, EntryHash: e.EntryHash, Signature: e.Signature, Key: e.Key}
	_, err := l.db.col(colPublicationLog).InsertOne(ctx, d)
	return translate(err, publicationWhat)
}

// ListPublications lists entries by sequence number from after, at most limit
// (0: all).
func (l *PublicationLog) ListPublications(ctx context.Context, after int64, limit int) ([]*app.PublicationEntry, error) {
	opts := options.Find().SetSort(bson.D{{Key: "_id", Value: 1}})
	if limit > 0 {
		opts.SetLimit(int64(limit))
	}
	cur, err := l.db.col(colPublicationLog).Find(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$gt", Value: after}}}}, opts)
	if err != nil {
		return nil, translate(err, publicationWhat)
	}
	var docs []publicationDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, translate(err, publicationWhat)
	}
	out := make([]*app.PublicationEntry, len(docs))
	for i := range docs {
		out[i] = docs[i].entry()
	}
	return out, nil
}

// CountPublications counts the entries.
func (l *PublicationLog) CountPublications(ctx context.Context) (int, error) {
	n, err := l.db.col(colPublicationLog).CountDocuments(ctx, bson.D{})
	return int(n), translate(err, publicationWhat)
}
