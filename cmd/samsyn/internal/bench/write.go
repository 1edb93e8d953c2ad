package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/corpus"
)

// draftBase numbers the drafts the bench writes apart from the corpus.
const draftBase = 1 << 20

// publishLatency creates o.publishes drafts, lets the sync index them
// (internally), then publishes each through the service and times how
// long until the public index finds it: the publish itself, which kicks
// the sync as in serve, and the sync round.
func (b *harness) publishLatency(ctx context.Context, o options) (latency, error) {
	r := rand.New(rand.NewPCG(uint64(len(b.slugs)), 99))
	type draft struct{ id, marker string }
	drafts := make([]draft, o.publishes)
	for k := range drafts {
		marker := corpus.Marker(r)
		st, err := b.desk.Create(ctx, b.admin, b.gen.Draft(draftBase+k, marker))
		if err != nil {
			return latency{}, fmt.Errorf("create draft: %w", err)
		}
		drafts[k] = draft{st.ID, marker}
	}
	if err := b.waitIndexed(ctx); err != nil {
		return latency{}, err
	}
	var ds []time.Duration
	errs := 0
	deadline := time.Now().Add(o.limit)
	for k, d := range drafts {
		if k >= minSamples && time.Now().After(deadline) {
			break
		}
		t := time.Now()
		if _, err := b.desk.Publish(ctx, b.admin, d.id, app.Step{}); err != nil { // kicks the sync, as in serve
			return latency{}, fmt.Errorf("publish: %w", err)
		}
		if err := b.pollPublic(ctx, d.id, d.marker, time.Minute); err != nil {
			errs++
			continue
		}
		ds = append(ds, time.Since(t))
	}
	l := summarise(ds)
	l.Errors = errs
	return l, nil
}

// waitIndexed waits until the running sync has cleared every dirty mark.
func (b *harness) waitIndexed(ctx context.Context) error {
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		pending, err := b.sys.stmts.PendingSearch(ctx, 1)
		if err != nil || len(pending) == 0 {
			return err
		}
		b.sys.syncer.Kick()
		time.Sleep(20 * time.Millisecond)
	}
	return errors.New("the search sync did not catch up within a minute")
}

// pollPublic searches the public index for marker until id is among the
// hits.
func (b *harness) pollPublic(ctx context.Context, id, marker string, limit time.Duration) error {
	q := publicQuery(app.SearchQuery{Text: marker})
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		res, err := b.sys.search.Public().Search(ctx, q)
		if err != nil {
			return err
		}
		for _, h := range res.Hits {
			if h.ID == id {
				return nil
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	return fmt.Errorf("statement %s not searchable after %s", id, limit)
}

// revisionSaves times o.edits saves of a new revision through the
// service, spread over five drafts, while the sync runs as in serve.
func (b *harness) revisionSaves(ctx context.Context, o options) (latency, error) {
	drafts := make([]*app.Statement, 5)
	for k := range drafts {
		st, err := b.desk.Create(ctx, b.admin, b.gen.Draft(2*draftBase+k, ""))
		if err != nil {
			return latency{}, fmt.Errorf("create draft: %w", err)
		}
		drafts[k] = st
	}
	var ds []time.Duration
	deadline := time.Now().Add(o.limit)
	for i := range o.edits {
		if i >= minSamples && time.Now().After(deadline) {
			break
		}
		k := i % len(drafts)
		in := b.gen.Edit(drafts[k], i)
		t := time.Now()
		st, err := b.desk.Edit(ctx, b.admin, drafts[k].ID, in)
		if err != nil {
			return latency{}, fmt.Errorf("save revision: %w", err)
		}
		ds = append(ds, time.Since(t))
		drafts[k] = st
	}
	return summarise(ds), nil
}

// startup opens Samsyn again on dir, as serve does (store, index, sync,
// server), and times it until a public search over HTTP finds documents.
func startup(ctx context.Context, dir string, cfg Config) (float64, error) {
	client := newClient()
	defer client.CloseIdleConnections()
	start := time.Now()
	s, err := openSystem(ctx, dir, cfg.NetworkName)
	if err != nil {
		return 0, err
	}
	defer s.close()
	syncCtx, stop := context.WithCancel(ctx)
	defer stop()
	go s.syncer.RebuildAndRun(syncCtx, s.searchStores())
	srv, base, err := s.listen(s.search)
	if err != nil {
		return 0, err
	}
	defer shutdown(srv)
	u := searchURL(base, app.SearchQuery{Text: "elnätet"})
	for time.Since(start) < time.Minute {
		var ans struct {
			Total int `json:"total"`
		}
		if err := fetchWith(ctx, client, u, func(r io.Reader) error { return json.NewDecoder(r).Decode(&ans) }); err == nil && ans.Total > 0 {
			return ms(time.Since(start)), nil
		}
		time.Sleep(5 * time.Millisecond)
	}
	return 0, errors.New("no search answered within a minute of start-up")
}
