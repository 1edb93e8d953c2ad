package search_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/samsyn/samsyn/search"
)

// memLeases is app.LeaseStore's contract in memory (the store's own test,
// app/mongodb/lease_test.go, runs it on the database).
type memLeases struct {
	mu     sync.Mutex
	holder map[string]string
	until  map[string]time.Time
	calls  int
}

func (m *memLeases) AcquireLease(_ context.Context, name, holder string, now, until time.Time) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls++
	if h, ok := m.holder[name]; ok && h != holder && now.Before(m.until[name]) {
		return false, nil
	}
	m.holder[name], m.until[name] = holder, until
	return true, nil
}

func (m *memLeases) ReleaseLease(_ context.Context, name, holder string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.holder[name] == holder {
		delete(m.holder, name)
	}
	return nil
}

// TestLeaseOneHolderAtATime: two replicas' leases on one store: one holds,
// the other does not until it is released; a held lease is not asked of
// the store again until half its time is gone; a nil lease is always held.
func TestLeaseOneHolderAtATime(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	store := &memLeases{holder: map[string]string{}, until: map[string]time.Time{}}
	a := &search.Lease{Store: store, Holder: "a", TTL: time.Hour}
	b := &search.Lease{Store: store, Holder: "b", TTL: time.Hour}
	if ok, err := a.Hold(ctx); !ok || err != nil {
		t.Fatalf("a.Hold = %v, %v; want held", ok, err)
	}
	if ok, _ := b.Hold(ctx); ok {
		t.Fatal("b holds the lease a holds")
	}
	calls := store.calls
	if ok, _ := a.Hold(ctx); !ok || store.calls != calls {
		t.Errorf("a.Hold again: %v with %d calls to the store, want held with none", ok, store.calls-calls)
	}
	if err := a.Release(ctx); err != nil {
		t.Fatal(err)
	}
	if ok, _ := b.Hold(ctx); !ok {
		t.Error("b does not get the lease a released")
	}
	if ok, _ := a.Hold(ctx); ok {
		t.Error("a holds the lease again while b does")
	}
	var none *search.Lease
	if ok, err := none.Hold(ctx); !ok || err != nil {
		t.Errorf("nil lease: %v, %v; want held", ok, err)
	}
}
