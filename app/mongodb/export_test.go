package mongodb

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Col gives the package's external tests a collection, to write data in
// the shapes of older versions and to read what is stored.
func (db *DB) Col(name string) *mongo.Collection { return db.col(name) }

// Ferret reports whether db talks to FerretDB.
func (db *DB) Ferret() bool {
	_, ok := db.dialect.(ferretDialect)
	return ok
}

// AsOtherProcess returns a second handle on db's database that behaves as
// another process would: its in-process locks are its own, and with
// shared it holds every document's lock in the database too, as it does
// on a FerretDB reached by URI.
func (db *DB) AsOtherProcess(shared bool) *DB {
	c := *db
	c.lockNS = lockHolder() + ":"
	if shared {
		c.dialect = ferretDialect{}
	}
	return &c
}

// QueueBeforeWrite runs what a writer of statement id runs before it
// writes the mark (marker), on the statement as stored now.
func (s *StatementStore) QueueBeforeWrite(ctx context.Context, id string) error {
	o, err := bson.ObjectIDFromHex(id)
	if err != nil {
		return err
	}
	raw, err := s.db.col(colStatements).FindOne(ctx, bson.D{{Key: "_id", Value: o}}).Raw()
	if err != nil {
		return err
	}
	return s.marker(ctx, raw)
}
