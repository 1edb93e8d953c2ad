package app

import (
	"regexp"
	"strings"
)

// A diarienummer (registry reference) such as "Fi2024/01234" or
// "KN2026/00741" names a case at a ministry or agency; report series such as
// SOU (Statens offentliga utredningar), Ds and Dir. are numbered "SOU 2026:14".
// People write them with and without spaces and leading zeros; the
// normalised key makes every spelling of one case the same.
var referenceRE = regexp.MustCompile(`^([A-ZÅÄÖ]{1,6})\.?\s*((?:19|20)\d\d)\s*([/:]|\s)\s*0*(\d{1,7})$`)

// reportSeries are the prefixes numbered "YEAR:N" rather than "YEAR/N".
var reportSeries = map[string]bool{"SOU": true, "DS": true, "DIR": true, "PROP": true, "SKR": true, "BET": true}

// NormalizeReference returns the canonical key of a registry reference or
// report number ("kn 2026/741" → "KN2026/741", "sou 2026 14" →
// "SOU2026:14") and whether it looked like one at all.
func NormalizeReference(ref string) (string, bool) {
	s := strings.ToUpper(strings.Join(strings.Fields(ref), " "))
	m := referenceRE.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	sep := m[3]
	if sep == " " {
		sep = "/"
		if reportSeries[m[1]] {
			sep = ":"
		}
	}
	return m[1] + m[2] + sep + m[4], true
}
