package searchtest

import (
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
)

// hostile is a document whose text tries to smuggle markup into a snippet.
func hostile() app.SearchDoc {
	return app.SearchDoc{
		ID: "x1", Type: "statement", Kind: "position_paper", Slug: "x1",
		Title:   `Elnätet <b onmouseover="alert(1)">fet</b>`,
		Summary: `Sammanfattning <img src=x onerror=alert(1)> & mer`,
		Body:    `Elnätet </mark><script>alert("x")</script> & "citat" måste byggas ut.`,
	}
}

// checkSafe fails unless snippet's only markup is balanced, unnested
// <mark>…</mark> pairs; everything else must be escaped text.
func checkSafe(t *testing.T, snippet string) {
	t.Helper()
	rest, open := snippet, false
	for {
		i := strings.IndexAny(rest, "<>")
		if i < 0 {
			break
		}
		tag := "<mark>"
		if open {
			tag = "</mark>"
		}
		if !strings.HasPrefix(rest[i:], tag) {
			t.Fatalf("snippet has markup other than balanced <mark> at %q: %q", rest[i:], snippet)
		}
		rest, open = rest[i+len(tag):], !open
	}
	if open {
		t.Fatalf("snippet leaves <mark> open: %q", snippet)
	}
}

func testSnippetSafe(t *testing.T, open Opener) {
	idx := open(t).Public()
	mustIndex(t, idx, hostile())
	res := mustSearch(t, idx, app.SearchQuery{Text: "elnätet"})
	if len(res.Hits) != 1 {
		t.Fatalf("want 1 hit, got %v", hitIDs(res))
	}
	s := res.Hits[0].Snippet
	checkSafe(t, s)
	if !strings.Contains(s, "<mark>") {
		t.Errorf("snippet %q has no <mark>", s)
	}
	if strings.Contains(s, "<script") || !strings.Contains(s, "&lt;script&gt;") {
		t.Errorf("snippet %q must show the <script> text escaped", s)
	}
	if !strings.Contains(strings.ToLower(s), "<mark>elnätet</mark>") {
		t.Errorf("snippet %q does not mark the matched word", s)
	}
}

func testSnippetNoQuery(t *testing.T, open Opener) {
	idx := open(t).Public()
	mustIndex(t, idx, hostile())
	res := mustSearch(t, idx, app.SearchQuery{})
	if len(res.Hits) != 1 {
		t.Fatalf("want 1 hit, got %v", hitIDs(res))
	}
	s := res.Hits[0].Snippet
	checkSafe(t, s)
	if s == "" || strings.Contains(s, "<mark>") {
		t.Errorf("snippet without a query = %q, want unmarked text", s)
	}
}
