package mongodb_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"modernc.org/sqlite"

	"github.com/samsyn/samsyn/app/mongodb"
)

// pragmaSeen records, per SQLite connection FerretDB opens, the effective
// synchronous and journal_mode: a driver hook runs after the connection's
// _pragma parameters were applied.
var pragmaSeen struct {
	once sync.Once
	mu   sync.Mutex
	dsns map[string][2]string // dsn → {synchronous, journal_mode}
}

func watchPragmas() {
	pragmaSeen.once.Do(func() {
		pragmaSeen.dsns = map[string][2]string{}
		sqlite.RegisterConnectionHook(func(c sqlite.ExecQuerierContext, dsn string) error {
			sync, err := pragma(c, "synchronous")
			if err != nil {
				return err
			}
			journal, err := pragma(c, "journal_mode")
			if err != nil {
				return err
			}
			pragmaSeen.mu.Lock()
			pragmaSeen.dsns[dsn] = [2]string{sync, journal}
			pragmaSeen.mu.Unlock()
			return nil
		})
	})
}

func pragma(c sqlite.ExecQuerierContext, name string) (string, error) {
	rows, err := c.QueryContext(context.Background(), "PRAGMA "+name, nil)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	v := make([]driver.Value, 1)
	if err := rows.Next(v); err != nil {
		return "", err
	}
	switch x := v[0].(type) {
	case int64:
		return map[int64]string{0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[x], nil
	case string:
		return strings.ToLower(x), nil
	default:
		return "", nil
	}
}

// TestDurabilityPragmas proves that every SQLite connection the embedded
// FerretDB opens commits with synchronous=FULL in WAL mode, and that the
// database file on disk is in WAL mode.
func TestDurabilityPragmas(t *testing.T) {
	watchPragmas()
	dir := t.TempDir()
	e, err := mongodb.StartEmbedded(dir, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, err := mongodb.Connect(ctx, e.URI(), "durability")
	if err != nil {
		e.Stop()
		t.Fatal(err)
	}
	if err := db.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	_ = db.Close(ctx)
	e.Stop()

	ours := filepath.Join(dir, "ferretdb")
	pragmaSeen.mu.Lock()
	seen := 0
	for dsn, got := range pragmaSeen.dsns {
		if !strings.Contains(dsn, ours) {
			continue
		}
		seen++
		if got != [2]string{"FULL", "wal"} {
			t.Errorf("connection %s: synchronous=%s journal_mode=%s, want FULL and wal", dsn, got[0], got[1])
		}
	}
	pragmaSeen.mu.Unlock()
	if seen == 0 {
		t.Fatalf("no SQLite connection opened under %s was seen", ours)
	}
	if !t.Failed() {
		t.Logf("%d SQLite database URL(s) checked: synchronous=FULL, journal_mode=wal", seen)
	}

	// journal_mode=wal is persistent: the file itself says so.
	files, _ := filepath.Glob(filepath.Join(ours, "*.sqlite"))
	if len(files) == 0 {
		t.Fatalf("no database file under %s", ours)
	}
	for _, f := range files {
		sdb, err := sql.Open("sqlite", "file:"+f+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		var mode string
		if err := sdb.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
			t.Fatal(err)
		}
		_ = sdb.Close()
		if mode != "wal" {
			t.Errorf("%s: journal_mode=%s on disk, want wal", f, mode)
		}
	}
}
