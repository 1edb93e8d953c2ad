package search

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/samsyn/samsyn/app"
)

// Listed is one document of a full listing, with when it last changed.
type Listed struct {
	Task      app.IndexTask
	UpdatedAt time.Time
	// Source, when set, is the store the document came from: the
	// catch-up after a swap reports each document indexed to it, so that
	// a newer version the sync indexed meanwhile is marked again (the
	// fence, as after every sync round).
	Source app.SearchSource
}

// Lister yields every searchable document of one store.
type Lister func(ctx context.Context, yield func(Listed) error) error

// catchUpMargin widens the catch-up window for clocks that disagree a
// little between processes.
const catchUpMargin = time.Minute

// rebuildBatch is how many documents go to the engine at once.
const rebuildBatch = 200

// RebuildStats counts what a rebuild wrote.
type RebuildStats struct {
	Public, Internal, CaughtUp int
}

// Rebuild fills fresh indexes from every lister, swaps them in, and then
// writes again every document changed since it began: a write the sync
// put into the old indexes while the new ones were filling is not lost.
// On failure the live indexes stay as they were.
func Rebuild(ctx context.Context, e app.SearchEngine, listers []Lister) (RebuildStats, error) {
	var st RebuildStats
	start := time.Now().Add(-catchUpMargin)
	rb, err := e.Rebuild(ctx)
	if err != nil {
		return st, fmt.Errorf("start rebuild: %w", err)
	}
	err = each(ctx, listers, func(batch []app.IndexTask) error {
		for _, t := range batch {
			st.Internal++
			if IsPublic(t) {
				st.Public++
			}
		}
		return Apply(ctx, rb.Public(), rb.Internal(), batch)
	}, time.Time{})
	if err != nil {
		return st, errors.Join(fmt.Errorf("fill new indexes: %w", err), rb.Abort(context.WithoutCancel(ctx)))
	}
	if err := rb.Commit(ctx); err != nil {
		return st, fmt.Errorf("swap in new indexes: %w", err)
	}
	err = eachListed(ctx, listers, func(batch []Listed) error {
		st.CaughtUp += len(batch)
		tasks := make([]app.IndexTask, len(batch))
		for i, l := range batch {
			tasks[i] = l.Task
		}
		if err := Apply(ctx, e.Public(), e.Internal(), tasks); err != nil {
			return err
		}
		var errs []error
		for _, l := range batch {
			if l.Source != nil {
				errs = append(errs, l.Source.MarkIndexed(ctx, l.Task.Doc.ID, l.Task.Version))
			}
		}
		return errors.Join(errs...)
	}, start)
	if err != nil {
		return st, fmt.Errorf("catch up after swap (the sync will finish it): %w", err)
	}
	return st, nil
}

// each lists every document changed since since (all for the zero time)
// and hands their tasks on in batches.
func each(ctx context.Context, listers []Lister, f func([]app.IndexTask) error, since time.Time) error {
	return eachListed(ctx, listers, func(batch []Listed) error {
		tasks := make([]app.IndexTask, len(batch))
		for i, l := range batch {
			tasks[i] = l.Task
		}
		return f(tasks)
	}, since)
}

// eachListed is each, handing on the listed documents themselves.
func eachListed(ctx context.Context, listers []Lister, f func([]Listed) error, since time.Time) error {
	for _, list := range listers {
		var batch []Listed
		err := list(ctx, func(l Listed) error {
			if !since.IsZero() && l.UpdatedAt.Before(since) {
				return nil
			}
			if batch = append(batch, l); len(batch) == rebuildBatch {
				err := f(batch)
				batch = nil
				return err
			}
			return nil
		})
		if err == nil && len(batch) > 0 {
			err = f(batch)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
