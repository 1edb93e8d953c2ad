package search

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/samsyn/samsyn/app"
)

// ErrUnavailable is what every call of a Deferred engine returns while the
// engine it waits for is not open.
var ErrUnavailable = errors.New("search engine not available")

// Opener opens a search engine; it must give up when ctx ends.
type Opener func(ctx context.Context) (app.SearchEngine, error)

// Deferred is a search engine that a server can start with although the
// real one cannot be opened yet (Meilisearch down, Bleve's files held by
// another process): until it opens, searches, pings and writes fail with
// ErrUnavailable — so the server answers 503 for search while every other
// page works and every write is kept by its dirty mark — and the opening
// is retried with a doubling back-off up to MaxWait. Once open it passes
// every call on. It is safe for concurrent use.
type Deferred struct {
	open    Opener
	log     *slog.Logger
	ready   chan struct{}
	cancel  context.CancelFunc
	done    chan struct{}
	maxWait time.Duration

	mu      sync.Mutex
	eng     app.SearchEngine
	lastErr error
}

// DeferredOpenTimeout bounds each attempt to open the engine, so that a
// server whose search engine does not answer still starts at once.
const DeferredOpenTimeout = 5 * time.Second

// OpenDeferred tries open once at once and, when that fails, goes on
// trying in the background until it succeeds, ctx ends or Close is called.
func OpenDeferred(ctx context.Context, open Opener, log *slog.Logger) *Deferred {
	ctx, cancel := context.WithCancel(ctx)
	d := &Deferred{open: open, log: log, ready: make(chan struct{}), cancel: cancel,
		done: make(chan struct{}), maxWait: 30 * time.Second}
	if d.try(ctx) {
		close(d.done)
		return d
	}
	log.Warn("search engine not available: serving without search until it is; writes are kept and indexed then",
		"err", d.lastErr)
	go d.retry(ctx)
	return d
}

func (d *Deferred) try(ctx context.Context) bool {
	actx, cancel := context.WithTimeout(ctx, DeferredOpenTimeout)
	defer cancel()
	eng, err := d.open(actx)
	d.mu.Lock()
	defer d.mu.Unlock()
	if err != nil {
		d.lastErr = err
		return false
	}
	d.eng, d.lastErr = eng, nil
	close(d.ready)
	return true
}

func (d *Deferred) retry(ctx context.Context) {
	defer close(d.done)
	wait := 500 * time.Millisecond
	for attempt := 1; ; attempt++ {
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		if d.try(ctx) {
			d.log.Info("search engine available", "attempts", attempt+1)
			return
		}
		if attempt%10 == 0 {
			d.log.Warn("search engine still not available", "err", d.lastError(), "attempts", attempt+1)
		}
		wait = min(2*wait, d.maxWait)
	}
}

// Ready is closed once the engine is open.
func (d *Deferred) Ready() <-chan struct{} { return d.ready }

// Engine returns the open engine, or nil while there is none.
func (d *Deferred) Engine() app.SearchEngine {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.eng
}

func (d *Deferred) lastError() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.lastErr
}

// current returns the open engine or the error to answer with.
func (d *Deferred) current() (app.SearchEngine, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.eng != nil {
		return d.eng, nil
	}
	if d.lastErr != nil {
		return nil, fmt.Errorf("%w: %w", ErrUnavailable, d.lastErr)
	}
	return nil, ErrUnavailable
}

// Public returns the public index, or one that fails while there is none.
func (d *Deferred) Public() app.SearchIndex {
	return deferredIndex{d: d, pick: app.SearchEngine.Public}
}

// Internal returns the internal index, or one that fails while there is none.
func (d *Deferred) Internal() app.SearchIndex {
	return deferredIndex{d: d, pick: app.SearchEngine.Internal}
}

// Rebuild starts a rebuild in the open engine.
func (d *Deferred) Rebuild(ctx context.Context) (app.SearchRebuild, error) {
	e, err := d.current()
	if err != nil {
		return nil, err
	}
	return e.Rebuild(ctx)
}

// Ping reports ErrUnavailable (with the last reason) until the engine is
// open, then the engine's own answer.
func (d *Deferred) Ping(ctx context.Context) error {
	e, err := d.current()
	if err != nil {
		return err
	}
	return e.Ping(ctx)
}

// Stale passes on the open engine's Stale (see Stores.needRebuild).
func (d *Deferred) Stale() bool {
	st, ok := d.Engine().(interface{ Stale() bool })
	return ok && st.Stale()
}

// Close stops the retrying and closes the engine if it opened.
func (d *Deferred) Close() error {
	d.cancel()
	<-d.done
	if e := d.Engine(); e != nil {
		return e.Close()
	}
	return nil
}

// deferredIndex is one of the engine's indexes, looked up on each call.
type deferredIndex struct {
	d    *Deferred
	pick func(app.SearchEngine) app.SearchIndex
}

func (ix deferredIndex) get() (app.SearchIndex, error) {
	e, err := ix.d.current()
	if err != nil {
		return nil, err
	}
	return ix.pick(e), nil
}

func (ix deferredIndex) Index(ctx context.Context, docs ...app.SearchDoc) error {
	real, err := ix.get()
	if err != nil {
		return err
	}
	return real.Index(ctx, docs...)
}

func (ix deferredIndex) Delete(ctx context.Context, ids ...string) error {
	real, err := ix.get()
	if err != nil {
		return err
	}
	return real.Delete(ctx, ids...)
}

func (ix deferredIndex) Search(ctx context.Context, q app.SearchQuery) (*app.SearchResult, error) {
	real, err := ix.get()
	if err != nil {
		return nil, err
	}
	return real.Search(ctx, q)
}

// IndexTogether keeps the engine's joint write (see Apply) when the
// engine has one.
func (ix deferredIndex) IndexTogether(ctx context.Context, docs []app.SearchDoc, other app.SearchIndex,
	otherDocs []app.SearchDoc) (err, otherErr error) {
	real, err := ix.get()
	if err != nil {
		return err, err
	}
	if o, ok := other.(deferredIndex); ok && o.d == ix.d {
		if other, otherErr = o.get(); otherErr != nil {
			return otherErr, otherErr
		}
	}
	if joint, ok := real.(jointIndexer); ok {
		return joint.IndexTogether(ctx, docs, other, otherDocs)
	}
	var wg sync.WaitGroup
	wg.Go(func() { otherErr = other.Index(ctx, otherDocs...) })
	err = real.Index(ctx, docs...)
	wg.Wait()
	return err, otherErr
}
