package regeringen

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/samsyn/samsyn/app"
)

// months are the Swedish month names, with the short forms pages use.
var months = map[string]time.Month{
	"januari": time.January, "jan": time.January, "februari": time.February, "feb": time.February,
	"mars": time.March, "mar": time.March, "april": time.April, "apr": time.April, "maj": time.May,
	"juni": time.June, "jun": time.June, "juli": time.July, "jul": time.July,
	"augusti": time.August, "aug": time.August, "september": time.September, "sep": time.September,
	"sept": time.September, "oktober": time.October, "okt": time.October,
	"november": time.November, "nov": time.November, "december": time.December, "dec": time.December,
}

const monthAlt = `januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|dec`

// datePattern matches "30 oktober 2026", "30 okt. 2026" or "2026-10-30".
const datePattern = `(?:(\d{1,2})\s+(` + monthAlt + `)\.?\s+(\d{4})|(\d{4})-(\d{2})-(\d{2}))`

var (
	dateRE = regexp.MustCompile(`(?i)` + datePattern)
	// deadlineRE finds the deadline sentence in its usual phrasings:
	// "… ska ha kommit in … senast den 30 oktober 2026", "Sista dag att
	// svara på remissen är den 30 juni 2026", "Sista svarsdag: 2026-06-30".
	deadlineRE = regexp.MustCompile(`(?i)(?:\bsenast\b|\bsista\s+(?:svars)?dag(?:en)?\b|\bsvarsdag(?:en)?\b)[^.\d]{0,80}?` + datePattern)
	// diarieRE matches a diarienummer such as KN2026/00741 or Ju2026/01662.
	diarieRE = regexp.MustCompile(`\b[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,5}(?:19|20)\d\d/\d{1,7}\b`)
	// seriesRE matches a report number: SOU 2026:14, Ds 2026:15, Dir. 2026:3.
	seriesRE = regexp.MustCompile(`\b(SOU|Ds|Dir\.)\s?((?:19|20)\d\d):(\d{1,4})\b`)
)

// dateFrom reads the groups of one datePattern match; it refuses dates
// that do not exist (31 februari).
func dateFrom(m []string) (app.Date, bool) {
	var y, d int
	var mo time.Month
	if m[1] != "" {
		d, _ = strconv.Atoi(m[1])
		mo = months[strings.ToLower(m[2])]
		y, _ = strconv.Atoi(m[3])
	} else {
		y, _ = strconv.Atoi(m[4])
		n, _ := strconv.Atoi(m[5])
		mo = time.Month(n)
		d, _ = strconv.Atoi(m[6])
	}
	if mo < 1 || mo > 12 || d < 1 || y < 1900 || y > 2200 {
		return app.Date{}, false
	}
	date := app.NewDate(y, mo, d)
	if date.Day() != d || date.Month() != mo {
		return app.Date{}, false
	}
	return date, true
}

// ParseDate reads one Swedish or ISO date from s ("02 juli 2026",
// "2026-06-30 00:00:00").
func ParseDate(s string) (app.Date, bool) {
	m := dateRE.FindStringSubmatch(s)
	if m == nil {
		return app.Date{}, false
	}
	return dateFrom(m)
}

// ParseDeadline finds the deadline sentence in s and returns its date.
func ParseDeadline(s string) (app.Date, bool) {
	m := deadlineRE.FindStringSubmatch(s)
	if m == nil {
		return app.Date{}, false
	}
	return dateFrom(m)
}

// references returns the diarienummer in s, in order, without repeats.
func references(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range diarieRE.FindAllString(s, -1) {
		key, ok := app.NormalizeReference(r)
		if ok && !seen[key] {
			seen[key] = true
			out = append(out, r)
		}
	}
	return out
}

// series returns the first report number in s, as "SOU 2026:14".
func series(s string) string {
	m := seriesRE.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return m[1] + " " + m[2] + ":" + m[3]
}

// setReferences records refs on r: the first is the remiss's reference.
func (r *Remiss) setReferences(refs []string) {
	if len(refs) == 0 {
		return
	}
	r.References = refs
	r.Reference = refs[0]
	r.ReferenceKey, _ = app.NormalizeReference(refs[0])
}
