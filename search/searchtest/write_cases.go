package searchtest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
)

func testReindexReplaces(t *testing.T, open Opener) {
	idx := openWithFixtures(t, open)
	d := fixtures()[0]
	d.Title = "Elnätet i Västerbotten behöver förstärkas"
	d.Members = []string{"skelleftea"}
	mustIndex(t, idx, d)
	q := app.SearchQuery{}
	res := mustSearch(t, idx, q)
	wantIDs(t, q, res, "s2", "s1", "s3")
	if got := res.Facets["member"]["lulea"]; got != 1 {
		t.Errorf("member facet lulea = %d after re-index, want 1", got)
	}
	q = app.SearchQuery{Text: "Norrbotten"}
	wantIDs(t, q, mustSearch(t, idx, q))
	q = app.SearchQuery{Text: "Västerbotten"}
	wantIDs(t, q, mustSearch(t, idx, q), "s1")
}

func testDeleteRemoves(t *testing.T, open Opener) {
	idx := openWithFixtures(t, open)
	if err := idx.Delete(ctx(t), "s1", "no-such-id"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	q := app.SearchQuery{Text: "elnätet"}
	wantIDs(t, q, mustSearch(t, idx, q))
	q = app.SearchQuery{}
	res := mustSearch(t, idx, q)
	wantIDs(t, q, res, "s2", "s3")
	if _, ok := res.Facets["member"]["boden"]; ok {
		t.Errorf("facet still counts the deleted document: %v", res.Facets["member"])
	}
}

func testEmptyCalls(t *testing.T, open Opener) {
	idx := openWithFixtures(t, open)
	if err := idx.Index(ctx(t)); err != nil {
		t.Errorf("Index with no documents: %v", err)
	}
	if err := idx.Delete(ctx(t)); err != nil {
		t.Errorf("Delete with no ids: %v", err)
	}
	if err := idx.Index(ctx(t), app.SearchDoc{Title: "Utan id"}); err == nil {
		t.Error("Index of a document without an ID succeeded, want an error")
	}
	q := app.SearchQuery{}
	wantIDs(t, q, mustSearch(t, idx, q), "s2", "s1", "s3")
}

func testSeparateIndexes(t *testing.T, open Opener) {
	e := open(t)
	mustIndex(t, e.Public(), fixtures()[0])
	draft := app.SearchDoc{
		ID: "draft1", Type: "statement", Kind: "joint_statement", Status: "draft",
		Title: "Hemligt utkast om vätgas", Members: []string{"gallivare"},
		Topics: []string{"vätgas"}, PublishedAt: stockholm(2025, time.March, 3, 8, 0),
	}
	mustIndex(t, e.Internal(), draft)

	q := app.SearchQuery{Text: "vätgas"}
	wantIDs(t, q, mustSearch(t, e.Public(), q))
	wantIDs(t, q, mustSearch(t, e.Internal(), q), "draft1")
	q = app.SearchQuery{}
	res := mustSearch(t, e.Public(), q)
	wantIDs(t, q, res, "s1")
	if n, ok := res.Facets["member"]["gallivare"]; ok {
		t.Errorf("public facets count the internal draft (%d)", n)
	}
	if err := e.Public().Delete(ctx(t), "draft1"); err != nil {
		t.Fatalf("Delete from public: %v", err)
	}
	wantIDs(t, q, mustSearch(t, e.Internal(), q), "draft1")
}

func testConcurrent(t *testing.T, open Opener) {
	idx := open(t).Public()
	const writers, perWriter = 4, 8
	var wg sync.WaitGroup
	errs := make(chan error, writers*perWriter*2)
	for w := range writers {
		wg.Go(func() {
			for i := range perWriter {
				d := app.SearchDoc{
					ID: fmt.Sprintf("c%d-%d", w, i), Type: "statement", Kind: "position_paper",
					Title: "Samtidig skrivning om elnätet", Members: []string{fmt.Sprintf("m%d", w)},
				}
				errs <- idx.Index(ctx(t), d)
			}
		})
		wg.Go(func() {
			for range perWriter {
				_, err := idx.Search(ctx(t), app.SearchQuery{Text: "elnätet", Member: "m1"})
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("concurrent call: %v", err)
		}
	}
	res := mustSearch(t, idx, app.SearchQuery{Text: "elnätet", Page: app.Page{Number: 1, Size: 100}})
	if res.Total != writers*perWriter || len(res.Hits) != writers*perWriter {
		t.Errorf("after concurrent writes: Total %d, %d hits; want %d", res.Total, len(res.Hits), writers*perWriter)
	}
	if got := res.Facets["member"]["m2"]; got != perWriter {
		t.Errorf("member facet m2 = %d, want %d", got, perWriter)
	}
}
