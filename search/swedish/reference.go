package swedish

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// A reference number (diarienummer, report number) is a prefix of letters,
// a year and a serial number: KN2026/00741, Fi 2024/1234, SOU 2026:14,
// Ds 2025:3. Spelled with a slash, colon or dash any prefix counts; with
// only spaces (sou 2026 14) only the well-known prefixes do, so that
// "år 2026 14 kommuner" is not read as one.
var (
	referenceRE = regexp.MustCompile(`(?i)\b([a-zåäö]{1,6})\.?\s?((?:19|20)\d\d)(?:/\d\d)?\s?([/:-])\s?(\d{1,6})\b`)
	spacedRE    = regexp.MustCompile(`(?i)\b(sou|ds|prop|dir|skr|bet|rskr|sfs)\.?\s((?:19|20)\d\d)\s(\d{1,6})\b`)
)

type reference struct {
	start, end int
	canon      string
}

// CanonicalReference returns the one spelling every way of writing the
// reference in s shares ("kn2026n741"), or "" if s holds none.
func CanonicalReference(s string) string {
	if refs := findReferences(s); len(refs) > 0 {
		return refs[0].canon
	}
	return ""
}

// findReferences runs the patterns only around years (19xx, 20xx): most
// text has few, and the patterns are slow to try at every letter.
func findReferences(text string) []reference {
	var out []reference
	seen := map[int]bool{}
	for _, y := range years(text) {
		from, to := max(0, y[0]-8), min(len(text), y[1]+12)
		for from > 0 && !utf8.RuneStart(text[from]) {
			from--
		}
		for to < len(text) && !utf8.RuneStart(text[to]) {
			to++
		}
		win := text[from:to]
		for _, re := range []*regexp.Regexp{referenceRE, spacedRE} {
			for _, m := range re.FindAllStringSubmatchIndex(win, -1) {
				if seen[from+m[0]] || m[4] != y[0]-from {
					continue
				}
				seen[from+m[0]] = true
				prefix := strings.ToLower(win[m[2]:m[3]])
				num := win[m[len(m)-2]:m[len(m)-1]]
				out = append(out, reference{start: from + m[0], end: from + m[1],
					canon: prefix + win[m[4]:m[5]] + "n" + trimZeros(num)})
			}
		}
	}
	sortReferences(out)
	return out
}

// years returns the spans of four-digit numbers 1900–2099 in text.
func years(text string) [][2]int {
	var out [][2]int
	for i := 0; i+4 <= len(text); i++ {
		if (text[i] == '1' && text[i+1] == '9' || text[i] == '2' && text[i+1] == '0') &&
			isDigit(text[i+2]) && isDigit(text[i+3]) &&
			(i == 0 || !isDigit(text[i-1])) && (i+4 == len(text) || !isDigit(text[i+4])) {
			out = append(out, [2]int{i, i + 4})
		}
	}
	return out
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func sortReferences(refs []reference) {
	for i := 1; i < len(refs); i++ {
		for j := i; j > 0 && refs[j].start < refs[j-1].start; j-- {
			refs[j], refs[j-1] = refs[j-1], refs[j]
		}
	}
}
