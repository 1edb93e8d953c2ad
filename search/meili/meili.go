// Package meili is the search engine for deployments: two Meilisearch
// indexes, one public (published statements only) and one internal, set up
// in code when the engine opens. It talks to the server with the official
// client, github.com/meilisearch/meilisearch-go.
package meili

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"github.com/meilisearch/meilisearch-go"

	"github.com/samsyn/samsyn/app"
)

var _ app.SearchEngine = (*Engine)(nil)

// PinnedVersion is the Meilisearch release this adapter is written and
// contract-tested against (search/meili/contract_table_test.go); the same
// tag is pinned in docker-compose.yml and the README.
const PinnedVersion = "v1.50.0"

// DefaultIndexPrefix names the indexes samsyn_public and samsyn_internal.
const DefaultIndexPrefix = "samsyn_"

var uidRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,400}$`)

// Engine holds the public and the internal index. It is safe for
// concurrent use.
type Engine struct {
	client        meilisearch.ServiceManager // admin key: set-up and writes
	searchClients []meilisearch.ServiceManager
	public        *Index
	internal      *Index
}

// Option changes how Open sets up the engine.
type Option func(*config)

type config struct {
	prefix                       string
	publicSearch, internalSearch string
}

// WithIndexPrefix names the indexes prefix+"public" and prefix+"internal",
// so that several installations or test runs can share one server.
func WithIndexPrefix(prefix string) Option {
	return func(c *config) { c.prefix = prefix }
}

// WithSearchKeys gives the search-only keys of the public and the internal
// index, made beforehand (docker-compose.yml's meili-keys): the engine then
// searches with them and manages no keys, so its own key needs no keys.*
// action.
func WithSearchKeys(public, internal string) Option {
	return func(c *config) { c.publicSearch, c.internalSearch = public, internal }
}

// Open connects to the Meilisearch server at url with the API key (empty
// for none), creates the two indexes when missing and applies and verifies
// their settings, waiting until the server has done so. It searches each
// index with a search-only key scoped to that index alone: those given by
// WithSearchKeys, or else, with a key, ones it creates (or reuses); the
// given key is never used to search.
func Open(ctx context.Context, url, key string, opts ...Option) (*Engine, error) {
	cfg := config{prefix: DefaultIndexPrefix}
	for _, o := range opts {
		o(&cfg)
	}
	if !uidRE.MatchString(cfg.prefix + "internal") {
		return nil, fmt.Errorf("meili: index prefix %q: only letters, digits, - and _", cfg.prefix)
	}
	var mopts []meilisearch.Option
	if key != "" {
		mopts = append(mopts, meilisearch.WithAPIKey(key))
	}
	client := meilisearch.New(url, mopts...)
	e := &Engine{
		client:   client,
		public:   newIndex(client, cfg.prefix+"public"),
		internal: newIndex(client, cfg.prefix+"internal"),
	}
	if err := e.setUp(ctx); err != nil {
		client.Close()
		return nil, err
	}
	switch {
	case cfg.publicSearch != "" && cfg.internalSearch != "":
		e.useSearchKeys(url, cfg.publicSearch, cfg.internalSearch)
	case key != "":
		if err := e.searchKeys(ctx, url); err != nil {
			_ = e.Close()
			return nil, err
		}
	}
	return e, nil
}

func (e *Engine) setUp(ctx context.Context) error {
	if _, err := e.client.Health(ctx); err != nil {
		return fmt.Errorf("meili: server unreachable: %w", err)
	}
	for _, ix := range e.indexes() {
		if err := ix.setUp(ctx, e.client); err != nil {
			return err
		}
	}
	return nil
}

func (e *Engine) indexes() []*Index { return []*Index{e.public, e.internal} }

// Public returns the index of published statements.
func (e *Engine) Public() app.SearchIndex { return e.public }

// Internal returns the index of everything members may search.
func (e *Engine) Internal() app.SearchIndex { return e.internal }

// Ping reports an error unless the server is available and both indexes
// exist.
func (e *Engine) Ping(ctx context.Context) error {
	h, err := e.client.Health(ctx)
	if err != nil {
		return fmt.Errorf("meili: ping: %w", err)
	}
	if h.Status != "available" {
		return fmt.Errorf("meili: ping: server status %q: %w", h.Status, meilisearch.ErrMeilisearchNotAvailable)
	}
	var errs []error
	for _, ix := range e.indexes() {
		if _, err := ix.ix.FetchInfo(ctx); err != nil {
			errs = append(errs, fmt.Errorf("meili: ping index %s: %w", ix.uid, err))
		}
	}
	return errors.Join(errs...)
}

// Drop deletes both indexes and their documents from the server; tests
// that share a server clean up with it.
func (e *Engine) Drop(ctx context.Context) error {
	var errs []error
	for _, ix := range e.indexes() {
		task, err := e.client.DeleteIndex(ctx, ix.uid)
		if err == nil {
			err = ix.wait(ctx, task, meilisearch.APIErrCodeIndexNotFound)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("meili: drop %s: %w", ix.uid, err))
		}
	}
	return errors.Join(errs...)
}

// Close releases the client's idle connections; the server keeps the data.
func (e *Engine) Close() error {
	e.client.Close()
	for _, c := range e.searchClients {
		c.Close()
	}
	return nil
}
