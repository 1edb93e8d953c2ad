package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samsyn/samsyn/app"
)

// colLeases holds named leases (_id the name): a background job that must
// run on one replica at a time holds one while it works.
const colLeases = "leases"

// LeaseStore hands out leases with single-document atomic updates.
type LeaseStore struct{ db *DB }

var _ app.LeaseStore = (*LeaseStore)(nil)

// NewLeaseStore returns a store on db.
func NewLeaseStore(db *DB) *LeaseStore { return &LeaseStore{db: db} }

type leaseDoc struct {
	Name      string    `bson:"_id"`
	Holder    string    `bson:"holder"`
	ExpiresAt time.Time `bson:"expires_at"`
}

// AcquireLease takes the lease when it is free, expired or already
// holder's: a conditional FindOneAndUpdate with upsert. When another
// holder has it, the upsert's insert hits the _id and fails as a
// duplicate: not acquired.
func (s *LeaseStore) AcquireLease(ctx context.Context, name, holder string, now, until time.Time) (bool, error) {
	filter := bson.D{{Key: "_id", Value: name}, {Key: "$or", Value: bson.A{
		bson.D{{Key: "expires_at", Value: bson.D{{Key: "$lte", Value: utc(now)}}}},
		bson.D{{Key: "holder", Value: holder}},
	}}}
	update := bson.D{{Key: "$set", Value: bson.D{{Key: "holder", Value: holder}, {Key: "expires_at", Value: utc(until)}}}}
	var d leaseDoc
	unlock, err := s.db.lock(ctx, colLeases, name)
	if err != nil {
		return false, err
	}
	defer unlock()
	err = s.db.col(colLeases).FindOneAndUpdate(ctx, filter, update,
		options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After)).Decode(&d)
	switch {
	case err == nil:
		return d.Holder == holder, nil
	case mongo.IsDuplicateKeyError(err):
		return false, nil
	}
	return false, translate(err, "Låset")
}

// ReleaseLease ends holder's lease at once.
func (s *LeaseStore) ReleaseLease(ctx context.Context, name, holder string) error {
	_, err := s.db.col(colLeases).DeleteOne(ctx, bson.D{{Key: "_id", Value: name}, {Key: "holder", Value: holder}})
	return translate(err, "Låset")
}
