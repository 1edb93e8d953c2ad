package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
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
		if e.cfg.MongoURI != "" { // replicas may share the database: one syncs at a time
			s.syncer.Lease = &search.Lease{Store: s.leases, Holder: app.NewLeaseHolder()}
		}
	}
	return s.syncer
}

func (s *stack) searchStores() search.Stores {
	return search.Stores{Statements: s.stmts, Consultations: s.consults, Issues: s.issues, Positions: s.issues, Outcomes: s.consults,
		ExternalResponses: mongodb.NewExternalResponseStore(s.db)}
}

func (e *env) reindexCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "reindex",
		Short: "Rebuild the search indexes from the store beside the live ones, then swap them in",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if e.cfg.SearchOff() {
				return errors.New("search is off (SAMSYN_SEARCH=off): there is no index to rebuild")
			}
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

// bleveLease is held by the one server whose embedded index (Bleve)
// serves a shared database: a second one's index would miss what the
// first indexed and the two would diverge without a word.
const bleveLease = "bleve-index"

// claimBleve takes the Bleve lease when the server uses Bleve on a
// database others can reach (SAMSYN_MONGODB_URI), and keeps it until ctx
// ends; it refuses when another server holds it.
func (e *env) claimBleve(ctx context.Context, s *stack) error {
	if e.cfg.MongoURI == "" || e.cfg.MeiliURL != "" || e.cfg.SearchOff() {
		return nil // the embedded store serves one process; Meilisearch is shared; no index
	}
	holder, ttl := bleveHolder(e.cfg.DataDir), 30*time.Second
	now := time.Now()
	ok, err := s.leases.AcquireLease(ctx, bleveLease, holder, now, now.Add(ttl))
	if err != nil {
		return fmt.Errorf("check for other servers on the database: %w", err)
	}
	if !ok {
		return errors.New("another samsyn serve uses this database with its own embedded search index (Bleve), " +
			"and two such indexes would diverge: set SAMSYN_MEILI_URL so that every server shares one Meilisearch, " +
			"or SAMSYN_SEARCH=off on this one (or stop the other; its claim runs out 30 s after it stops)")
	}
	go func() {
		t := time.NewTicker(ttl / 3)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
				_ = s.leases.ReleaseLease(rctx, bleveLease, holder)
				cancel()
				return
			case now := <-t.C:
				if _, err := s.leases.AcquireLease(ctx, bleveLease, holder, now, now.Add(ttl)); err != nil && ctx.Err() == nil {
					e.log.Warn("renew the claim on the embedded search index", "err", err)
				}
			}
		}
	}()
	return nil
}

// bleveHolder names the server holding the Bleve lease by its machine and
// index directory, not afresh each start: a server that restarts after a
// crash takes its own claim back at once instead of waiting for it to run
// out (and being restarted over and over meanwhile).
func bleveHolder(dataDir string) string {
	host, _ := os.Hostname()
	if abs, err := filepath.Abs(dataDir); err == nil {
		dataDir = abs
	}
	return host + ":" + filepath.Join(dataDir, "search")
}
