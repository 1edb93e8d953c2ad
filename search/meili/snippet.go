package meili

import (
	"encoding/json"
	"html"
	"strings"
	"unicode/utf8"
)

// Meilisearch does not escape the text around its highlight tags, so it is
// asked for private-use characters that clean strips from every document;
// the text is then escaped and only these become <mark> tags.
const (
	preTag  = "\uE000"
	postTag = "\uE001"
)

// snippet returns safe HTML: the highlighted (and cropped) body, summary or
// title, in that order of preference, or else the cropped summary or body.
func snippet(h hit) string {
	formatted := func(field string) string {
		var s string
		_ = json.Unmarshal(h.Formatted[field], &s) // absent or not text: ""
		return s
	}
	for _, f := range []string{fieldBody, fieldSummary, fieldTitle} {
		if s := formatted(f); strings.Contains(s, preTag) {
			return markup(s)
		}
	}
	if s := formatted(fieldSummary); strings.TrimSpace(s) != "" {
		return markup(s)
	}
	return markup(formatted(fieldBody))
}

// markup escapes s and turns the highlight tags into balanced <mark> tags;
// a stray tag is dropped.
func markup(s string) string {
	var b strings.Builder
	open := false
	for s != "" {
		i := strings.IndexAny(s, preTag+postTag)
		if i < 0 {
			b.WriteString(html.EscapeString(s))
			break
		}
		b.WriteString(html.EscapeString(s[:i]))
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case string(r) == preTag && !open:
			b.WriteString("<mark>")
			open = true
		case string(r) == postTag && open:
			b.WriteString("</mark>")
			open = false
		}
		s = s[i+size:]
	}
	if open {
		b.WriteString("</mark>")
	}
	return b.String()
}
