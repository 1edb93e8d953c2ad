package mongodb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Backups work on raw documents, below the domain stores: an export holds
// every collection of the database as it is, and an import puts it back.
// Indexes are not exported: Connect creates them. Nor is the record of
// migrations: an import runs them all on what it brought (each is
// idempotent), which brings a backup of any version to this one.

// CollectionNames lists the database's collections by name, without the
// server's own system.* collections, the record of migrations and who has
// which draft open (heartbeats, gone in seconds).
func (db *DB) CollectionNames(ctx context.Context) ([]string, error) {
	names, err := db.db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		return nil, fmt.Errorf("list collections: %w", err)
	}
	names = slices.DeleteFunc(names, func(n string) bool { return strings.HasPrefix(n, "system.") || n == colMigrations || n == colPresence })
	slices.Sort(names)
	return names, nil
}

// DumpCollection calls f with every document of collection name in _id
// order, and stops at f's first error.
func (db *DB) DumpCollection(ctx context.Context, name string, f func(bson.Raw) error) error {
	cur, err := db.col(name).Find(ctx, bson.D{}, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		if err := f(cur.Current); err != nil {
			return err
		}
	}
	if err := cur.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}

// IsEmpty reports whether no collection holds a document. Collections that
// exist only for their indexes do not count.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	names, err := db.CollectionNames(ctx)
	if err != nil {
		return false, err
	}
	for _, n := range names {
		err := db.col(n).FindOne(ctx, bson.D{}).Err()
		if err == nil {
			return false, nil
		}
		if !errors.Is(err, mongo.ErrNoDocuments) {
			return false, fmt.Errorf("read %s: %w", n, err)
		}
	}
	return true, nil
}

// InsertRaw inserts docs into collection name as they are, in order.
func (db *DB) InsertRaw(ctx context.Context, name string, docs []bson.D) error {
	if len(docs) == 0 {
		return nil
	}
	if _, err := db.col(name).InsertMany(ctx, docs, options.InsertMany().SetOrdered(true)); err != nil {
		return fmt.Errorf("insert into %s: %w", name, err)
	}
	return nil
}

// A backup is JSON Lines: one line per document, collections by name and
// documents by _id, each {"collection":…,"doc":…} with the document in
// canonical Extended JSON, so that types survive and the same data always
// gives the same bytes.
type backupLine struct {
	Collection string          `json:"collection"`
	Doc        json.RawMessage `json:"doc"`
}

// maxBackupLine bounds one line of a backup (MongoDB's document limit is
// 16 MiB; Extended JSON is larger than BSON).
const maxBackupLine = 64 << 20

// importBatch is how many documents go to the store in one insert.
const importBatch = 200

// Export writes the whole database to w as a backup.
func (db *DB) Export(ctx context.Context, w io.Writer) error {
	names, err := db.CollectionNames(ctx)
	if err != nil {
		return err
	}
	for _, name := range names {
		prefix, err := json.Marshal(name)
		if err != nil {
			return err
		}
		err = db.DumpCollection(ctx, name, func(doc bson.Raw) error {
			ext, err := bson.MarshalExtJSON(doc, true, false)
			if err != nil {
				return fmt.Errorf("export %s: %w", name, err)
			}
			_, err = fmt.Fprintf(w, "{\"collection\":%s,\"doc\":%s}\n", prefix, ext)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}
