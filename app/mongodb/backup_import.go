package mongodb

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// An import is all or nothing. It reads the backup twice, streaming, never
// holding more than one batch of documents: the first pass checks every
// line (JSON, a collection the stores use, an _id, no _id or unique key
// twice) and writes nothing; the second inserts. Should an insert still
// fail (the store going away), everything inserted is deleted again, and
// the database is as empty as it was. A marker in the record of migrations
// says an import is under way: a crash leaves it, and the next import
// clears the half-restored data before it starts. The record of
// migrations is replaced only once every document is in.

// importMarker is the _id, in the record of migrations, of the note that
// an import is under way.
const importMarker = "!import-under-way"

// Import reads a backup from r into db, which must hold no document (or
// only what an interrupted import left), and returns how many documents
// it inserted.
func (db *DB) Import(ctx context.Context, r io.ReadSeeker) (int, error) {
	if err := db.readyForImport(ctx); err != nil {
		return 0, err
	}
	n, err := scanBackup(r, checkBackup())
	if err != nil {
		return 0, err
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return 0, fmt.Errorf("read the backup again: %w", err)
	}
	if _, err := db.col(colMigrations).InsertOne(ctx, bson.D{{Key: "_id", Value: importMarker}}); err != nil && !isDuplicate(err) {
		return 0, fmt.Errorf("mark the import: %w", err)
	}
	if err := db.insertBackup(ctx, r); err != nil {
		if rerr := db.clearImport(context.WithoutCancel(ctx)); rerr != nil {
			return 0, fmt.Errorf("%w; and undoing it: %v (run import again: it clears what is left)", err, rerr)
		}
		return 0, err
	}
	if _, err := db.col(colMigrations).DeleteMany(ctx, bson.D{}); err != nil { // the marker with it
		return 0, fmt.Errorf("clear %s: %w", colMigrations, err)
	}
	return n, db.Migrate(ctx) // brings an older backup's data to this version
}

// readyForImport refuses a database with data, unless the data is what an
// interrupted import left, which it clears.
func (db *DB) readyForImport(ctx context.Context) error {
	err := db.col(colMigrations).FindOne(ctx, bson.D{{Key: "_id", Value: importMarker}}).Err()
	if err == nil {
		return db.clearImport(ctx)
	}
	empty, err := db.IsEmpty(ctx)
	if err != nil {
		return err
	}
	if !empty {
		return errors.New("the database is not empty: import restores into an empty database only " +
			"(use a new data dir, or another SAMSYN_MONGODB_DB)")
	}
	return nil
}

// clearImport deletes every document an import brought (the database held
// none before it) and then the marker.
func (db *DB) clearImport(ctx context.Context) error {
	names, err := db.CollectionNames(ctx)
	if err != nil {
		return err
	}
	for _, n := range names {
		if _, err := db.col(n).DeleteMany(ctx, bson.D{}); err != nil {
			return fmt.Errorf("clear %s: %w", n, err)
		}
	}
	_, err = db.col(colMigrations).DeleteOne(ctx, bson.D{{Key: "_id", Value: importMarker}})
	return err
}

// insertBackup inserts the (checked) backup in batches of one collection.
func (db *DB) insertBackup(ctx context.Context, r io.Reader) error {
	var col string
	var docs []bson.D
	flush := func() error {
		err := db.InsertRaw(ctx, col, docs)
		docs = docs[:0]
		return err
	}
	_, err := scanBackup(r, func(line int, c string, doc bson.D) error {
		if c != col || len(docs) == importBatch {
			if err := flush(); err != nil {
				return err
			}
			col = c
		}
		docs = append(docs, doc)
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

// scanBackup calls f with each document of a backup, naming the line of
// any error, and returns how many there were.
func scanBackup(r io.Reader, f func(line int, col string, doc bson.D) error) (int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxBackupLine)
	line, n := 0, 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var l backupLine
		if err := json.Unmarshal(b, &l); err != nil {
			return 0, fmt.Errorf("line %d: %w", line, err)
		}
		if l.Collection == "" || len(l.Doc) == 0 {
			return 0, fmt.Errorf(`line %d: want {"collection":…,"doc":…}`, line)
		}
		var doc bson.D
		if err := bson.UnmarshalExtJSON(l.Doc, true, &doc); err != nil {
			return 0, fmt.Errorf("line %d: document: %w", line, err)
		}
		if err := f(line, l.Collection, doc); err != nil {
			return 0, fmt.Errorf("line %d: %w", line, err)
		}
		n++
	}
	if err := sc.Err(); err != nil {
		return 0, fmt.Errorf("read backup after line %d: %w", line, err)
	}
	return n, nil
}

// checkBackup returns a check of each document: its collection is one the
// stores use, it has an _id, and neither its _id nor any unique key of its
// collection (the indexes Connect creates) came before. It keeps the keys
// only, not the documents.
func checkBackup() func(line int, col string, doc bson.D) error {
	seen := map[string]int{} // collection, index and key values → line
	return func(line int, col string, doc bson.D) error {
		if !slices.Contains(collections, col) || col == colMigrations || col == colPresence {
			return fmt.Errorf("collection %q is not one of Samsyn's", col)
		}
		keys := []bson.D{{{Key: "_id", Value: 1}}}
		for _, ix := range indexes {
			if ix.col == col && ix.unique {
				keys = append(keys, ix.keys)
			}
		}
		if _, ok := lookup(doc, "_id"); !ok {
			return errors.New("the document has no _id")
		}
		for _, k := range keys {
			key, err := uniqueKey(col, k, doc)
			if err != nil {
				return err
			}
			if first, dup := seen[key]; dup {
				return fmt.Errorf("%s: %s is the same as on line %d", col, fieldNames(k), first)
			}
			seen[key] = line
		}
		return nil
	}
}

// uniqueKey is a document's values of an index's fields, as a string (a
// missing field counts as null, as a unique index counts it).
func uniqueKey(col string, keys, doc bson.D) (string, error) {
	vals := bson.A{col, fieldNames(keys)}
	for _, k := range keys {
		v, _ := lookup(doc, k.Key)
		vals = append(vals, v)
	}
	b, err := bson.MarshalExtJSON(bson.D{{Key: "k", Value: vals}}, true, false)
	return string(b), err
}

func lookup(doc bson.D, key string) (any, bool) {
	for _, e := range doc {
		if e.Key == key {
			return e.Value, true
		}
	}
	return nil, false
}

func fieldNames(keys bson.D) string {
	s := ""
	for i, k := range keys {
		if i > 0 {
			s += ", "
		}
		s += k.Key
	}
	return s
}
