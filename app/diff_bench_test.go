package app_test

import (
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/corpus"
)

// BenchmarkDiffRevisions measures the word diff of two revisions of a
// generated statement of about 900 words: a few paragraphs edited, one
// added, and a text rewritten throughout.
func BenchmarkDiffRevisions(b *testing.B) {
	g := &corpus.Generator{Seed: 1}
	st := g.Statement(3)
	from := app.RevisionOf(st)
	paras := strings.Split(st.Body, "\n\n")
	edited := append([]string{}, paras...)
	for i := 1; i < len(edited); i += 4 {
		edited[i] = strings.Replace(edited[i], "staten", "regeringen", 1) + " Nätverket kräver snabbare besked."
	}
	small := *from
	small.Number, small.Body = from.Number+1, strings.Join(edited, "\n\n")+"\n\n"+g.Statement(4).Summary
	rewritten := *from
	rewritten.Number, rewritten.Body = from.Number+1, g.Statement(5).Body
	for _, c := range []struct {
		name string
		to   *app.Revision
	}{{"edits", &small}, {"rewrite", &rewritten}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(from.Body) + len(c.to.Body)))
			for b.Loop() {
				d := app.DiffRevisions(from, c.to)
				if !d.Changed() {
					b.Fatal("no change found")
				}
			}
		})
	}
}
