package bleve_test

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/corpus"
	"github.com/samsyn/samsyn/search/bleve"
)

// BenchmarkCorpusQueries runs each class of the bench harness's public
// queries (corpus.Queries) on 3,000 generated statements of ~1,000 words
// with what the harness's carry (benchGenerator; SAMSYN_CORPUS_DOCS sets
// another number): facets, highlights and hit
// mapping included, facet counts cached as in serving. With
// SAMSYN_CORPUS_DIR the index is kept there and used again by the next
// run of the same number of documents and analysis, so that a profile
// shows the queries rather than the indexing.
func BenchmarkCorpusQueries(b *testing.B) {
	n := 3000
	if v, err := strconv.Atoi(os.Getenv("SAMSYN_CORPUS_DOCS")); err == nil && v > 0 {
		n = v
	}
	e := corpusEngine(b, n, os.Getenv("SAMSYN_CORPUS_DIR"))
	for _, class := range corpus.Queries() {
		b.Run(class.Name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				q := class.Queries[i%len(class.Queries)]
				q.Page = app.Page{Number: 1, Size: 20} // as GET /api/v1/search asks
				if _, err := e.Public().Search(b.Context(), q); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// corpusEngine is an engine whose public index holds n generated
// statements: in dir when it already holds them, else indexed anew there
// (in a temporary directory when dir is "").
func corpusEngine(b *testing.B, n int, dir string) *bleve.Engine {
	b.Helper()
	if dir == "" {
		dir = b.TempDir()
	} else {
		dir = fmt.Sprintf("%s/%d", dir, n)
	}
	e, err := bleve.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { e.Close() })
	res, err := e.Public().Search(b.Context(), app.SearchQuery{Page: app.Page{Size: 1}})
	if err != nil {
		b.Fatal(err)
	}
	if res.Total == n {
		return e
	}
	g, consults := benchGenerator()
	var docs []app.SearchDoc
	for i := range n {
		st := g.Statement(i)
		st.ID = fmt.Sprintf("s%05d", i)
		docs = append(docs, app.StatementContext(app.StatementSearchTask(st), consults[st.ConsultationID], nil).PublicDocument())
		if len(docs) == 500 || i == n-1 {
			if err := e.Public().Index(b.Context(), docs...); err != nil {
				b.Fatal(err)
			}
			docs = docs[:0]
		}
	}
	return e
}

// benchGenerator writes statements as the bench harness's does on the
// demo data: signed by its municipalities, a third of them answering its
// consultations, whose titles and issuers their search documents carry
// (app.StatementContext).
func benchGenerator() (*corpus.Generator, map[string]*app.Consultation) {
	g := &corpus.Generator{Seed: 1}
	for i, name := range strings.Fields("Södertälje Oxelösund Finspång Olofström Trollhättan Skövde Degerfors " +
		"Karlskoga Hallstahammar Fagersta Smedjebacken Borlänge Avesta Ludvika Hofors Gävle Sandviken Timrå " +
		"Sundsvall Örnsköldsvik Skellefteå Gällivare Luleå Piteå Boden Kiruna") {
		g.Members = append(g.Members, &app.Member{ID: fmt.Sprintf("m%d", i), Name: name})
	}
	consults := map[string]*app.Consultation{}
	for i, c := range []struct{ title, reference, issuer string }{
		{"Ett samordnat och tidsbegränsat tillståndsförfarande för industrin", "KN2026/01234", "Klimat- och näringslivsdepartementet"},
		{"Förhandsinvesteringar i elnätet och snabbare nätanslutning", "KN2026/00871", "Klimat- och näringslivsdepartementet"},
		{"Statlig medfinansiering av kommunal infrastruktur vid stora industrietableringar", "Fi2026/02110", "Finansdepartementet"},
		{"Yrkesutbildning för vuxna i regioner med stora industrisatsningar", "U2026/00988", "Utbildningsdepartementet"},
		{"En nationell strategi för godstransporter och logistik 2026–2035", "LI2026/00417", "Landsbygds- och infrastrukturdepartementet"},
		{"Ändrade bestämmelser om producentansvar för förpackningar", "KN2026/02277", "Klimat- och näringslivsdepartementet"},
		{"Tillfälligt stöd till bostadsbyggande i kommuner med snabb sysselsättningsökning", "Fi2026/01080", "Finansdepartementet"},
	} {
		id := fmt.Sprintf("c%d", i)
		consults[id] = &app.Consultation{ID: id, Title: c.title, Reference: c.reference, Issuer: c.issuer}
		g.ConsultationIDs = append(g.ConsultationIDs, id)
	}
	return g, consults
}
