package search

import (
	"context"
	"sync"
	"time"

	"github.com/samsyn/samsyn/app"
)

// Lease is a named lease in the store (app.LeaseStore) that the search
// sync holds while it writes the indexes, so that with several replicas
// on one database one at a time does. A nil *Lease is always held (one
// process, e.g. with the embedded store).
type Lease struct {
	Store  app.LeaseStore
	Name   string        // default "search-sync"
	Holder string        // this process: unique among the replicas
	TTL    time.Duration // default 30 s; renewed when half is left

	mu    sync.Mutex
	until time.Time // the end of the lease while held
}

// Hold reports whether this process holds the lease, taking or renewing
// it in the store when it is not held or half its time is gone.
func (l *Lease) Hold(ctx context.Context) (bool, error) {
	if l == nil {
		return true, nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if now.Before(l.until.Add(-l.ttl() / 2)) {
		return true, nil
	}
	until := now.Add(l.ttl())
	ok, err := l.Store.AcquireLease(ctx, l.name(), l.Holder, now, until)
	if err != nil || !ok {
		l.until = time.Time{}
		return false, err
	}
	l.until = until
	return true, nil
}

// Release gives the lease up, so that another replica takes over at once
// rather than when it runs out.
func (l *Lease) Release(ctx context.Context) error {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.until = time.Time{}
	return l.Store.ReleaseLease(ctx, l.name(), l.Holder)
}

func (l *Lease) ttl() time.Duration {
	if l.TTL <= 0 {
		return 30 * time.Second
	}
	return l.TTL
}

func (l *Lease) name() string {
	if l.Name == "" {
		return "search-sync"
	}
	return l.Name
}

// retry is how long a replica without the lease waits before asking again.
func (l *Lease) retry() time.Duration { return l.ttl() / 3 }
