package bleve

import (
	"html"
	"strings"

	"github.com/blevesearch/bleve/v2/search"
)

// snippetRunes is the length of a snippet when nothing is highlighted.
const snippetRunes = 200

// snippet returns safe HTML: the best highlighted fragment, preferring the
// body, or else the start of the summary or body, escaped. Bleve's "html"
// highlighter escapes the document text and adds only <mark> tags.
func snippet(frags search.FieldFragmentMap, s storedHit) string {
	for _, f := range []string{fieldBody, fieldSummary, fieldTitle} {
		for _, frag := range frags[f] {
			if strings.Contains(frag, "<mark>") {
				return frag
			}
		}
	}
	text := s.Summary
	if strings.TrimSpace(text) == "" {
		text = s.Body
	}
	short := prefix(text, snippetRunes)
	if len(short) < len(text) {
		short += "…"
	}
	return html.EscapeString(short)
}

// prefix returns at most n runes of s.
func prefix(s string, n int) string {
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos]
		}
		i++
	}
	return s
}
