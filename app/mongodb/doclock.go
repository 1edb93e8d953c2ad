package mongodb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// docLocks serialise this process's writes to one document. Every update
// in this package takes the lock of its document, whatever the dialect
// (dialect.go).
//
// FerretDB v1 on SQLite applies an update by reading the matching
// documents and writing them back, not atomically: two concurrent
// UpdateOne calls filtered on the same version can both match, and one
// write is lost (measured: 2 of 8 concurrent writers succeeded). The
// embedded FerretDB only ever serves one process (the data dir is locked),
// so an in-process lock around read-check-write restores the guarantee
// there; on MongoDB the version condition alone is atomic and the lock
// merely costs nothing. Locks are striped by a hash of collection and id.
// FerretDB also writes the whole document back, so an unlocked update of
// another field (a dirty mark, a touch) could undo a versioned edit: that
// is why every update, not only versioned ones, must hold the lock.
//
// A FerretDB that other processes reach too (by URI: samsyn store serve,
// or any FerretDB server) needs more than this process's lock: for such a
// dialect (dialect.sharedLocks) the lock is also held in the database, as
// a document in colDocLocks whose _id is the document's key. Inserting it
// is atomic on every server (the unique _id), so one process at a time
// holds it; it expires after docLockTTL, so a process that died holding it
// delays the others by that much at most.
var docLocks [256]sync.Mutex

// lockDoc locks the stripe of col/id and returns its unlock.
func lockDoc(col, id string) func() {
	h := fnv.New32a()
	_, _ = h.Write([]byte(col + "/" + id))
	m := &docLocks[h.Sum32()%uint32(len(docLocks))]
	m.Lock()
	return m.Unlock
}

// colDocLocks holds the database-held document locks (see docLocks).
const colDocLocks = "doc_locks"

// docLockTTL is how long a database-held lock lasts unless released; the
// writes it guards take milliseconds.
const docLockTTL = 30 * time.Second

// lock takes the lock of col/id: this process's, and for a dialect that
// needs it the database's too. It fails only when ctx ends first or the
// database fails; the unlock it returns must then not be called.
func (db *DB) lock(ctx context.Context, col, id string) (func(), error) {
	unlock := lockDoc(db.lockNS+col, id)
	if !db.dialect.sharedLocks() {
		return unlock, nil
	}
	release, err := db.lockInDB(ctx, col+"/"+id)
	if err != nil {
		unlock()
		return nil, err
	}
	return func() { release(); unlock() }, nil
}

type docLockDoc struct {
	Key       string    `bson:"_id"`
	Holder    string    `bson:"holder"`
	ExpiresAt time.Time `bson:"expires_at"`
}

// lockInDB inserts the lock document of key, waiting (1 ms doubling to
// 50 ms) while another holds it, and taking over one that expired.
func (db *DB) lockInDB(ctx context.Context, key string) (func(), error) {
	holder := lockHolder()
	locks := db.col(colDocLocks)
	for wait := time.Millisecond; ; wait = min(2*wait, 50*time.Millisecond) {
		now := time.Now()
		_, err := locks.InsertOne(ctx, docLockDoc{Key: key, Holder: holder, ExpiresAt: utc(now.Add(docLockTTL))})
		if err == nil {
			return func() {
				ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
				defer cancel()
				_, _ = locks.DeleteOne(ctx, bson.D{{Key: "_id", Value: key}, {Key: "holder", Value: holder}})
			}, nil
		}
		if !isDuplicate(err) {
			return nil, fmt.Errorf("take the lock of %s: %w", key, err)
		}
		if _, err := locks.DeleteOne(ctx, bson.D{{Key: "_id", Value: key},
			{Key: "expires_at", Value: bson.D{{Key: "$lt", Value: utc(now)}}}}); err != nil {
			return nil, fmt.Errorf("clear an expired lock of %s: %w", key, err)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("wait for the lock of %s: %w", key, ctx.Err())
		case <-t.C:
		}
	}
}

// lockHolder is a random name for one taking of a lock.
func lockHolder() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
