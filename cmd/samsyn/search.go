package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/samsyn/samsyn/search"
)

// startSearchSync keeps the search indexes in step with the store until
// ctx ends, rebuilding them first when they are empty or outdated.
func (e *env) startSearchSync(ctx context.Context, s *stack) {
	if s.search != nil {
		go e.searchSyncer(s).RebuildAndRun(ctx, s.searchStores())
	}
}

// searchSyncer is the stack's one search sync, made on first use: the
// server kicks it after every change, startSearchSync runs it.
func (e *env) searchSyncer(s *stack) *search.Syncer {
	if s.syncer == nil {
		s.syncer = s.searchStores().NewSyncer(s.search, e.log)
	}
	return s.syncer
}

func (s *stack) searchStores() search.Stores {
	return search.Stores{Statements: s.stmts, Consultations: s.consults, Issues: s.issues, Positions: s.issues, Outcomes: s.consults}
}

func (e *env) reindexCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "reindex",
		Short: "Rebuild the search indexes from the store beside the live ones, then swap them in",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withStore(cmd.Context(), func(s *stack) error {
				if err := e.openSearch(cmd.Context(), s); err != nil {
					if e.cfg.MeiliURL == "" {
						return fmt.Errorf("%w (the embedded index is held by a running server: stop it first; "+
							"the server also rebuilds empty or outdated indexes itself when it starts)", err)
					}
					return err
				}
				st, err := search.Rebuild(cmd.Context(), s.search, s.searchStores().Listers())
				if err == nil {
					fmt.Fprintf(e.stdout, "Search indexes rebuilt: %d public and %d internal documents (%d caught up after the swap).\n",
						st.Public, st.Internal, st.CaughtUp)
				}
				return err
			})
		},
	}
}
