package app

import (
	"context"
	"log/slog"
	"time"
)

// leased is a background job that one replica at a time runs: under the
// named lease, at once and then every interval.
type leased struct {
	leases LeaseStore
	name   string // the lease's name, and the job's in the log
	holder string
	ttl    time.Duration
	clock  Clock
	log    *slog.Logger
}

// run does work if this replica gets the lease, and returns what work
// did (how many it sent).
func (l leased) run(ctx context.Context, work func(context.Context) (int, error)) (int, error) {
	now := l.clock.Now()
	ok, err := l.leases.AcquireLease(ctx, l.name, l.holder, now, now.Add(l.ttl))
	if err != nil || !ok {
		return 0, err
	}
	defer func() {
		if err := l.leases.ReleaseLease(context.WithoutCancel(ctx), l.name, l.holder); err != nil {
			l.log.Warn("release lease", "lease", l.name, "err", err)
		}
	}()
	return work(ctx)
}

// every runs run at once and then every interval until ctx ends, logging
// what it sent and why a run failed.
func (l leased) every(ctx context.Context, interval time.Duration, run func(context.Context) (int, error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		switch n, err := run(ctx); {
		case err != nil && ctx.Err() == nil:
			l.log.Warn(l.name, "err", err, "sent", n)
		case n > 0:
			l.log.Info(l.name+" sent", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
