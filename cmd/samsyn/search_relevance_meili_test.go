package main

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/search"
	"github.com/samsyn/samsyn/search/meili"
)

// meiliRelevanceNotes say, for the relevance queries Meilisearch may answer
// otherwise than Bleve, why; a miss among them is logged with its reason.
var meiliRelevanceNotes = map[string]string{
	`"statlig partner"`: "the adapter drops quotes, so the phrase is searched as its words near each other " +
		"(Meilisearch's phrase search would demand the exact words and miss the inflected forms the Swedish pipeline adds)",
}

// TestRelevanceMeilisearch runs the same relevance set against the
// Meilisearch server named by SAMSYN_MEILI_URL and requires the same
// recall@5 of 0.9. It cannot run on our machines (no server is obtainable
// there), so without SAMSYN_MEILI_URL it says so and skips.
func TestRelevanceMeilisearch(t *testing.T) {
	url := os.Getenv("SAMSYN_MEILI_URL")
	if url == "" {
		t.Skip("SAMSYN_MEILI_URL not set: the relevance set runs against Meilisearch only with a real server")
	}
	t.Parallel()
	s := demoStack(t)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	eng, err := meili.Open(t.Context(), url, os.Getenv("SAMSYN_MEILI_KEY"),
		meili.WithIndexPrefix("samsyn_relevance_"+hex.EncodeToString(b)+"_"))
	if err != nil {
		t.Fatalf("open Meilisearch at %s: %v", url, err)
	}
	t.Cleanup(func() { _ = eng.Drop(t.Context()); _ = eng.Close() })
	if _, err := search.Rebuild(t.Context(), eng, s.searchStores().Listers()); err != nil {
		t.Fatal(err)
	}
	recall, misses := recallAt5(t, func(q string) []string {
		res, err := eng.Internal().Search(t.Context(), app.SearchQuery{Text: q, Page: app.Page{Number: 1, Size: 5}})
		if err != nil {
			t.Fatal(err)
		}
		return titles(res.Hits)
	})
	t.Logf("recall@5 on %d queries with Meilisearch %s: %.2f", len(relevanceSet), meili.PinnedVersion, recall)
	for _, m := range misses {
		reason := "no known difference"
		for q, why := range meiliRelevanceNotes {
			if strings.HasPrefix(m, strconv.Quote(q)+" →") {
				reason = "known difference: " + why
			}
		}
		t.Logf("miss: %s (%s)", m, reason)
	}
	if recall < 0.9 {
		t.Errorf("recall@5 = %.2f, want at least 0.90", recall)
	}
}
