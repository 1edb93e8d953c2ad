package meili

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/meilisearch/meilisearch-go"

	"github.com/samsyn/samsyn/app"
)

// nextSuffix begins the names of the indexes a rebuild fills beside the
// live ones; a random part follows, so that two rebuilds at once (two
// replicas, or samsyn reindex beside a server) never fill or drop each
// other's.
const nextSuffix = "_next_"

// Rebuild creates empty, set-up indexes beside the live ones, under names
// of its own.
func (e *Engine) Rebuild(ctx context.Context) (app.SearchRebuild, error) {
	e.dropStaleStaging(ctx, time.Now().Add(-staleStaging))
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	suffix := nextSuffix + hex.EncodeToString(b)
	r := &rebuild{e: e, public: newIndex(e.client, e.public.uid+suffix),
		internal: newIndex(e.client, e.internal.uid+suffix)}
	for _, ix := range []*Index{r.public, r.internal} {
		if err := ix.setUp(ctx, e.client); err != nil {
			return nil, errors.Join(err, r.drop(ctx))
		}
	}
	return r, nil
}

type rebuild struct {
	e                *Engine
	public, internal *Index
}

func (r *rebuild) Public() app.SearchIndex   { return r.public }
func (r *rebuild) Internal() app.SearchIndex { return r.internal }

// Commit swaps both new indexes with the live ones in one task and drops
// the old contents. The search keys are bound to the live names, so they
// see the new indexes at once.
func (r *rebuild) Commit(ctx context.Context) error {
	task, err := r.e.client.SwapIndexes(ctx, []*meilisearch.SwapIndexesParams{
		{Indexes: []string{r.e.public.uid, r.public.uid}},
		{Indexes: []string{r.e.internal.uid, r.internal.uid}},
	})
	if err != nil {
		return fmt.Errorf("meili: swap indexes: %w", err)
	}
	if err := r.e.public.wait(ctx, task); err != nil {
		return err
	}
	return r.drop(ctx)
}

// Abort drops the new indexes.
func (r *rebuild) Abort(ctx context.Context) error { return r.drop(ctx) }

func (r *rebuild) drop(ctx context.Context) error {
	var errs []error
	for _, ix := range []*Index{r.public, r.internal} {
		task, err := r.e.client.DeleteIndex(ctx, ix.uid)
		if err == nil {
			err = ix.wait(ctx, task, meilisearch.APIErrCodeIndexNotFound)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("meili: drop %s: %w", ix.uid, err))
		}
	}
	return errors.Join(errs...)
}

// staleStaging is how old a staging index must be to be taken for one an
// interrupted rebuild left behind: far longer than any rebuild runs.
const staleStaging = 6 * time.Hour

// dropStaleStaging drops the staging indexes of rebuilds that began before
// cutoff and never finished (the process died), so that they do not pile
// up. It does its best: a failure leaves them for the next rebuild.
func (e *Engine) dropStaleStaging(ctx context.Context, cutoff time.Time) {
	const page = 100
	var stale []string
	for offset := int64(0); ; offset += page {
		res, err := e.client.ListIndexes(ctx, &meilisearch.IndexesQuery{Limit: page, Offset: offset})
		if err != nil {
			return
		}
		for _, ix := range res.Results {
			if isStagingOf(ix.UID, e.public.uid, e.internal.uid) && ix.CreatedAt.Before(cutoff) {
				stale = append(stale, ix.UID)
			}
		}
		if len(res.Results) < page {
			break
		}
	}
	for _, uid := range stale {
		if task, err := e.client.DeleteIndex(ctx, uid); err == nil {
			_ = e.public.wait(ctx, task, meilisearch.APIErrCodeIndexNotFound)
		}
	}
}

// isStagingOf reports whether uid names a staging index of one of live.
func isStagingOf(uid string, live ...string) bool {
	for _, l := range live {
		if strings.HasPrefix(uid, l+nextSuffix) {
			return true
		}
	}
	return false
}
