package search

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/samsyn/samsyn/app"
)

// Stores are the stores of every searchable document. A rebuild lists
// them all; the sync indexes what those of them that mark their writes
// (app.SearchSource) mark.
type Stores struct {
	Statements    app.StatementStore
	Consultations app.ConsultationStore
	Issues        app.IssueStore
	// Positions and Outcomes, when set, complete issues with their
	// standing positions and consultations with their outcome.
	Positions app.PositionStore
	Outcomes  app.OutcomeStore
	// ExternalResponses, when set, are other bodies' harvested answers:
	// internal only, indexed as their events are heard.
	ExternalResponses app.ExternalResponseStore
}

// NewSyncer is the sync of the stores' marked writes into e. Until a
// store implements app.SearchSource its documents reach the indexes only
// by a rebuild; that is logged once, here.
func (s Stores) NewSyncer(e app.SearchEngine, log *slog.Logger) *Syncer {
	var sources []Source
	var missing []string
	for _, st := range []struct {
		name  string
		store any
	}{{"statements", s.Statements}, {"consultations", s.Consultations}, {"issues", s.Issues}} {
		if src, ok := st.store.(app.SearchSource); ok && st.store != nil {
			sources = append(sources, Source{Name: st.name, SearchSource: src})
		} else {
			missing = append(missing, st.name)
		}
	}
	if len(missing) > 0 {
		log.Warn("search: these stores do not mark writes for indexing yet; their changes are searchable only after a rebuild (samsyn reindex, or a restart with empty indexes)",
			"stores", strings.Join(missing, ", "))
	}
	return &Syncer{Engine: e, Sources: sources, Log: log, Stores: &s}
}

// RebuildAndRun keeps the indexes in step with stores until ctx ends: it
// rebuilds them first when they are empty or were made by an older
// analysis while the stores hold documents, then runs the sync. A failed
// rebuild is logged and the sync goes on.
//
// An engine that is not open yet (Deferred) is waited for first: writes
// made meanwhile keep their marks and are indexed once it is.
func (s *Syncer) RebuildAndRun(ctx context.Context, stores Stores) {
	s.init()
	if w, ok := s.Engine.(interface{ Ready() <-chan struct{} }); ok {
		select {
		case <-w.Ready():
		case <-ctx.Done():
			return
		}
	}
	defer func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = s.Lease.Release(ctx) // another replica takes over at once
	}()
	for { // the rebuild too is for the lease's holder alone
		held, err := s.Lease.Hold(ctx)
		if held {
			break
		}
		if err != nil && ctx.Err() == nil {
			s.Log.Warn("search sync: lease", "err", err)
		}
		if !sleep(ctx, s.Lease.retry(), s.kick) {
			return
		}
	}
	if stores.needRebuild(ctx, s.Engine) {
		st, err := Rebuild(ctx, s.Engine, stores.Listers())
		if err != nil {
			s.Log.Error("search: rebuild at start-up failed; the sync goes on", "err", err)
		} else {
			s.Log.Info("search: indexes rebuilt from the store", "public", st.Public, "internal", st.Internal)
		}
	}
	s.Run(ctx)
}

// needRebuild reports whether the indexes should be filled from the
// stores before the sync starts: the engine replaced an outdated index,
// or the internal index is empty while the stores are not.
func (s Stores) needRebuild(ctx context.Context, e app.SearchEngine) bool {
	if st, ok := e.(interface{ Stale() bool }); ok && st.Stale() {
		return true
	}
	res, err := e.Internal().Search(ctx, app.SearchQuery{Page: app.Page{Number: 1, Size: 1}})
	if err != nil || res.Total > 0 {
		return false
	}
	n, err := s.count(ctx)
	return err == nil && n > 0
}

// count is how many documents the stores hold.
func (s Stores) count(ctx context.Context) (int, error) {
	one := app.Page{Number: 1, Size: 1}
	_, a, err := s.Statements.ListStatements(ctx, app.StatementFilter{Page: one})
	if err != nil {
		return 0, err
	}
	_, b, err := s.Consultations.ListConsultations(ctx, app.ConsultationFilter{Page: one})
	if err != nil {
		return 0, err
	}
	_, c, err := s.Issues.ListIssues(ctx, app.IssueFilter{Page: one})
	return a + b + c, err
}

// Listers list every searchable document of the stores, for Rebuild.
func (s Stores) Listers() []Lister {
	return []Lister{
		pageLister(func(ctx context.Context, p app.Page) ([]*app.Statement, int, error) {
			return s.Statements.ListStatements(ctx, app.StatementFilter{Page: p})
		}, app.StatementSearchTask, func(st *app.Statement) time.Time { return st.UpdatedAt }, sourceOf(s.Statements), s.complete),
		pageLister(func(ctx context.Context, p app.Page) ([]*app.Consultation, int, error) {
			return s.Consultations.ListConsultations(ctx, app.ConsultationFilter{Page: p})
		}, app.ConsultationSearchTask, func(c *app.Consultation) time.Time { return c.UpdatedAt }, sourceOf(s.Consultations), s.complete),
		pageLister(func(ctx context.Context, p app.Page) ([]*app.Issue, int, error) {
			return s.Issues.ListIssues(ctx, app.IssueFilter{Page: p})
		}, app.IssueSearchTask, func(i *app.Issue) time.Time { return i.UpdatedAt }, sourceOf(s.Issues), s.complete),
		s.answerLister,
	}
}

// answerLister lists other bodies' answers, each with the consultation it
// answers (read once per consultation).
func (s Stores) answerLister(ctx context.Context, yield func(Listed) error) error {
	if s.ExternalResponses == nil {
		return nil
	}
	cache := map[string]*app.Consultation{}
	return s.ExternalResponses.EachExternalResponse(ctx, func(r *app.ExternalResponse) error {
		c, err := s.consultation(ctx, cache, r.ConsultationID)
		if err != nil {
			return err
		}
		return yield(Listed{Task: app.ExternalResponseSearchTask(r, c), UpdatedAt: r.UpdatedAt})
	})
}

// sourceOf is store as a SearchSource, or nil when it marks no writes.
func sourceOf(store any) app.SearchSource {
	src, _ := store.(app.SearchSource)
	return src
}

// listPage is how many documents a lister reads at once (the stores' most).
const listPage = 100

// pageLister lists a store page by page until a page comes back short,
// completing each page's tasks at once (Stores.complete).
func pageLister[T any](list func(context.Context, app.Page) ([]T, int, error),
	task func(T) app.IndexTask, updated func(T) time.Time, src app.SearchSource,
	complete func(context.Context, []app.IndexTask) ([]app.IndexTask, error)) Lister {
	return func(ctx context.Context, yield func(Listed) error) error {
		for n := 1; ; n++ {
			items, _, err := list(ctx, app.Page{Number: n, Size: listPage})
			if err != nil {
				return err
			}
			tasks := make([]app.IndexTask, len(items))
			for i, it := range items {
				tasks[i] = task(it)
			}
			if tasks, err = complete(ctx, tasks); err != nil {
				return err
			}
			for i, it := range items {
				if err := yield(Listed{Task: tasks[i], UpdatedAt: updated(it), Source: src}); err != nil {
					return err
				}
			}
			if len(items) < listPage {
				return nil
			}
		}
	}
}
