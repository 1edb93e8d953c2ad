package main

import (
	"context"
	"fmt"
	"time"

	"github.com/samsyn/samsyn/search"
	"github.com/samsyn/samsyn/search/meili"
)

// benchMeiliPrefix keeps the bench's indexes apart from a real installation's.
const benchMeiliPrefix = "samsyn_bench_"

// meili fills Meilisearch indexes of its own from the store with the real
// rebuild, then measures the same searches on it, in-process and through
// a second server whose search is Meilisearch.
func (b *benchStack) meili(ctx context.Context, o benchOptions) ([]searchRun, *meiliLoad, error) {
	eng, err := meili.Open(ctx, b.meiliURL, b.meiliKey, meili.WithIndexPrefix(benchMeiliPrefix))
	if err != nil {
		return nil, nil, fmt.Errorf("open Meilisearch: %w", err)
	}
	defer eng.Close()
	t := time.Now()
	st, err := search.Rebuild(ctx, eng, b.s.searchStores().Listers())
	if err != nil {
		return nil, nil, fmt.Errorf("fill Meilisearch: %w", err)
	}
	took := time.Since(t)
	load := &meiliLoad{Documents: st.Internal, Seconds: round(took.Seconds()), DocsPerSec: round(float64(st.Internal) / took.Seconds())}
	on := *b.s
	on.search = eng
	srv, base, err := b.env.listen(&on)
	if err != nil {
		return nil, nil, err
	}
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_ = srv.Shutdown(sctx)
		cancel()
	}()
	runs, err := b.searchAll(ctx, o, "meili", eng, base)
	return runs, load, err
}
