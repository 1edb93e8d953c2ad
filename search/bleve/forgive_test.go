package bleve_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
)

// forgivingIndex holds a few texts among many that share one common word
// ("remissvar"), as a real archive of consultation responses does.
func forgivingIndex(t *testing.T) app.SearchIndex {
	t.Helper()
	ix := mustOpen(t, t.TempDir()).Public()
	doc := func(id, title, body string) app.SearchDoc {
		return app.SearchDoc{ID: id, Type: app.TypeStatement, Status: "published", Title: title, Body: body}
	}
	docs := []app.SearchDoc{
		doc("vind", "Rättssäker vindkraftsprövning", "Remissvar om en rättssäker och förutsägbar prövning av vindkraft."),
		doc("eln", "Elnätet i norr", "Remissvar: elnätet behöver förstärkas för industrins elektrifiering."),
		doc("stal", "Stålverket i Luleå", "Remissvar om stålverk och vätgas."),
		doc("stalvark", "Om stålvärk", "Ett remissvar där stålvärk står felstavat."),
		doc("hamn", "Hamnar och vätgas", "Vätgas i hamnarna, remissvar om logistik."),
		doc("gas", "Vätgasens roll", "Vätgas och åter vätgas, remissvar."),
	}
	for i := range 30 {
		docs = append(docs, doc(fmt.Sprintf("rv%02d", i), fmt.Sprintf("Remissvar nummer %d", i),
			"Ett remissvar om skolan, vården och kulturen i kommunen."))
	}
	if err := ix.Index(t.Context(), docs...); err != nil {
		t.Fatal(err)
	}
	return ix
}

func top(t *testing.T, ix app.SearchIndex, text string, n int) []string {
	t.Helper()
	res, err := ix.Search(t.Context(), app.SearchQuery{Text: text, Page: app.Page{Number: 1, Size: n}})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids
}

// TestTyposAlwaysTakePart: a misspelt word finds its texts even when a
// common word of the same query finds many others (the old search only
// tried typos when the exact words found fewer than ten), and the text
// meant ranks first.
func TestTyposAlwaysTakePart(t *testing.T) {
	t.Parallel()
	ix := forgivingIndex(t)
	for _, c := range []struct{ query, want string }{
		{"elnäted", "eln"},
		{"elnäted remissvar", "eln"},
		{"rättsäker vindkrafsprövning remissvar", "vind"}, // two typos and a common word
		{"rättsäker vindkraftsprövnign", "vind"},          // a swapped pair counts as two edits
		{"vindkraftprövning rättssäker remisvar", "vind"}, // a typo in the common word too
	} {
		if got := top(t, ix, c.query, 5); len(got) == 0 || got[0] != c.want {
			t.Errorf("%q: top %v, want %q first", c.query, got, c.want)
		}
	}
}

// TestTyposRankBelowExactAndStemmed: the text holding the word or one of
// its forms ranks above the text holding a word one edit away.
func TestTyposRankBelowExactAndStemmed(t *testing.T) {
	t.Parallel()
	ix := forgivingIndex(t)
	got := top(t, ix, "stålverk", 5)
	if i, j := slices.Index(got, "stal"), slices.Index(got, "stalvark"); i < 0 || j < 0 || i > j {
		t.Errorf("stålverk: %v, want stal (exact) above stalvark (one edit), both found", got)
	}
}

// TestMoreWordsRankFirst: when no text holds every word, those holding
// more of them come first, however often another holds one.
func TestMoreWordsRankFirst(t *testing.T) {
	t.Parallel()
	ix := forgivingIndex(t)
	got := top(t, ix, "vätgas hamnar stålverket", 5)
	if len(got) < 3 || !slices.Contains(got[:2], "hamn") || !slices.Contains(got[:2], "stal") {
		t.Errorf("vätgas hamnar stålverket: %v, want hamn and stal (two words each) before gas (one word, often)", got)
	}
}

// TestDidYouMean: a query that finds little gets the spelling the index's
// own words suggest, and never a word only the other index holds.
func TestDidYouMean(t *testing.T) {
	t.Parallel()
	e := mustOpen(t, t.TempDir())
	pub := app.SearchDoc{ID: "p", Type: app.TypeStatement, Status: "published", Title: "Elnätet i norr",
		Body: "Elnätet behöver förstärkas. Elnätet är fullt."}
	draft := app.SearchDoc{ID: "d", Type: app.TypeStatement, Status: "draft", Title: "Sekretessbudgeten",
		Body: "Sekretessbudgeten och sekretessbudgeten igen."}
	if err := e.Public().Index(t.Context(), pub); err != nil {
		t.Fatal(err)
	}
	if err := e.Internal().Index(t.Context(), pub, draft); err != nil {
		t.Fatal(err)
	}
	ask := func(ix app.SearchIndex, text string) *app.SearchResult {
		t.Helper()
		res, err := ix.Search(t.Context(), app.SearchQuery{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if res := ask(e.Public(), "elnäted"); res.Total != 1 || res.DidYouMean != "elnätet" {
		t.Errorf("elnäted: %d hits, did you mean %q; want the text and \"elnätet\"", res.Total, res.DidYouMean)
	}
	if res := ask(e.Public(), "Elnätet i norr"); res.DidYouMean != "" {
		t.Errorf("a query spelt as the index has it: did you mean %q, want none", res.DidYouMean)
	}
	if res := ask(e.Public(), "sekretessbudgetn"); res.Total != 0 || res.DidYouMean != "" {
		t.Errorf("public sekretessbudgetn: %d hits, did you mean %q; want nothing (the word is in a draft only)", res.Total, res.DidYouMean)
	}
	if res := ask(e.Internal(), "sekretessbudgetn"); res.DidYouMean != "sekretessbudgeten" {
		t.Errorf("internal sekretessbudgetn: did you mean %q, want sekretessbudgeten", res.DidYouMean)
	}
}

// TestMisspeltInflectionFound: a word written three edits from every form
// the texts have, but one from their base form ("sysselsätning" for
// "sysselsättningen": sysselsättning), finds them, ranked first; a base
// form is no spelling to suggest.
func TestMisspeltInflectionFound(t *testing.T) {
	t.Parallel()
	ix := mustOpen(t, t.TempDir()).Public()
	docs := []app.SearchDoc{
		{ID: "jobb", Type: app.TypeStatement, Status: "published", Title: "Bostäder åt fler",
			Body: "Stöd till bostadsbyggande i kommuner med snabb ökning av sysselsättningen."},
		{ID: "annat", Type: app.TypeStatement, Status: "published", Title: "Vätgas", Body: "Vätgas i hamnarna."},
	}
	if err := ix.Index(t.Context(), docs...); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(t.Context(), app.SearchQuery{Text: "sysselsätning"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || res.Hits[0].ID != "jobb" || res.DidYouMean != "" {
		t.Errorf("sysselsätning: %d hits %+v, did you mean %q; want jobb and no suggestion", res.Total, res.Hits, res.DidYouMean)
	}
	if !strings.Contains(res.Hits[0].Snippet, "<mark>sysselsättningen</mark>") {
		t.Errorf("snippet %q does not mark sysselsättningen", res.Hits[0].Snippet)
	}
}
