package bleve_test

import (
	"reflect"
	"testing"

	"github.com/samsyn/samsyn/app"
)

// TestFacetCountsFollowWrites: facet counts served from the cache equal
// freshly counted ones, on any page, and every write (an added document,
// a deletion, a rebuild) is in the next answer's counts.
func TestFacetCountsFollowWrites(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	e := mustOpen(t, t.TempDir())
	ix := e.Public()
	doc := func(id, topic, member string) app.SearchDoc {
		return app.SearchDoc{ID: id, Type: app.TypeStatement, Status: "published", Title: "Stålindustrins elbehov " + id,
			Topics: []string{topic}, Members: []string{member}}
	}
	if err := ix.Index(ctx, doc("s1", "energi", "Luleå"), doc("s2", "energi", "Borlänge"), doc("s3", "tillstånd", "Luleå")); err != nil {
		t.Fatal(err)
	}
	q := app.SearchQuery{Text: "stålindustrin", Page: app.Page{Number: 1, Size: 2}}
	topics := func(q app.SearchQuery) map[string]int {
		t.Helper()
		res, err := ix.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return res.Facets["topic"]
	}
	first := topics(q)
	if want := map[string]int{"energi": 2, "tillstånd": 1}; !reflect.DeepEqual(first, want) {
		t.Fatalf("counted: %v, want %v", first, want)
	}
	first["energi"] = 99 // a caller changing its answer must not change the cache
	q2 := q
	q2.Page.Number = 2
	if got := topics(q2); !reflect.DeepEqual(got, map[string]int{"energi": 2, "tillstånd": 1}) {
		t.Fatalf("page 2 from the cache: %v", got)
	}
	if err := ix.Index(ctx, doc("s4", "kompetens", "Kiruna")); err != nil {
		t.Fatal(err)
	}
	if got := topics(q); !reflect.DeepEqual(got, map[string]int{"energi": 2, "tillstånd": 1, "kompetens": 1}) {
		t.Fatalf("after indexing s4: %v", got)
	}
	if err := ix.Delete(ctx, "s1", "s2"); err != nil {
		t.Fatal(err)
	}
	if got := topics(q); !reflect.DeepEqual(got, map[string]int{"tillstånd": 1, "kompetens": 1}) {
		t.Fatalf("after deleting s1, s2: %v", got)
	}
	r, err := e.Rebuild(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Public().Index(ctx, doc("s5", "logistik", "Gävle")); err != nil {
		t.Fatal(err)
	}
	if err := r.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if got := topics(q); !reflect.DeepEqual(got, map[string]int{"logistik": 1}) {
		t.Fatalf("after a rebuild: %v", got)
	}
}
