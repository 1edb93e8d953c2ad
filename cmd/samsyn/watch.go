package main

import (
	"context"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/regeringen"
)

// watchCheck is how often a replica looks whether the watch's turn has
// come; the turn itself is SAMSYN_REMISS_WATCH_EVERY apart.
const watchCheck = 5 * time.Minute

// remissWatch is the watch of SAMSYN_REMISS_WATCH_URL, nil when unset.
func (e *env) remissWatch(s *stack) *app.RemissWatch {
	if e.cfg.WatchURL == "" {
		return nil
	}
	every, _ := time.ParseDuration(e.cfg.WatchEvery) // Validate checked it
	return &app.RemissWatch{URL: e.cfg.WatchURL, Every: every, Leases: s.leases, States: mongodb.NewTriageStore(s.db),
		Imports: e.services(s).Imports, Clock: s.clock, Holder: app.NewLeaseHolder(),
		Fetcher: regeringen.ListingFetcher{UserAgent: "Samsyn (remissbevakning; +" + e.cfg.BaseURL + ")"}}
}

// startWatch runs the watch in the background until ctx ends.
func (e *env) startWatch(ctx context.Context, s *stack) {
	w := e.services(s).Watch
	if w == nil {
		return
	}
	e.log.Info("watching remisser", "url", e.cfg.WatchURL, "every", e.cfg.WatchEvery)
	go w.Run(ctx, watchCheck, func(err error) { e.log.Error("remiss watch", "err", err) })
}
