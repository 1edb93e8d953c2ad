package mongodb

import (
	"hash/fnv"
	"sync"
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
var docLocks [256]sync.Mutex

// lockDoc locks the stripe of col/id and returns its unlock.
func lockDoc(col, id string) func() {
	h := fnv.New32a()
	_, _ = h.Write([]byte(col + "/" + id))
	m := &docLocks[h.Sum32()%uint32(len(docLocks))]
	m.Lock()
	return m.Unlock
}
