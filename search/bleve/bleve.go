// Package bleve is the embedded search engine: two Bleve indexes on local
// disk, one public (public things only: see search.IsPublic) and one internal, analysed
// with Samsyn's Swedish pipeline (package swedish). It needs no set-up and
// is the default when no Meilisearch server is configured.
//
// Each index lives in a generation directory (public-<n>.bleve) named by a
// pointer file (public.current). Rebuild fills new generations beside the
// live ones; Commit rewrites the pointers and switches the open indexes, so
// searches never see a half-built index.
package bleve

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/samsyn/samsyn/app"
)

var _ app.SearchEngine = (*Engine)(nil)

// Engine holds the public and the internal index. It is safe for
// concurrent use.
type Engine struct {
	dir      string
	public   *Index
	internal *Index
	stale    bool
}

// Open opens the indexes under dir, creating the directory and the indexes
// when they do not exist yet. An index built by an older version of the
// analysis is replaced by an empty one (see Stale).
func Open(dir string) (*Engine, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("bleve: create %s: %w", dir, err)
	}
	e := &Engine{dir: dir}
	var err error
	if e.public, err = e.openLive("public"); err != nil {
		return nil, err
	}
	if e.internal, err = e.openLive("internal"); err != nil {
		_ = e.public.close()
		return nil, err
	}
	return e, nil
}

// Stale reports whether Open replaced an index of an older analysis with
// an empty one, so that the caller rebuilds it from the store.
func (e *Engine) Stale() bool { return e.stale }

// lockWait is how long Open waits for another process that holds an index.
const lockWait = "2s"

// openLive opens the live generation of index name.
func (e *Engine) openLive(name string) (*Index, error) {
	gen := name + ".bleve"
	if b, err := os.ReadFile(e.pointer(name)); err == nil {
		gen = strings.TrimSpace(string(b))
	}
	path := filepath.Join(e.dir, gen)
	idx, err := bleve.OpenUsing(path, runtimeConfig())
	switch {
	case errors.Is(err, bleve.ErrorIndexPathDoesNotExist):
		return e.create(name)
	case err != nil:
		return nil, fmt.Errorf("bleve: open %s: %w", path, err)
	}
	if v, _ := idx.GetInternal([]byte(versionKey)); string(v) != mappingVersion {
		_ = idx.Close()
		e.stale = true
		ix, err := e.create(name)
		if err == nil {
			_ = os.RemoveAll(path)
		}
		return ix, err
	}
	return &Index{idx: idx, path: path, facets: newFacetCache()}, nil
}

const versionKey = "samsyn_mapping_version"

// floorSegmentDocs is the merge planner's smallest tier, in documents
// (Bleve's default: 2,000), and segmentsPerTier how many segments a tier
// may hold (default 10). The planner allows about as many segments as the
// index holds tiers' worth of documents, rounded up: below the default
// floor that is one, so an index of fewer than 2,000 documents (every
// network's own) merged all of itself into one segment after each write —
// every saved draft rewrote the index, and saves waited for it (samsyn
// bench at 1,000 documents: save p99 36–58 ms, with these 13–22 ms). Four
// to a tier keeps the segments a query reads few at 10,000 (up to 9; the
// default 5; ten to a tier over this floor 19, and 374 instead of 423 full
// queries a second from 16 clients).
const (
	floorSegmentDocs = 100
	segmentsPerTier  = 4
)

// runtimeConfig is how every index is opened: waiting a while for another
// process's lock, and merging segments as the consts above say (scorch
// reads the merge options as JSON over its defaults).
func runtimeConfig() map[string]any {
	return map[string]any{"bolt_timeout": lockWait, "scorchMergePlanOptions": map[string]any{
		"FloorSegmentSize": floorSegmentDocs, "MaxSegmentsPerTier": segmentsPerTier, "SegmentsPerMergeTask": segmentsPerTier}}
}

// create makes a new, empty generation of index name and points to it.
func (e *Engine) create(name string) (*Index, error) {
	ix, err := e.newGeneration(name)
	if err != nil {
		return nil, err
	}
	if err := e.point(name, ix.path); err != nil {
		_ = ix.close()
		return nil, err
	}
	return ix, nil
}

func (e *Engine) newGeneration(name string) (*Index, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	path := filepath.Join(e.dir, name+"-"+strconv.FormatInt(time.Now().UnixNano(), 36)+".bleve")
	idx, err := bleve.NewUsing(path, m, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, runtimeConfig())
	if err != nil {
		return nil, fmt.Errorf("bleve: create %s: %w", path, err)
	}
	if err := idx.SetInternal([]byte(versionKey), []byte(mappingVersion)); err != nil {
		_ = idx.Close()
		return nil, fmt.Errorf("bleve: stamp %s: %w", path, err)
	}
	return &Index{idx: idx, path: path, facets: newFacetCache()}, nil
}

func (e *Engine) pointer(name string) string { return filepath.Join(e.dir, name+".current") }

// point makes path the live generation of index name, atomically.
func (e *Engine) point(name, path string) error {
	tmp := e.pointer(name) + ".tmp"
	if err := os.WriteFile(tmp, []byte(filepath.Base(path)+"\n"), 0o640); err != nil {
		return fmt.Errorf("bleve: write pointer: %w", err)
	}
	if err := os.Rename(tmp, e.pointer(name)); err != nil {
		return fmt.Errorf("bleve: switch pointer: %w", err)
	}
	return nil
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
		if _, err := ix.docCount(); err != nil {
			return fmt.Errorf("bleve: ping: %w", err)
		}
	}
	return nil
}

// Close closes both indexes.
func (e *Engine) Close() error {
	return errors.Join(e.public.close(), e.internal.close())
}

// Rebuild creates new, empty generations of both indexes.
func (e *Engine) Rebuild(ctx context.Context) (app.SearchRebuild, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	pub, err := e.newGeneration("public")
	if err != nil {
		return nil, err
	}
	in, err := e.newGeneration("internal")
	if err != nil {
		_ = pub.discard()
		return nil, err
	}
	return &rebuild{e: e, public: pub, internal: in}, nil
}

type rebuild struct {
	e                *Engine
	public, internal *Index
	done             bool
}

func (r *rebuild) Public() app.SearchIndex   { return r.public }
func (r *rebuild) Internal() app.SearchIndex { return r.internal }

// Commit points to the new generations and switches the live indexes to
// them; the old generations are closed and removed.
func (r *rebuild) Commit(ctx context.Context) error {
	if r.done {
		return errors.New("bleve: rebuild already finished")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	r.done = true
	var errs []error
	for _, p := range []struct {
		name       string
		live, next *Index
	}{{"public", r.e.public, r.public}, {"internal", r.e.internal, r.internal}} {
		if err := r.e.point(p.name, p.next.path); err != nil {
			errs = append(errs, err, p.next.discard())
			continue
		}
		errs = append(errs, p.live.replace(p.next))
	}
	return errors.Join(errs...)
}

// Abort removes the new generations.
func (r *rebuild) Abort(context.Context) error {
	if r.done {
		return nil
	}
	r.done = true
	return errors.Join(r.public.discard(), r.internal.discard())
}
