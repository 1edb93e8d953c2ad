package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/search"
)

// startSearchSync keeps the search indexes in step with the store: it
// rebuilds them first when they are empty or were made by an older
// analysis while the store has documents, then runs the sync of dirty
// documents until ctx ends.
func (e *env) startSearchSync(ctx context.Context, s *stack) {
	if s.search == nil {
		return
	}
	syncer := e.searchSyncer(s)
	go func() {
		if e.needsRebuild(ctx, s) {
			st, err := search.Rebuild(ctx, s.search, s.searchListers())
			if err != nil {
				e.log.Error("search: rebuild at start-up failed; the sync goes on", "err", err)
			} else {
				e.log.Info("search: indexes rebuilt from the store", "public", st.Public, "internal", st.Internal)
			}
		}
		syncer.Run(ctx)
	}()
}

// searchSyncer is the stack's one search sync, made on first use: the
// server kicks it after every change, startSearchSync runs it.
func (e *env) searchSyncer(s *stack) *search.Syncer {
	if s.syncer == nil {
		s.syncer = &search.Syncer{Engine: s.search, Sources: e.searchSources(s), Log: e.log}
	}
	return s.syncer
}

// searchSources are the stores that mark their writes for indexing. Until
// a store implements app.SearchSource its documents reach the indexes only
// by a rebuild; that is logged once, here.
func (e *env) searchSources(s *stack) []search.Source {
	var out []search.Source
	var missing []string
	for _, st := range []struct {
		name  string
		store any
	}{{"statements", s.stmts}, {"consultations", s.consults}, {"issues", s.issues}} {
		if src, ok := st.store.(app.SearchSource); ok && st.store != nil {
			out = append(out, search.Source{Name: st.name, SearchSource: src})
		} else {
			missing = append(missing, st.name)
		}
	}
	if len(missing) > 0 {
		e.log.Warn("search: these stores do not mark writes for indexing yet; their changes are searchable only after a rebuild (samsyn reindex, or a restart with empty indexes)",
			"stores", strings.Join(missing, ", "))
	}
	return out
}

// needsRebuild reports whether the indexes should be filled from the store
// before the sync starts: the engine replaced an outdated index, or the
// internal index is empty while the store is not.
func (e *env) needsRebuild(ctx context.Context, s *stack) bool {
	if st, ok := s.search.(interface{ Stale() bool }); ok && st.Stale() {
		return true
	}
	res, err := s.search.Internal().Search(ctx, app.SearchQuery{Page: app.Page{Number: 1, Size: 1}})
	if err != nil || res.Total > 0 {
		return false
	}
	n, err := s.documentCount(ctx)
	return err == nil && n > 0
}

func (s *stack) documentCount(ctx context.Context) (int, error) {
	one := app.Page{Number: 1, Size: 1}
	_, a, err := s.stmts.ListStatements(ctx, app.StatementFilter{Page: one})
	if err != nil {
		return 0, err
	}
	_, b, err := s.consults.ListConsultations(ctx, app.ConsultationFilter{Page: one})
	if err != nil {
		return 0, err
	}
	_, c, err := s.issues.ListIssues(ctx, app.IssueFilter{Page: one})
	return a + b + c, err
}

// searchListers list every searchable document of the store.
func (s *stack) searchListers() []search.Lister {
	return []search.Lister{
		pageLister(func(ctx context.Context, p app.Page) ([]*app.Statement, int, error) {
			return s.stmts.ListStatements(ctx, app.StatementFilter{Page: p})
		}, app.StatementSearchTask, func(st *app.Statement) time.Time { return st.UpdatedAt }),
		pageLister(func(ctx context.Context, p app.Page) ([]*app.Consultation, int, error) {
			return s.consults.ListConsultations(ctx, app.ConsultationFilter{Page: p})
		}, app.ConsultationSearchTask, func(c *app.Consultation) time.Time { return c.UpdatedAt }),
		pageLister(func(ctx context.Context, p app.Page) ([]*app.Issue, int, error) {
			return s.issues.ListIssues(ctx, app.IssueFilter{Page: p})
		}, app.IssueSearchTask, func(i *app.Issue) time.Time { return i.UpdatedAt }),
	}
}

// listPage is how many documents a lister reads at once (the stores' most).
const listPage = 100

// pageLister lists a store page by page until a page comes back short.
func pageLister[T any](list func(context.Context, app.Page) ([]T, int, error),
	task func(T) app.IndexTask, updated func(T) time.Time) search.Lister {
	return func(ctx context.Context, yield func(search.Listed) error) error {
		for n := 1; ; n++ {
			items, _, err := list(ctx, app.Page{Number: n, Size: listPage})
			if err != nil {
				return err
			}
			for _, it := range items {
				if err := yield(search.Listed{Task: task(it), UpdatedAt: updated(it)}); err != nil {
					return err
				}
			}
			if len(items) < listPage {
				return nil
			}
		}
	}
}

func (e *env) reindexCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "reindex",
		Short: "Rebuild the search indexes from the store beside the live ones, then swap them in",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			return e.withStore(ctx, func(s *stack) error {
				if err := e.openSearch(ctx, s); err != nil {
					if e.cfg.MeiliURL == "" {
						return fmt.Errorf("%w (the embedded index is held by a running server: stop it first; "+
							"the server also rebuilds empty or outdated indexes itself when it starts)", err)
					}
					return err
				}
				st, err := search.Rebuild(ctx, s.search, s.searchListers())
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "Search indexes rebuilt: %d public and %d internal documents (%d caught up after the swap).\n",
					st.Public, st.Internal, st.CaughtUp)
				return nil
			})
		},
	}
}
