package app

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"
)

// The watch fetches a listing of remisser (SAMSYN_REMISS_WATCH_URL) on a
// schedule and puts the new ones in triage. Replicas share it through a
// lease and a stored state: the one that holds the lease fetches when the
// state says it is time, and writes the next time before it lets go, so
// that two replicas never fetch the same turn. It asks conditionally
// (ETag, Last-Modified), backs off after a server error, and keeps the
// reason of the last failure for the secretariat to see.

// ListingAnswer is what one conditional fetch of a listing gave.
type ListingAnswer struct {
	NotModified  bool // 304: nothing new since the validators
	Intakes      []*RemissIntake
	ETag         string
	LastModified string
}

// ListingFetcher fetches a listing page conditionally. A server error is
// an error with Retry set (see WatchFailure); a page that is no listing
// of remisser, or cannot be reached, is an *Error whose message says why.
type ListingFetcher interface {
	FetchListing(ctx context.Context, url, etag, lastModified string) (*ListingAnswer, error)
}

// WatchFailure marks a failure that is worth retrying sooner than the
// next turn, with back-off: a 5xx answer or no answer at all.
type WatchFailure struct {
	Err error
}

func (f *WatchFailure) Error() string { return f.Err.Error() }
func (f *WatchFailure) Unwrap() error { return f.Err }

// WatchState is the watch's memory of one address, shared by replicas.
type WatchState struct {
	URL          string
	ETag         string
	LastModified string
	LastFetch    time.Time
	LastOK       time.Time
	NextFetch    time.Time
	Failures     int    // in a row
	LastError    string // a message (see Msg); "" after a success
	Added        int    // remisser the last successful fetch put in triage
}

// WatchStateStore keeps the watch state by address; an unknown address
// is ENOTFOUND.
type WatchStateStore interface {
	WatchState(ctx context.Context, url string) (*WatchState, error)
	SaveWatchState(ctx context.Context, s *WatchState) error
}

// RemissWatch is the watch of one listing.
type RemissWatch struct {
	URL     string
	Every   time.Duration // between turns; 6 h by default
	Fetcher ListingFetcher
	Leases  LeaseStore
	States  WatchStateStore
	Imports *RemissImports
	Clock   Clock
	Holder  string                              // this replica (NewLeaseHolder)
	Jitter  func(d time.Duration) time.Duration // extra wait added to d; nil: up to a tenth of it, at random
}

// DefaultWatchEvery is the time between two fetches of the listing.
const DefaultWatchEvery = 6 * time.Hour

// watchLease is the lease one replica holds while it fetches.
const watchLease = "remiss-watch"

// Backoff bounds after a server error: 5 min, doubling, at most Every.
const watchFirstBackoff = 5 * time.Minute

// Turn fetches the listing if it is time, under the lease, and returns
// whether it fetched. A fetch that failed is recorded, not returned; the
// error is the store's.
func (w *RemissWatch) Turn(ctx context.Context) (bool, error) {
	now := w.Clock.Now()
	ok, err := w.Leases.AcquireLease(ctx, watchLease, w.Holder, now, now.Add(FetchBudget))
	if err != nil || !ok {
		return false, err
	}
	defer func() { _ = w.Leases.ReleaseLease(context.WithoutCancel(ctx), watchLease, w.Holder) }()
	st, err := w.States.WatchState(ctx, w.URL)
	switch {
	case ErrorCode(err) == ENOTFOUND:
		st = &WatchState{URL: w.URL}
	case err != nil:
		return false, err
	}
	if now.Before(st.NextFetch) {
		return false, nil
	}
	w.fetch(ctx, st, now)
	return true, w.States.SaveWatchState(ctx, st)
}

// FetchBudget is how long one turn may hold the lease.
const FetchBudget = 2 * time.Minute

func (w *RemissWatch) fetch(ctx context.Context, st *WatchState, now time.Time) {
	st.LastFetch = now
	ans, err := w.Fetcher.FetchListing(ctx, w.URL, st.ETag, st.LastModified)
	if err == nil && !ans.NotModified {
		err = w.take(ctx, st, ans)
	}
	if err != nil {
		st.Failures++
		st.LastError = ErrorMessage(err)
		if ErrorCode(err) == EINTERNAL {
			st.LastError = "error.watch.failed"
		}
		var retry *WatchFailure
		if errors.As(err, &retry) {
			st.NextFetch = now.Add(min(w.every(), watchFirstBackoff<<min(st.Failures-1, 10)))
			return
		}
		st.NextFetch = now.Add(w.next())
		return
	}
	st.Failures, st.LastError, st.LastOK = 0, "", now
	st.NextFetch = now.Add(w.next())
	if ans.ETag != "" || ans.LastModified != "" {
		st.ETag, st.LastModified = ans.ETag, ans.LastModified
	}
}

// take puts the listing's remisser in triage.
func (w *RemissWatch) take(ctx context.Context, st *WatchState, ans *ListingAnswer) error {
	for _, in := range ans.Intakes {
		in.Listing = true // a watched page feeds triage, whatever it is
	}
	res, err := w.Imports.Import(ctx, nil, ans.Intakes)
	st.Added = 0
	for _, r := range res {
		if r.Outcome == ImportTriaged {
			st.Added++
		}
	}
	return err
}

func (w *RemissWatch) every() time.Duration {
	if w.Every <= 0 {
		return DefaultWatchEvery
	}
	return w.Every
}

// next is the wait until the next turn: Every plus jitter, so that many
// installations do not all ask at the same minute.
func (w *RemissWatch) next() time.Duration {
	d := w.every()
	if w.Jitter != nil {
		return d + w.Jitter(d)
	}
	return d + time.Duration(rand.Int64N(int64(d/10)+1))
}

// Status is the watch's state for the secretariat: nil when it never ran.
func (w *RemissWatch) Status(ctx context.Context) (*WatchState, error) {
	st, err := w.States.WatchState(ctx, w.URL)
	if ErrorCode(err) == ENOTFOUND {
		return nil, nil
	}
	return st, err
}

// Run takes a turn every check until ctx ends.
func (w *RemissWatch) Run(ctx context.Context, check time.Duration, warn func(error)) {
	t := time.NewTicker(check)
	defer t.Stop()
	for {
		if _, err := w.Turn(ctx); err != nil && warn != nil && ctx.Err() == nil {
			warn(err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
