package bleve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"

	"github.com/samsyn/samsyn/app"
)

var _ app.SearchIndex = (*Index)(nil)

// errClosed is returned by an index after Close.
var errClosed = errors.New("bleve: index is closed")

// Index is one Bleve index. Bleve indexes are safe for concurrent use; the
// lock only guards switching to a rebuilt generation.
type Index struct {
	mu     sync.RWMutex
	idx    bleve.Index // nil once closed
	path   string
	closed bool
	facets *facetCache
}

// use runs f on the open index under the read lock.
func (ix *Index) use(f func(bleve.Index) error) error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return errClosed
	}
	return f(ix.idx)
}

// replace switches to next's index and removes the old generation. When
// the index was closed meanwhile (the engine shut down during a rebuild),
// next is closed too and stays on disk: it is the live generation the
// next Open finds.
func (ix *Index) replace(next *Index) error {
	ix.mu.Lock()
	old, oldPath, closed := ix.idx, ix.path, ix.closed
	ix.idx, ix.path = next.idx, next.path
	ix.facets.changed()
	if closed {
		err := next.idx.Close()
		ix.mu.Unlock()
		return errors.Join(err, os.RemoveAll(oldPath))
	}
	ix.mu.Unlock()
	if old == nil {
		return nil
	}
	return errors.Join(old.Close(), os.RemoveAll(oldPath))
}

func (ix *Index) close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil
	}
	ix.closed = true
	return ix.idx.Close()
}

// discard closes the index and removes its files.
func (ix *Index) discard() error {
	return errors.Join(ix.close(), os.RemoveAll(ix.path))
}

func (ix *Index) docCount() (n uint64, err error) {
	err = ix.use(func(b bleve.Index) error {
		n, err = b.DocCount()
		return err
	})
	return n, err
}

// storedHit is what a hit shows, kept as JSON in the stored-only "hit" field.
type storedHit struct {
	hitHead
	// The texts a snippet shows when nothing is highlighted.
	Summary string `json:"summary,omitempty"`
	Body    string `json:"body,omitempty"` // the start only
}

// hitHead is a stored hit without its snippet's texts: all a hit whose
// snippet is highlighted needs decoding (their unquoting was a third of
// the decoding).
type hitHead struct {
	ID          string    `json:"id"`
	Type        string    `json:"type,omitempty"`
	Kind        string    `json:"kind,omitempty"`
	Title       string    `json:"title,omitempty"`
	Slug        string    `json:"slug,omitempty"`
	PublishedAt time.Time `json:"published_at"`
	Members     []string  `json:"members,omitempty"`
}

// Index adds or replaces documents by ID, all in one batch. A document
// without an ID is an EINVALID error and nothing is written.
func (ix *Index) Index(ctx context.Context, docs ...app.SearchDoc) error {
	if len(docs) == 0 {
		return nil
	}
	mapped, err := ix.documents(docs)
	if err != nil {
		return err
	}
	return ix.indexDocuments(ctx, mapped)
}

// documents maps search documents to Bleve's with the index's mapping,
// unanalysed.
func (ix *Index) documents(docs []app.SearchDoc) ([]*document.Document, error) {
	out := make([]*document.Document, len(docs))
	for i, d := range docs {
		if strings.TrimSpace(d.ID) == "" {
			return nil, app.Errorf(app.EINVALID, "Ett sökdokument saknar id.")
		}
		f, err := toFields(d)
		if err != nil {
			return nil, err
		}
		out[i] = document.NewDocument(d.ID)
		err = ix.use(func(idx bleve.Index) error { return idx.Mapping().MapDocument(out[i], f) })
		if err != nil {
			return nil, fmt.Errorf("bleve: index %s: %w", d.ID, err)
		}
	}
	return out, nil
}

// indexDocuments adds or replaces mapped documents in one batch.
func (ix *Index) indexDocuments(ctx context.Context, docs []*document.Document) error {
	if len(docs) == 0 {
		return nil
	}
	return ix.apply(ctx, func(b *bleve.Batch) error {
		for _, d := range docs {
			if err := b.IndexAdvanced(d); err != nil {
				return fmt.Errorf("bleve: index %s: %w", d.ID(), err)
			}
		}
		return nil
	})
}

// Delete removes documents by ID; unknown IDs are ignored. Only the IDs
// the index holds go into a batch, and none when it holds none of them:
// every save of a draft asks the public index to delete it, and a batch
// costs a segment written and synced even when it deletes nothing.
func (ix *Index) Delete(ctx context.Context, ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	res, err := ix.run(ctx, bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false))
	if err != nil {
		return err
	}
	if len(res.Hits) == 0 {
		return nil
	}
	return ix.apply(ctx, func(b *bleve.Batch) error {
		for _, h := range res.Hits {
			b.Delete(h.ID)
		}
		return nil
	})
}

func (ix *Index) apply(ctx context.Context, fill func(*bleve.Batch) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return ix.use(func(idx bleve.Index) error {
		batch := idx.NewBatch()
		if err := fill(batch); err != nil {
			return err
		}
		defer ix.facets.changed() // also after a failed batch: part of it may be in
		if err := idx.Batch(batch); err != nil {
			return fmt.Errorf("bleve: batch on %s: %w", idx.Name(), err)
		}
		return nil
	})
}

// toFields turns a document into the map Bleve indexes, leaving out empty
// values so that they show up in no facet.
func toFields(d app.SearchDoc) (map[string]any, error) {
	f := map[string]any{}
	put := func(name, v string) {
		if v = strings.ToValidUTF8(v, "\uFFFD"); v != "" {
			f[name] = v
		}
	}
	put(fieldTitle, d.Title)
	put(fieldSummary, d.Summary)
	put(fieldBody, d.Body)
	put(fieldReference, d.Reference)
	put(fieldContext, d.Context)
	put(fieldPrefix, d.Title)
	put(fieldFolded, strings.Join([]string{d.Title, d.Summary, d.Body, d.Reference, d.Context}, "\n"))
	put(fieldWords, strings.Join([]string{d.Title, d.Summary, d.Body, d.Context}, "\n"))
	put(fieldKind, d.Kind)
	put(fieldType, d.Type)
	put(fieldStatus, d.Status)
	put(fieldIssuer, d.Issuer)
	if len(d.Topics) > 0 {
		f[fieldTopics] = d.Topics
	}
	if len(d.Members) > 0 {
		f[fieldMembers] = d.Members
	}
	if !d.PublishedAt.IsZero() {
		f[fieldPublished] = d.PublishedAt.UTC()
		f[fieldYear] = strconv.Itoa(d.PublishedAt.In(app.Stockholm).Year())
	}
	hit, err := json.Marshal(storedHit{
		hitHead: hitHead{ID: d.ID, Type: d.Type, Kind: d.Kind, Title: d.Title, Slug: d.Slug,
			PublishedAt: d.PublishedAt.UTC(), Members: d.Members},
		Summary: d.Summary, Body: prefix(d.Body, snippetRunes),
	})
	if err != nil {
		return nil, fmt.Errorf("bleve: encode %s: %w", d.ID, err)
	}
	f[fieldHit] = string(hit)
	return f, nil
}
