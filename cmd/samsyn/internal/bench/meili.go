package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/samsyn/samsyn/search"
	"github.com/samsyn/samsyn/search/meili"
)

// meiliPrefix keeps the bench's indexes apart from a real installation's.
const meiliPrefix = "samsyn_bench_"

// meili fills Meilisearch indexes of its own from the store with the real
// rebuild, then measures the same searches on it, in-process and through
// a second server whose search is Meilisearch.
func (b *harness) meili(ctx context.Context, o options) ([]searchRun, *meiliLoad, error) {
	eng, err := meili.Open(ctx, b.cfg.MeiliURL, b.cfg.MeiliKey, meili.WithIndexPrefix(meiliPrefix))
	if err != nil {
		return nil, nil, fmt.Errorf("open Meilisearch: %w", err)
	}
	defer eng.Close()
	t := time.Now()
	st, err := search.Rebuild(ctx, eng, b.sys.searchStores().Listers())
	if err != nil {
		return nil, nil, fmt.Errorf("fill Meilisearch: %w", err)
	}
	took := time.Since(t)
	load := &meiliLoad{Documents: st.Internal, Seconds: round(took.Seconds()), DocsPerSec: round(float64(st.Internal) / took.Seconds())}
	srv, base, err := b.sys.listen(eng)
	if err != nil {
		return nil, nil, err
	}
	defer shutdown(srv)
	runs, err := b.searchAll(ctx, o, "meili", eng, base)
	return runs, load, err
}
