package mongodb

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// Embedded is FerretDB v1 running in-process on SQLite under the data dir,
// listening on loopback only. The app speaks to it with the same driver
// code it uses for MongoDB.
type Embedded struct {
	dir    string // FerretDB's SQLite files, one per database
	f      *ferretdb.FerretDB
	cancel context.CancelFunc
	done   chan struct{}
	lock   *os.File
}

// newFerretDB serialises ferretdb.New: two servers started at once in one
// process (tests) raced on the variable it writes.
var newFerretDB sync.Mutex

// ErrDataDirLocked is returned when another process uses the data dir.
var ErrDataDirLocked = errors.New("the data dir is in use by another Samsyn process")

// StartEmbedded locks dataDir, starts FerretDB on it and returns once it
// listens. Its logs go to logger, wire dumps demoted to debug.
func StartEmbedded(dataDir string, logger *slog.Logger) (*Embedded, error) {
	return StartEmbeddedAt(dataDir, "127.0.0.1:0", logger)
}

// StartEmbeddedAt is StartEmbedded listening on addr, so that other
// processes can reach the store (samsyn store serve). FerretDB v1 asks no
// password: addr should be on loopback.
func StartEmbeddedAt(dataDir, addr string, logger *slog.Logger) (*Embedded, error) {
	dir := filepath.Join(dataDir, "ferretdb")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data dir: %w", err)
	}
	lock, err := lockDir(dataDir)
	if err != nil {
		return nil, err
	}
	newFerretDB.Lock() // New writes a package variable of FerretDB's (version.Get().Package)
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: addr},
		Handler:   "sqlite",
		SQLiteURL: sqliteURL(dir),
		Logger:    slog.New(quietHandler{Handler: logger.Handler().WithGroup("ferretdb")}),
	})
	newFerretDB.Unlock()
	if err != nil {
		_ = lock.Close()
		return nil, fmt.Errorf("start embedded FerretDB: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	e := &Embedded{dir: dir, f: f, cancel: cancel, done: make(chan struct{}), lock: lock}
	go func() {
		defer close(e.done)
		_ = f.Run(ctx)
	}()
	return e, nil
}

// sqliteURL is the SQLite URL FerretDB opens every database file with.
// FerretDB adds busy_timeout(10000), journal_mode(wal) and auto_vacuum(none)
// unless given, after ours (internal/backends/sqlite/metadata/pool/uri.go),
// and passes each _pragma on to modernc.org/sqlite, which runs them in
// order on every new connection. We keep its WAL (readers do not block the
// writer). synchronous is per connection and FerretDB leaves it alone;
// the driver's compiled-in default is FULL today, so we state it: in WAL
// mode FULL syncs the WAL at every commit, so an acknowledged write
// survives a power loss, which NORMAL does not promise.
func sqliteURL(dir string) string {
	return "file:" + dir + "/?_pragma=synchronous(FULL)"
}

// URI is the mongodb:// address FerretDB listens on.
func (e *Embedded) URI() string { return e.f.MongoDBURI() }

// Stop shuts FerretDB down, waits for it and releases the data dir.
func (e *Embedded) Stop() {
	e.cancel()
	<-e.done
	_ = e.lock.Close()
}

// lockDir takes an exclusive, non-blocking lock on dataDir/samsyn.lock, so
// a second process gets a clear error instead of a corrupted store.
func lockDir(dataDir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dataDir, "samsyn.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open lock file: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("%w (%s): %v", ErrDataDirLocked, dataDir, err)
	}
	_ = f.Truncate(0)
	_, _ = fmt.Fprintf(f, "%d\n", os.Getpid())
	return f, nil
}

// quietHandler passes FerretDB's warnings and errors on, except its dumps
// of every error response on the wire, which it drops: they repeat
// what the driver already returns to the caller.
//
// Attributes given by With wait in the handler until a record passes:
// FerretDB calls With on every SQL statement it runs, with the statement's
// arguments (a whole document), only to log it at debug level, and a text
// handler formats attributes as they are added — a third of FerretDB's CPU
// when inserting statements (samsyn bench --cpuprofile at 100,000).
type quietHandler struct {
	slog.Handler
	attrs []slog.Attr // from With since the last WithGroup, not yet given to Handler
}

func (h quietHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelWarn && h.Handler.Enabled(ctx, l)
}

func (h quietHandler) Handle(ctx context.Context, r slog.Record) error {
	if strings.HasPrefix(r.Message, "Response ") || strings.HasPrefix(r.Message, "Request ") {
		return nil
	}
	if len(h.attrs) > 0 {
		nr := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
		nr.AddAttrs(h.attrs...)
		r.Attrs(func(a slog.Attr) bool {
			nr.AddAttrs(a)
			return true
		})
		r = nr
	}
	return h.Handler.Handle(ctx, r)
}

func (h quietHandler) WithAttrs(a []slog.Attr) slog.Handler {
	return quietHandler{Handler: h.Handler, attrs: append(slices.Clip(h.attrs), a...)}
}

func (h quietHandler) WithGroup(name string) slog.Handler {
	inner := h.Handler
	if len(h.attrs) > 0 {
		inner = inner.WithAttrs(h.attrs) // they stand outside the group
	}
	return quietHandler{Handler: inner.WithGroup(name)}
}
