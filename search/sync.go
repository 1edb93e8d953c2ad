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

// Source is a store whose dirty documents the Syncer indexes.
type Source struct {
	Name string // for logs: "statements", "consultations", "issues"
	app.SearchSource
}

// Syncer indexes dirty documents: into the internal index always, into
// the public index only when the task says so (else it deletes them from
// there), and then clears each mark for the version indexed. While the
// engine fails nothing is cleared, so every write is indexed once it is
// back. It is safe for concurrent use.
type Syncer struct {
	Engine   app.SearchEngine
	Sources  []Source
	Log      *slog.Logger
	Batch    int           // tasks per source and round; default 100
	Interval time.Duration // between rounds when idle; default 250 ms
	MaxWait  time.Duration // longest back-off after failures; default 30 s
	// Lease, when set, lets one replica at a time write the indexes: a
	// round (and a start-up rebuild) runs only while it is held; others
	// ask again every Lease.Retry.
	Lease *Lease
	// Stores, when set, complete each document with what it says of its
	// surroundings and tell which documents change with a change heard
	// (Hear). Nil: documents are indexed as their sources give them.
	Stores *Stores

	kick chan struct{}
	once sync.Once

	mu     sync.Mutex
	status Status
	heard  []app.Event // changes whose related documents are to be indexed again
}

// Status is how far the sync has come, for /readyz and the logs.
type Status struct {
	LastSuccess time.Time // end of the last round without errors
	LastError   string    // "" when the last round succeeded
	Failing     int       // rounds failed in a row
	Indexed     int       // documents indexed since start
	Standby     bool      // another replica holds the lease: this one waits
}

func (s *Syncer) init() {
	s.once.Do(func() {
		s.kick = make(chan struct{}, 1)
		if s.Batch <= 0 {
			s.Batch = 100
		}
		if s.Interval <= 0 {
			s.Interval = 250 * time.Millisecond
		}
		if s.MaxWait <= 0 {
			s.MaxWait = 30 * time.Second
		}
		if s.Log == nil {
			s.Log = slog.New(slog.DiscardHandler)
		}
	})
}

// Kick asks for a round now, e.g. after a publish; it never blocks.
func (s *Syncer) Kick() {
	s.init()
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// Hear is the event handler of the sync: it notes the change for the next
// round, which indexes again the documents that change with it (a
// statement whose consultation or issue changed), and kicks the sync. It
// never blocks on the engine.
func (s *Syncer) Hear(_ context.Context, e app.Event) error {
	s.init()
	if s.Stores != nil && (e.Subject.Type != "statement" || statementMovesConsultation[e.Kind]) {
		s.mu.Lock()
		if len(s.heard) < maxHeard {
			s.heard = append(s.heard, app.Event{Kind: e.Kind, Subject: e.Subject})
		}
		s.mu.Unlock()
	}
	s.Kick()
	return nil
}

// maxHeard bounds the changes kept while the engine is down; a rebuild
// (samsyn reindex) makes up for more.
const maxHeard = 10_000

// Status returns a copy of the sync's status.
func (s *Syncer) Status() Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.status
}

// Run syncs until ctx ends: a round whenever kicked or every Interval,
// at once again while there is more, and with a doubling back-off while
// rounds fail.
func (s *Syncer) Run(ctx context.Context) {
	s.init()
	wait := s.Interval
	for {
		held, err := s.Lease.Hold(ctx)
		s.mu.Lock()
		s.status.Standby = !held
		s.mu.Unlock()
		if !held {
			if err != nil && ctx.Err() == nil {
				s.Log.Warn("search sync: lease", "err", err)
			}
			if !sleep(ctx, s.Lease.retry(), s.kick) {
				return
			}
			continue
		}
		n, err := s.SyncOnce(ctx)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			wait = min(max(2*wait, time.Second), s.MaxWait)
			if st := s.Status(); st.Failing == 1 || st.Failing%20 == 0 {
				s.Log.Warn("search sync failing; writes are kept and indexed when the engine is back",
					"err", err, "rounds", st.Failing, "retry_in", wait)
			}
		case n > 0:
			wait = s.Interval
			continue // there may be more
		default:
			wait = s.Interval
		}
		if !sleep(ctx, wait, s.kick) {
			return
		}
	}
}

// sleep waits d, or less when kicked; false when ctx ended.
func sleep(ctx context.Context, d time.Duration, kick <-chan struct{}) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-kick:
	case <-t.C:
	}
	return true
}

// SyncOnce indexes up to Batch dirty documents of each source and returns
// how many it indexed.
func (s *Syncer) SyncOnce(ctx context.Context) (int, error) {
	s.init()
	total := 0
	var errs []error
	if n, err := s.syncHeard(ctx); err != nil {
		errs = append(errs, fmt.Errorf("sync related documents: %w", err))
	} else {
		total += n
	}
	for _, src := range s.Sources {
		n, err := s.syncSource(ctx, src)
		total += n
		if err != nil {
			errs = append(errs, fmt.Errorf("sync %s: %w", src.Name, err))
		}
	}
	err := errors.Join(errs...)
	s.mu.Lock()
	s.status.Indexed += total
	if err != nil {
		s.status.LastError, s.status.Failing = err.Error(), s.status.Failing+1
	} else {
		s.status.LastError, s.status.Failing, s.status.LastSuccess = "", 0, time.Now()
	}
	s.mu.Unlock()
	return total, err
}

