package bleve_test

import (
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/search/bleve"
	"github.com/samsyn/samsyn/search/searchtest"
)

func mustOpen(t *testing.T, dir string) *bleve.Engine {
	t.Helper()
	e, err := bleve.Open(dir)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	t.Cleanup(func() {
		if err := e.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return e
}

func TestConformance(t *testing.T) {
	t.Parallel()
	searchtest.Run(t, func(t *testing.T) app.SearchEngine {
		return mustOpen(t, t.TempDir())
	})
}

func TestReopenKeepsDocuments(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	e, err := bleve.Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	doc := app.SearchDoc{ID: "s1", Type: "statement", Title: "Elnätet i Norrbotten behöver förstärkas"}
	if err := e.Public().Index(t.Context(), doc); err != nil {
		t.Fatalf("Index: %v", err)
	}
	if err := e.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := e.Ping(t.Context()); err == nil {
		t.Error("Ping after Close succeeded, want an error")
	}
	res, err := mustOpen(t, dir).Public().Search(t.Context(), app.SearchQuery{Text: "elnätet"})
	if err != nil {
		t.Fatalf("Search after reopen: %v", err)
	}
	if res.Total != 1 || len(res.Hits) != 1 || res.Hits[0].ID != "s1" {
		t.Errorf("after reopen: Total %d, hits %+v; want s1", res.Total, res.Hits)
	}
}

// TestRebuildCommittedAfterClose: a rebuild that commits after the engine
// closed (a shutdown during the start-up rebuild) neither panics nor
// loses its documents: the next Open finds them.
func TestRebuildCommittedAfterClose(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	e, err := bleve.Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	rb, err := e.Rebuild(t.Context())
	if err != nil {
		t.Fatalf("Rebuild: %v", err)
	}
	doc := app.SearchDoc{ID: "s1", Type: app.TypeStatement, Status: "published", Title: "Stålet från Luleå"}
	if err := rb.Public().Index(t.Context(), doc); err != nil {
		t.Fatalf("Index: %v", err)
	}
	if err := e.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := rb.Commit(t.Context()); err != nil {
		t.Fatalf("Commit after Close: %v", err)
	}
	if err := e.Ping(t.Context()); err == nil {
		t.Error("Ping after Close and Commit succeeded, want an error")
	}
	res, err := mustOpen(t, dir).Public().Search(t.Context(), app.SearchQuery{Text: "stålet"})
	if err != nil {
		t.Fatalf("Search after reopen: %v", err)
	}
	if res.Total != 1 {
		t.Errorf("after reopen: %d hits, want the rebuilt s1", res.Total)
	}
}

func TestOpenFailsWhileAnotherHoldsTheIndex(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustOpen(t, dir)
	start := time.Now()
	e, err := bleve.Open(dir)
	if err == nil {
		e.Close()
		t.Fatal("second Open of a held index succeeded, want an error")
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("second Open took %v, want it to give up within seconds", d)
	}
}
