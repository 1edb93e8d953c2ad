package corpus_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/corpus"
)

func generator() *corpus.Generator {
	var ms []*app.Member
	for i, name := range []string{"Luleå", "Boden", "Kiruna", "Gällivare", "Piteå"} {
		ms = append(ms, &app.Member{ID: "m" + name, Name: name, MunicipalityCode: "258" + string(rune('0'+i)), Active: true})
	}
	return &corpus.Generator{Seed: 7, Members: ms, ConsultationIDs: []string{"c1"}, AuthorID: "u1", AuthorName: "Kansliet"}
}

func TestStatementIsDeterministic(t *testing.T) {
	g := generator()
	a, b := g.Statement(42), g.Statement(42)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("statement 42 differs between two calls")
	}
	if g.Statement(43).Body == a.Body {
		t.Error("statements 42 and 43 have the same body")
	}
	if other := (&corpus.Generator{Seed: 8, Members: g.Members}).Statement(42); other.Body == a.Body {
		t.Error("seeds 7 and 8 give the same body")
	}
}

func TestStatementsAreRealistic(t *testing.T) {
	g := generator()
	slugs := map[string]bool{}
	kinds := map[app.StatementKind]int{}
	for i := range 200 {
		st := g.Statement(i)
		words := len(strings.Fields(st.Body))
		if words < 300 || words > 1700 {
			t.Errorf("statement %d: body of %d words", i, words)
		}
		if st.Title == "" || st.Summary == "" || len(st.Topics) < 2 || len(st.Signatures) == 0 {
			t.Fatalf("statement %d is incomplete: %+v", i, st)
		}
		if slugs[st.Slug] || app.Slugify(st.Title) == "" {
			t.Errorf("statement %d: slug %q taken or empty", i, st.Slug)
		}
		slugs[st.Slug] = true
		kinds[st.Kind]++
		if st.ContentHash != app.ContentHash(st.Title, st.Summary, st.Body) || st.Signatures[0].ContentHash != st.ContentHash {
			t.Errorf("statement %d: content hash does not match its text", i)
		}
		if len(st.SigningMembers()) == 0 || st.PublishedAt.Year() < 2019 || st.PublishedAt.Year() > 2026 {
			t.Errorf("statement %d: no signing member or published %v", i, st.PublishedAt)
		}
		if strings.Contains(st.Body, "{") || !strings.Contains(st.Body, "## ") {
			t.Errorf("statement %d: template slot left or no heading:\n%s", i, st.Body)
		}
	}
	if len(kinds) != 3 {
		t.Errorf("kinds = %v, want all three", kinds)
	}
}

func TestDraftAndEdit(t *testing.T) {
	g := generator()
	in := g.Draft(3, "Provmarkör")
	if !strings.HasPrefix(in.Title, "Provmarkör: ") || in.Kind != app.KindPositionPaper || len(in.Body) == 0 {
		t.Fatalf("draft = %+v", in)
	}
	st := &app.Statement{Title: in.Title, Summary: in.Summary, Body: in.Body, Topics: in.Topics, Version: 4}
	e := g.Edit(st, 1)
	if e.Version != 4 || !strings.HasPrefix(e.Body, in.Body) || len(e.Body) <= len(in.Body) {
		t.Errorf("edit does not add to the text: %+v", e)
	}
}

func TestQueries(t *testing.T) {
	for _, c := range corpus.Queries() {
		if c.Name == "" || len(c.Queries) < 4 {
			t.Errorf("class %q has %d queries", c.Name, len(c.Queries))
		}
	}
}
