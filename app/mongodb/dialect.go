package mongodb

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// dialect is the one seam between the stores and the server they talk to,
// chosen by Connect from the server's buildInfo. The stores are written
// for MongoDB: its shape is the reference, and mongoDialect adds nothing
// to it. FerretDB v1 on SQLite (ferretDialect; embedded, see embedded.go)
// differs in ways the stores allow for, and each is handled here or named
// here:
//
//   - It answers a filter from an index only when the filter is exactly
//     {_id: X}; any other filter reads and decodes the whole collection.
//     The stores keep their hot paths to _id lookups on every server, and
//     a guarded update (guardedUpdate) is filtered on _id alone here
//     (updateFilter), its condition checked under the document's lock.
//   - It applies an update by reading the document and writing all of it
//     back, not atomically, so every write holds its document's lock
//     (doclock.go). The embedded store serves one process only, which
//     makes that lock enough. The locks are taken on every server — on
//     MongoDB, where the conditions in the filters are atomic, they only
//     serialise this process's writers — so the stores' code is one.
//   - Its SQLite backend looks a document up by _id with an expression its
//     own _id index does not match; prepare adds an index that does, when
//     the dialect knows the SQLite files (the embedded store's Connect).
//   - It reports a unique violation on update as an InternalError carrying
//     SQLite's message (ferretDuplicate, which isDuplicate asks on every
//     server).
//
// Nothing outside this package knows which dialect runs. A FerretDB
// reached by URI rather than embedded gets ferretDialect without files: no
// _id indexes, and its writers hold each document's lock in the database
// as well (sharedLocks, doclock.go), so that versioned writes stay safe
// with several processes on one FerretDB.
type dialect interface {
	// updateFilter is the filter of a guarded update of document id whose
	// condition is cond.
	updateFilter(id any, cond bson.D) bson.D
	// prepare runs once Connect has created the collections and indexes.
	prepare(ctx context.Context, db *DB) error
	// sharedLocks reports whether a document's lock must be held in the
	// database (doclock.go): the server's conditional updates are not
	// atomic and other processes may write through it.
	sharedLocks() bool
}

// mongoDialect is MongoDB: the reference.
type mongoDialect struct{}

// updateFilter joins cond to the _id, so the condition holds atomically
// even across processes.
func (mongoDialect) updateFilter(id any, cond bson.D) bson.D {
	return append(bson.D{{Key: "_id", Value: id}}, cond...)
}

func (mongoDialect) prepare(context.Context, *DB) error { return nil }

// sharedLocks: no, the conditions in the filters are atomic.
func (mongoDialect) sharedLocks() bool { return false }

// ferretDialect is FerretDB v1 on SQLite.
type ferretDialect struct {
	files string // the directory of its SQLite files when embedded, else ""
}

// updateFilter is the _id alone, the one filter FerretDB answers from an
// index; the document's lock holds cond between check and write.
func (ferretDialect) updateFilter(id any, _ bson.D) bson.D {
	return bson.D{{Key: "_id", Value: id}}
}

// sharedLocks: a FerretDB reached by URI may serve other processes too, so
// its writers lock in the database; the embedded one serves this process
// alone.
func (d ferretDialect) sharedLocks() bool { return d.files == "" }

// prepare indexes every collection's _id as its lookups need (indexIDs).
func (d ferretDialect) prepare(ctx context.Context, db *DB) error {
	if d.files == "" {
		return nil
	}
	return indexIDs(ctx, d.files, db.db.Name())
}

// dialectOf asks the server who it is: FerretDB's buildInfo carries
// ferretdbVersion. files is where an embedded FerretDB keeps its SQLite
// files, or "".
func dialectOf(ctx context.Context, db *mongo.Database, files string) (dialect, error) {
	var info bson.M
	if err := db.RunCommand(ctx, bson.D{{Key: "buildInfo", Value: 1}}).Decode(&info); err != nil {
		return nil, fmt.Errorf("ask the server for its build: %w", err)
	}
	if _, ok := info["ferretdbVersion"]; ok {
		return ferretDialect{files: files}, nil
	}
	return mongoDialect{}, nil
}

// ferretDuplicate reports FerretDB's unique violation on update:
// InternalError (code 1) carrying SQLite's "UNIQUE constraint failed" —
// the one place we must read a message, since no code tells it apart.
func ferretDuplicate(err error) bool {
	var ce mongo.CommandError
	if errors.As(err, &ce) && ce.Code == 1 {
		return strings.Contains(ce.Message, "UNIQUE constraint failed")
	}
	var we mongo.WriteException
	if errors.As(err, &we) {
		for _, e := range we.WriteErrors {
			if e.Code == 1 && strings.Contains(e.Message, "UNIQUE constraint failed") {
				return true
			}
		}
	}
	return false
}
