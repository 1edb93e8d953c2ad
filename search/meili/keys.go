package meili

import (
	"context"
	"fmt"
	"slices"

	"github.com/meilisearch/meilisearch-go"
)

// searchKeys gives each index a search client whose key may only search
// that one index, creating the keys on first start and reusing them after.
// The admin key the engine was opened with is never used for queries.
func (e *Engine) searchKeys(ctx context.Context, url string) error {
	existing, err := e.client.GetKeys(ctx, &meilisearch.KeysQuery{Limit: 1000})
	if err != nil {
		return fmt.Errorf("meili: list API keys: %w", err)
	}
	for _, ix := range e.indexes() {
		key, err := e.searchKey(ctx, existing.Results, ix.uid)
		if err != nil {
			return err
		}
		sc := meilisearch.New(url, meilisearch.WithAPIKey(key))
		e.searchClients = append(e.searchClients, sc)
		ix.search = sc.Index(ix.uid)
	}
	return nil
}

// useSearchKeys searches each index with the key given for it.
func (e *Engine) useSearchKeys(url, public, internal string) {
	for ix, key := range map[*Index]string{e.public: public, e.internal: internal} {
		sc := meilisearch.New(url, meilisearch.WithAPIKey(key))
		e.searchClients = append(e.searchClients, sc)
		ix.search = sc.Index(ix.uid)
	}
}

func keyName(uid string) string { return "samsyn search " + uid }

func (e *Engine) searchKey(ctx context.Context, keys []meilisearch.Key, uid string) (string, error) {
	for _, k := range keys {
		if k.Name == keyName(uid) && isSearchOnly(k, uid) {
			return k.Key, nil
		}
	}
	k, err := e.client.CreateKey(ctx, &meilisearch.Key{
		Name: keyName(uid), Description: "Samsyn: search " + uid + " only",
		Actions: []string{"search"}, Indexes: []string{uid},
	})
	if err != nil {
		return "", fmt.Errorf("meili: create search key for %s: %w", uid, err)
	}
	if !isSearchOnly(*k, uid) {
		return "", fmt.Errorf("meili: search key for %s has actions %v on %v", uid, k.Actions, k.Indexes)
	}
	return k.Key, nil
}

// isSearchOnly reports whether k may do nothing but search index uid.
func isSearchOnly(k meilisearch.Key, uid string) bool {
	return slices.Equal(k.Actions, []string{"search"}) && slices.Equal(k.Indexes, []string{uid}) && k.ExpiresAt.IsZero()
}
