package pdftext

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// normalizeLines turns PDFium's line ends ("\r\n", "\r") into "\n", drops
// control characters other than newlines, and maps the soft hyphens PDFium
// reports at wrapped line ends to "-".
func normalizeLines(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\u00ad' || r == '\u0002' || r == '\ufffe':
			return '-'
		case r == '\u00a0' || r == '\t':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

// wrapShare is how long a line must be, as a share of the page's long
// lines, for its end to count as a wrap inside a paragraph rather than the
// paragraph's end.
const wrapShare = 0.7

// Paragraphs splits pages of text into paragraphs. A line runs on into the
// next when it is about as long as the page's long lines (the text wrapped
// there); a short line, a blank line or a page end ends the paragraph. A
// word hyphenated over a line end is joined ("tillstyr-" + "ker"), but a
// hyphen before "och", "eller" and the like stays ("miljö- och").
func Paragraphs(pages []string) []string {
	var out []string
	for _, page := range pages {
		lines := strings.Split(page, "\n")
		wrapAt := wrapLength(lines)
		var cur strings.Builder
		flush := func() {
			if p := collapseSpaces(cur.String()); p != "" {
				out = append(out, p)
			}
			cur.Reset()
		}
		for _, raw := range lines {
			line := strings.TrimSpace(raw)
			if line == "" {
				flush()
				continue
			}
			appendLine(&cur, line)
			if utf8.RuneCountInString(line) < wrapAt || !runsOn(line) {
				flush()
			}
		}
		flush()
	}
	return out
}

// wrapLength is wrapShare of the 90th-percentile line length of a page.
func wrapLength(lines []string) int {
	var lengths []int
	for _, l := range lines {
		if n := utf8.RuneCountInString(strings.TrimSpace(l)); n > 0 {
			lengths = append(lengths, n)
		}
	}
	if len(lengths) == 0 {
		return 0
	}
	slices.Sort(lengths)
	p90 := lengths[(len(lengths)*9)/10]
	if len(lengths) > 1 && (len(lengths)*9)/10 == len(lengths)-1 {
		p90 = lengths[len(lengths)-1]
	}
	return int(float64(p90) * wrapShare)
}

// runsOn tells whether a long line may run on: a line ending a sentence
// with a colon or a list-like mark still ends its paragraph.
func runsOn(line string) bool {
	return !strings.HasSuffix(line, ":")
}

// keepHyphenBefore are the words after which a line-end hyphen is part of
// a Swedish shortened compound ("miljö- och energi"), not a wrap.
var keepHyphenBefore = []string{"och", "eller", "samt", "respektive", "resp.", "till", "som"}

func appendLine(cur *strings.Builder, line string) {
	if cur.Len() == 0 {
		cur.WriteString(line)
		return
	}
	prev := cur.String()
	if joinsHyphen(prev, line) {
		cur.Reset()
		cur.WriteString(strings.TrimSuffix(prev, "-"))
		cur.WriteString(line)
		return
	}
	cur.WriteByte(' ')
	cur.WriteString(line)
}

// joinsHyphen tells whether prev ends in a hyphen that wrapped a word, so
// next continues that word.
func joinsHyphen(prev, next string) bool {
	if !strings.HasSuffix(prev, "-") || len(prev) < 2 {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(prev, "-"))
	first, _ := utf8.DecodeRuneInString(next)
	if !unicode.IsLetter(before) || !unicode.IsLower(first) {
		return false
	}
	word := strings.ToLower(strings.Fields(next)[0])
	return !slices.Contains(keepHyphenBefore, strings.TrimRight(word, ",;"))
}

func collapseSpaces(s string) string { return strings.Join(strings.Fields(s), " ") }

// JoinParagraphs is the stored text of paragraphs: joined by blank lines.
func JoinParagraphs(ps []string) string { return strings.Join(ps, "\n\n") }
