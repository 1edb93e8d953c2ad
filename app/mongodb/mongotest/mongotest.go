// Package mongotest gives tests a fresh database on a real store: the
// embedded FerretDB, started once per test binary, or the MongoDB server
// named by SAMSYN_TEST_MONGODB_URI.
package mongotest

import (
	"context"
	"io"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
)

var (
	once     sync.Once
	uri      string
	embedded *mongodb.Embedded // nil when SAMSYN_TEST_MONGODB_URI names a server
	started  error
)

// URI returns the address of the shared test server, starting the embedded
// FerretDB on first use. It runs until Main ends the tests; without Main,
// until the process ends, its data dir left behind.
func URI(t testing.TB) string {
	t.Helper()
	once.Do(func() {
		if u := os.Getenv("SAMSYN_TEST_MONGODB_URI"); u != "" {
			uri = u
			return
		}
		dir, err := os.MkdirTemp("", "samsyn-test-ferretdb-")
		if err != nil {
			started = err
			return
		}
		e, err := mongodb.StartEmbedded(dir, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			started = err
			return
		}
		uri, embedded = e.URI(), e
	})
	if started != nil {
		t.Fatalf("start embedded FerretDB: %v", started)
	}
	return uri
}

// MustOpenDB connects to a fresh database, dropped when the test ends.
func MustOpenDB(t testing.TB) *mongodb.DB {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	name := "test_" + app.RandomToken(6)
	u := URI(t)
	var db *mongodb.DB
	var err error
	if embedded != nil {
		db, err = embedded.Connect(ctx, name)
	} else {
		db, err = mongodb.Connect(ctx, u, name)
	}
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := db.Drop(ctx); err != nil {
			t.Errorf("drop test database: %v", err)
		}
		_ = db.Close(ctx)
	})
	return db
}
