package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/corpus"
)

// BenchmarkRenderMarkdown measures Markdown to sanitised HTML, as the
// public statement page does it, on generated statements of about 300,
// 900 and 1,500 words and on a text near MaxMarkdownLen.
func BenchmarkRenderMarkdown(b *testing.B) {
	g := &corpus.Generator{Seed: 1}
	bodies := map[string]string{}
	for i := 0; len(bodies) < 3; i++ {
		body := g.Statement(i).Body
		switch n := len(strings.Fields(body)); {
		case n < 400 && bodies["small"] == "":
			bodies["small"] = body
		case n > 800 && n < 1000 && bodies["medium"] == "":
			bodies["medium"] = body
		case n > 1400 && bodies["large"] == "":
			bodies["large"] = body
		}
	}
	var huge strings.Builder
	for i := 0; huge.Len() < app.MaxMarkdownLen-20_000; i++ {
		huge.WriteString(g.Statement(i).Body + "\n\n")
	}
	bodies["max"] = huge.String()
	for _, name := range []string{"small", "medium", "large", "max"} {
		body := bodies[name]
		b.Run(fmt.Sprintf("%s/%dKB", name, len(body)/1024), func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if renderMarkdown(body) == "" {
					b.Fatal("empty HTML")
				}
			}
		})
	}
}
