package app

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Stance is what a remiss body answered, in the terms Swedish remissvar
// use.
type Stance string

// The stances an answer can take.
const (
	StanceFor       Stance = "tillstyrker"
	StanceAgainst   Stance = "avstyrker"
	StancePartly    Stance = "delvis"
	StanceNoComment Stance = "inga_synpunkter"
	StanceUnclear   Stance = "oklart"
)

// Stances lists every stance, for forms and filters.
var Stances = []Stance{StanceFor, StanceAgainst, StancePartly, StanceNoComment, StanceUnclear}

// Valid tells whether s is one of the stances.
func (s Stance) Valid() bool {
	for _, v := range Stances {
		if s == v {
			return true
		}
	}
	return false
}

// StanceResult is a classified answer: the stance and the sentence that
// decided it, a verbatim substring of the paragraphs it came from (empty
// only when the stance is StanceUnclear).
type StanceResult struct {
	Stance Stance
	Quote  string
}

// ClassifyStance reads an answer's paragraphs and finds where it stands,
// with the sentence that says so. Every sentence is read against the
// formulae in stanceRules; a sentence under a summary heading
// ("Sammanfattning", "Ställningstagande", "… inställning") weighs double.
// The answer as a whole then decides:
//   - a sentence that is itself mixed ("tillstyrker … delvis", "tillstyrker
//     X men avstyrker Y", "har ingen erinran mot X men motsätter sig Y"),
//     or support for one proposal and opposition to another anywhere in
//     the answer, is delvis;
//   - otherwise opposition is avstyrker and support tillstyrker;
//   - "no comments" formulae count only when nothing takes a side (an
//     answer that tillstyrker and "har inget att erinra" tillstyrker);
//   - no formula at all is oklart, with no quote.
//
// The quote is the weightiest sentence of the deciding kind, the earliest
// on a tie.
func ClassifyStance(paragraphs []string) StanceResult {
	var best [signalCount]scoredSentence
	summary := false
	for _, p := range paragraphs {
		if isHeading(p) {
			summary = summaryHeading.MatchString(fold(p))
		}
		for _, s := range sentences(p) {
			sig, weight := readSentence(s)
			if sig == signalNone {
				continue
			}
			if summary {
				weight *= 2
			}
			if weight > best[sig].weight {
				best[sig] = scoredSentence{text: s, weight: weight}
			}
		}
	}
	return decide(best)
}

// scoredSentence is the weightiest sentence seen for one signal.
type scoredSentence struct {
	text   string
	weight int
}

// decide turns the weightiest sentence of each signal into the answer's
// stance.
func decide(best [signalCount]scoredSentence) StanceResult {
	pick := func(s Stance, sig signal) StanceResult { return StanceResult{Stance: s, Quote: best[sig].text} }
	switch {
	case best[signalPartly].weight > 0:
		return pick(StancePartly, signalPartly)
	case best[signalFor].weight > 0 && best[signalAgainst].weight > 0:
		return pick(StancePartly, signalAgainst)
	case best[signalAgainst].weight > 0:
		return pick(StanceAgainst, signalAgainst)
	case best[signalFor].weight > 0:
		return pick(StanceFor, signalFor)
	case best[signalNoComment].weight > 0:
		return pick(StanceNoComment, signalNoComment)
	}
	return StanceResult{Stance: StanceUnclear}
}

// readSentence finds what one sentence says: the strongest formula of each
// kind it holds, and mixed when it both supports and opposes.
func readSentence(s string) (signal, int) {
	var weight [signalCount]int
	text := fold(s)
	for _, re := range negatedSupport {
		for _, loc := range re.FindAllStringIndex(text, -1) {
			weight[signalAgainst] = 3
			text = text[:loc[0]] + strings.Repeat(" ", loc[1]-loc[0]) + text[loc[1]:]
		}
	}
	for _, r := range stanceRules {
		if r.weight > weight[r.signal] && r.re.MatchString(text) {
			weight[r.signal] = r.weight
		}
	}
	switch {
	case weight[signalSkip] > 0:
		return signalNone, 0
	case weight[signalPartly] > 0:
		return signalPartly, weight[signalPartly]
	case weight[signalFor] > 0 && weight[signalAgainst] > 0:
		return signalPartly, max(weight[signalFor], weight[signalAgainst])
	case weight[signalAgainst] > 0 && noObjectionTo.MatchString(text):
		return signalPartly, weight[signalAgainst]
	case weight[signalAgainst] > 0:
		return signalAgainst, weight[signalAgainst]
	case weight[signalFor] > 0:
		return signalFor, weight[signalFor]
	case weight[signalNoComment] > 0:
		if acceptsWithComments.MatchString(text) {
			return signalFor, 2
		}
		return signalNoComment, weight[signalNoComment]
	}
	return signalNone, 0
}

// isHeading tells a heading from running text: short and without a full
// stop at its end.
func isHeading(p string) bool {
	p = strings.TrimSpace(p)
	return p != "" && utf8.RuneCountInString(p) <= 60 && !strings.ContainsAny(p[len(p)-1:], ".!?")
}

// sentences splits a paragraph into sentences, each a verbatim substring.
// A sentence ends at a full stop, question or exclamation mark (and any
// closing quote) followed by white space and a capital letter, a digit or
// an opening quote or parenthesis, so "bl.a. att" and "1 § förordningen"
// stay whole.
func sentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		i += size
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		end := i
		for end < len(p) && strings.ContainsRune("”\"’)", rune(p[end])) {
			end++
		}
		if !startsSentence(p[end:]) {
			continue
		}
		if s := strings.TrimSpace(p[start:end]); s != "" {
			out = append(out, s)
		}
		start, i = end, end
	}
	if s := strings.TrimSpace(p[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// startsSentence tells whether rest, the text after a full stop, opens a
// new sentence: white space, then a capital, digit, quote or parenthesis.
func startsSentence(rest string) bool {
	trimmed := strings.TrimLeftFunc(rest, unicode.IsSpace)
	if len(trimmed) == len(rest) || trimmed == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(trimmed)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("”\"(–-", r)
}
