package meili

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/search/searchtest"
)

// TestConformance runs the shared suite against the server named by
// SAMSYN_MEILI_URL (key in SAMSYN_MEILI_KEY). Each engine gets indexes
// under a fresh prefix, deleted when the test ends.
func TestConformance(t *testing.T) {
	url := os.Getenv("SAMSYN_MEILI_URL")
	if url == "" {
		t.Skip("SAMSYN_MEILI_URL not set: Meilisearch conformance cases need a real server")
	}
	key := os.Getenv("SAMSYN_MEILI_KEY")
	searchtest.Run(t, func(t *testing.T) app.SearchEngine {
		return mustOpen(t, url, key)
	})
}

func mustOpen(t *testing.T, url, key string) *Engine {
	t.Helper()
	prefix := "samsyn_test_" + randomHex(t) + "_"
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	e, err := Open(ctx, url, key, WithIndexPrefix(prefix))
	if err != nil {
		t.Fatalf("Open(%s): %v", url, err)
	}
	t.Cleanup(func() { dropIndexes(t, e) })
	return e
}

// dropIndexes deletes the engine's indexes and closes it. It runs in
// t.Cleanup, after t.Context is canceled, so it makes its own context.
func dropIndexes(t *testing.T, e *Engine) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, ix := range e.indexes() {
		task, err := e.client.DeleteIndex(ctx, ix.uid)
		if err == nil {
			err = ix.wait(ctx, task)
		}
		if err != nil {
			t.Errorf("delete index %s: %v", ix.uid, err)
		}
	}
	if err := e.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

func randomHex(t *testing.T) string {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		t.Fatalf("random prefix: %v", err)
	}
	return hex.EncodeToString(b)
}