func (s *Syncer) syncSource(ctx context.Context, src Source) (int, error) {
	tasks, err := src.PendingSearch(ctx, s.Batch)
	if err != nil || len(tasks) == 0 {
		return 0, err
	}
	if s.Stores != nil {
		if tasks, err = s.Stores.complete(ctx, tasks); err != nil {
			return 0, err
		}
	}
	if err := Apply(ctx, s.Engine.Public(), s.Engine.Internal(), tasks); err != nil {
		return 0, err
	}
	var errs []error
	for _, t := range tasks {
		if err := src.MarkIndexed(ctx, t.Doc.ID, t.Version); err != nil {
			errs = append(errs, err) // indexed again next round: harmless
		}
	}
	return len(tasks), errors.Join(errs...)
}

// syncHeard indexes again the documents related to the changes heard; on
// failure the changes are kept for the next round.
func (s *Syncer) syncHeard(ctx context.Context) (int, error) {
	s.mu.Lock()
	heard := s.heard
	s.heard = nil
	s.mu.Unlock()
	if len(heard) == 0 {
		return 0, nil
	}
	var tasks []app.IndexTask
	err := func() error {
		seen := map[app.Subject]bool{}
		for _, e := range heard {
			if seen[e.Subject] && e.Subject.Type != "statement" {
				continue
			}
			seen[e.Subject] = true
			ts, err := s.Stores.related(ctx, e)
			if err != nil {
				return err
			}
			tasks = append(tasks, ts...)
		}
		var err error
		if tasks, err = s.Stores.complete(ctx, tasks); err != nil {
			return err
		}
		return Apply(ctx, s.Engine.Public(), s.Engine.Internal(), tasks)
	}()
	if err != nil {
		s.mu.Lock()
		if len(s.heard)+len(heard) <= maxHeard {
			s.heard = append(heard, s.heard...)
		}
		s.mu.Unlock()
		return 0, err
	}
	return len(tasks), nil
}

// Apply writes tasks to a pair of indexes: every document into internal;
// public ones into public, the others deleted from it. The two indexes
// are written at once (an embedded index builds its segment on one core),
// and neither waits for the other to succeed, so a document that stops
// being public leaves the public index even when the internal write fails.
// A public index that can write both together (Bleve: one analysis of
// what both hold) does, after its deletions.
func Apply(ctx context.Context, public, internal app.SearchIndex, tasks []app.IndexTask) error {
	var pub []app.SearchDoc
	var gone []string
	all := make([]app.SearchDoc, 0, len(tasks))
	for _, t := range tasks {
		all = append(all, t.Doc)
		if IsPublic(t) {
			pub = append(pub, t.PublicDocument())
		} else {
			gone = append(gone, t.Doc.ID)
		}
	}
	if joint, ok := public.(jointIndexer); ok {
		delErr := public.Delete(ctx, gone...)
		if delErr != nil {
			pub = nil
		}
		pubErr, inErr := joint.IndexTogether(ctx, pub, internal, all)
		return errors.Join(delErr, pubErr, inErr)
	}
	var pubErr, inErr error
	var wg sync.WaitGroup
	wg.Go(func() { inErr = internal.Index(ctx, all...) })
	if pubErr = public.Delete(ctx, gone...); pubErr == nil {
		pubErr = public.Index(ctx, pub...)
	}
	wg.Wait()
	return errors.Join(pubErr, inErr)
}

// jointIndexer is a public index that writes its documents and the
// internal index's at once, doing the work they share once (Bleve: the
// analysis of a published statement's text).
type jointIndexer interface {
	IndexTogether(ctx context.Context, docs []app.SearchDoc, other app.SearchIndex,
		otherDocs []app.SearchDoc) (err, otherErr error)
}

// IsPublic reports whether a task belongs in the public index: it must
// say so, and be a published statement, or a consultation or an issue
// with its own public document (app.ArchiveSearchTask, app.IssueSearchTask)
// — a source that gets this wrong still cannot leak a draft, nor a
// consultation's or an issue's internal entry.
func IsPublic(t app.IndexTask) bool {
	if !t.Public {
		return false
	}
	switch t.Doc.Type {
	case app.TypeStatement:
		d := t.PublicDocument()
		return t.Doc.Status == string(app.StatementPublished) && d.Status == t.Doc.Status && d.ID == t.Doc.ID
	case app.TypeConsultation, app.TypeIssue:
		p := t.PublicDoc
		return p != nil && p.ID == t.Doc.ID && p.Type == t.Doc.Type
	}
	return false
}
