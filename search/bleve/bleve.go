// Package bleve is the embedded search engine: two Bleve indexes on local
// disk, one public (published statements only) and one internal, with
// Swedish text analysis. It needs no set-up and is the default when no
// Meilisearch server is configured.
package bleve

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"

	"github.com/samsyn/samsyn/app"
)

var _ app.SearchEngine = (*Engine)(nil)

// Engine holds the public and the internal index. It is safe for
// concurrent use.
type Engine struct {
	public   *Index
	internal *Index
}

// Open opens the indexes dir/public.bleve and dir/internal.bleve, creating
// the directory and the indexes when they do not exist yet.
func Open(dir string) (*Engine, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("bleve: create %s: %w", dir, err)
	}
	public, err := openIndex(filepath.Join(dir, "public.bleve"))
	if err != nil {
		return nil, err
	}
	internal, err := openIndex(filepath.Join(dir, "internal.bleve"))
	if err != nil {
		_ = public.idx.Close()
		return nil, err
	}
	return &Engine{public: public, internal: internal}, nil
}

// lockWait is how long Open waits for another process that holds an index.
const lockWait = "2s"

func openIndex(path string) (*Index, error) {
	idx, err := bleve.OpenUsing(path, map[string]any{"bolt_timeout": lockWait})
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		m, merr := newMapping()
		if merr != nil {
			return nil, merr
		}
		idx, err = bleve.New(path, m)
	}
	if err != nil {
		return nil, fmt.Errorf("bleve: open %s: %w", path, err)
	}
	return &Index{idx: idx}, nil
}

// Public returns the index of published statements.
func (e *Engine) Public() app.SearchIndex { return e.public }

// Internal returns the index of everything members may search.
func (e *Engine) Internal() app.SearchIndex { return e.internal }

// Ping reports an error unless both indexes are open and readable.
func (e *Engine) Ping(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, ix := range []*Index{e.public, e.internal} {
		if _, err := ix.idx.DocCount(); err != nil {
			return fmt.Errorf("bleve: ping %s: %w", ix.idx.Name(), err)
		}
	}
	return nil
}

// Close closes both indexes.
func (e *Engine) Close() error {
	return errors.Join(e.public.close(), e.internal.close())
}
