package bleve

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/samsyn/samsyn/app"
)

var _ app.SearchIndex = (*Index)(nil)

// Index is one Bleve index. Bleve indexes are safe for concurrent use.
type Index struct {
	idx       bleve.Index
	closeOnce sync.Once
	closeErr  error
}

// storedHit is what a hit shows, kept as JSON in the stored-only "hit" field.
type storedHit struct {
	ID          string    `json:"id"`
	Type        string    `json:"type,omitempty"`
	Kind        string    `json:"kind,omitempty"`
	Title       string    `json:"title,omitempty"`
	Slug        string    `json:"slug,omitempty"`
	Summary     string    `json:"summary,omitempty"`
	Body        string    `json:"body,omitempty"` // the start only, for snippets
	PublishedAt time.Time `json:"published_at"`
	Members     []string  `json:"members,omitempty"`
}

// Index adds or replaces documents by ID, all in one batch. A document
// without an ID is an EINVALID error and nothing is written.
func (ix *Index) Index(ctx context.Context, docs ...app.SearchDoc) error {
	if len(docs) == 0 {
		return nil
	}
	batch := ix.idx.NewBatch()
	for _, d := range docs {
		if strings.TrimSpace(d.ID) == "" {
			return app.Errorf(app.EINVALID, "Ett sökdokument saknar id.")
		}
		fields, err := toFields(d)
		if err != nil {
			return err
		}
		if err := batch.Index(d.ID, fields); err != nil {
			return fmt.Errorf("bleve: index %s: %w", d.ID, err)
		}
	}
	return ix.apply(ctx, batch)
}

// Delete removes documents by ID; unknown IDs are ignored.
func (ix *Index) Delete(ctx context.Context, ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	batch := ix.idx.NewBatch()
	for _, id := range ids {
		batch.Delete(id)
	}
	return ix.apply(ctx, batch)
}

func (ix *Index) apply(ctx context.Context, batch *bleve.Batch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := ix.idx.Batch(batch); err != nil {
		return fmt.Errorf("bleve: batch on %s: %w", ix.idx.Name(), err)
	}
	return nil
}

func (ix *Index) close() error {
	ix.closeOnce.Do(func() { ix.closeErr = ix.idx.Close() })
	return ix.closeErr
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
		ID: d.ID, Type: d.Type, Kind: d.Kind, Title: d.Title, Slug: d.Slug,
		Summary: d.Summary, Body: prefix(d.Body, snippetRunes), PublishedAt: d.PublishedAt.UTC(),
		Members: d.Members,
	})
	if err != nil {
		return nil, fmt.Errorf("bleve: encode %s: %w", d.ID, err)
	}
	f[fieldHit] = string(hit)
	return f, nil
}
