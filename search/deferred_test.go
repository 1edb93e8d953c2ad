package search_test

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/search"
	"github.com/samsyn/samsyn/search/bleve"
)

// TestDeferredEngineCatchesUpWhenBack: while the engine cannot be opened
// every call fails with ErrUnavailable and writes keep their marks; once
// it opens, the sync indexes every write made meanwhile.
func TestDeferredEngineCatchesUpWhenBack(t *testing.T) {
	t.Parallel()
	var back atomic.Bool
	down := errors.New("connection refused")
	dir := t.TempDir()
	d := search.OpenDeferred(t.Context(), func(context.Context) (app.SearchEngine, error) {
		if !back.Load() {
			return nil, down
		}
		return bleve.Open(dir)
	}, slog.New(slog.DiscardHandler))
	defer d.Close()
	if err := d.Ping(t.Context()); !errors.Is(err, search.ErrUnavailable) || !errors.Is(err, down) {
		t.Fatalf("Ping while down = %v, want ErrUnavailable with the reason", err)
	}
	if _, err := d.Public().Search(t.Context(), app.SearchQuery{}); !errors.Is(err, search.ErrUnavailable) {
		t.Fatalf("Search while down = %v, want ErrUnavailable", err)
	}
	src := newMemSource()
	for _, id := range []string{"a", "b", "c"} {
		src.write(app.SearchDoc{ID: id, Type: app.TypeStatement, Title: "Elnätet " + id, Status: "published"})
	}
	syncer := &search.Syncer{Engine: d, Sources: []search.Source{{Name: "mem", SearchSource: src}}}
	if _, err := syncer.SyncOnce(t.Context()); !errors.Is(err, search.ErrUnavailable) {
		t.Fatalf("SyncOnce while down = %v, want ErrUnavailable", err)
	}
	if n := src.pending(); n != 3 {
		t.Fatalf("%d dirty after a failed round, want 3", n)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go syncer.Run(ctx)
	back.Store(true)
	<-d.Ready()
	waitFor(t, func() bool { return src.pending() == 0 })
	res, err := d.Public().Search(t.Context(), app.SearchQuery{Text: "elnätet"})
	if err != nil || res.Total != 3 {
		t.Fatalf("Search after the engine came back: %v, %+v; want 3 hits", err, res)
	}
}
