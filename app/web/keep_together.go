package web

import (
	"html/template"
	"regexp"
	"strings"
)

// unbreakable matches what must never break over two lines: a date
// (2026-12-16, which browsers would break after a hyphen), a diarienummer
// (Fi2026/02110, KN2026/00741) and a report number (SOU 2026:14, Ds 2026:3,
// Prop. 2026/27:45).
var unbreakable = regexp.MustCompile(`\d{4}-\d{2}-\d{2}|[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,5}\d{4}/\d{2,6}|(?:SOU|Ds|Dir\.|Prop\.) \d{4}(?:/\d{2})?:\d+`)

// keepTogether escapes s for HTML and wraps each date and reference in it
// in <span class="ref">, which does not wrap (WCAG 1.4.10: a title may
// wrap between words, "SOU 2026:14" stays whole).
func keepTogether(s string) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range unbreakable.FindAllStringIndex(s, -1) {
		b.WriteString(template.HTMLEscapeString(s[last:m[0]]))
		b.WriteString(`<span class="ref">`)
		b.WriteString(template.HTMLEscapeString(s[m[0]:m[1]]))
		b.WriteString(`</span>`)
		last = m[1]
	}
	b.WriteString(template.HTMLEscapeString(s[last:]))
	return template.HTML(b.String()) // every part of s was escaped above
}
