package web

import (
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
)

// BenchmarkSearchJSON measures mapping a page of 20 hits with facets into
// the JSON answer, snippet sanitising included.
func BenchmarkSearchJSON(b *testing.B) {
	res := &app.SearchResult{Total: 1000, Facets: map[string]map[string]int{
		"kind": {"position_paper": 400, "joint_statement": 600}, "member": {"Luleå": 10, "Boden": 4},
	}}
	for range 20 {
		res.Hits = append(res.Hits, app.SearchHit{ID: "6b08134bccbc741ab73988c3", Type: "statement", Kind: "position_paper",
			Title: "Elnätet får inte bli industrins flaskhals", Slug: "elnatet", PublishedAt: time.Now(),
			Snippet: strings.Repeat("…om <mark>elnätet</mark> &amp; &lt;b&gt; nätkapacitet ", 4), Members: []string{"Luleå", "Boden"}})
	}
	r := searchRequest{Query: app.SearchQuery{Text: "elnätet", Page: app.Page{Number: 1, Size: 20}}, Scope: scopePublic}
	for b.Loop() {
		searchJSON(r, res)
	}
}

func TestSafeSnippet(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, want string }{
		{"om <mark>elnätet</mark> &lt;script&gt;", "om <mark>elnätet</mark> &lt;script&gt;"},
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"<mark><mark>x</mark>", "<mark>x</mark>"},
		{"</mark>y<mark>", "y<mark></mark>"},
		{"a\x00<mark>b", "a<mark>b</mark>"},
		{"&amp;lt;mark&amp;gt;", "&amp;lt;mark&amp;gt;"},
	}
	for _, c := range cases {
		if got := safeSnippet(c.in); got != c.want {
			t.Errorf("safeSnippet(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzSafeSnippet(f *testing.F) {
	f.Add("om <mark>elnätet</mark> &lt;script&gt;")
	f.Fuzz(func(t *testing.T, s string) {
		out := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(safeSnippet(s))
		if strings.ContainsAny(out, "<>\"") {
			t.Fatalf("safeSnippet(%q) leaves markup: %q", s, out)
		}
	})
}
