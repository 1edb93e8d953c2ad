package app

import (
	"regexp"
	"strings"
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

// stanceFormula is one way remissvar say where they stand.
type stanceFormula struct {
	stance Stance
	re     *regexp.Regexp
}

// stanceFormulas are tried in order on each sentence; the first sentence
// that any formula matches decides, with "no comment" formulas before the
// bare verbs so "har inga synpunkter" wins over a later aside.
var stanceFormulas = []stanceFormula{
	{StanceNoComment, regexp.MustCompile(`(?i)\b(har|lämnar)\b[^.]{0,80}\b(inga|inte några|inget|ingen)\b[^.]{0,20}\b(synpunkter|invändningar|erinringar|kommentarer|att invända|att anföra|att erinra)`)},
	{StanceNoComment, regexp.MustCompile(`(?i)\bavstår\b[^.]{0,40}\bfrån att (yttra|lämna synpunkter|svara)`)},
	{StancePartly, regexp.MustCompile(`(?i)\b(tillstyrker|stödjer|ställer sig positiv)\b[^.]{0,120}\b(men|dock|med undantag|delvis)\b`)},
	{StancePartly, regexp.MustCompile(`(?i)\b(tillstyrker|avstyrker|stödjer)\b[^.]{0,20}\bdelvis\b`)},
	{StanceAgainst, regexp.MustCompile(`(?i)\b(avstyrker|motsätter sig|ställer sig negativ|kan inte ställa sig bakom|kan inte tillstyrka)\b`)},
	{StanceFor, regexp.MustCompile(`(?i)\b(tillstyrker|ställer sig positiv|ställer sig bakom|välkomnar|delar utredningens (bedömning|uppfattning)|stödjer förslage)`)},
}

// ClassifyStance reads an answer's paragraphs and finds where it stands,
// with the sentence that says so.
func ClassifyStance(paragraphs []string) StanceResult {
	for _, p := range paragraphs {
		for _, sentence := range sentences(p) {
			for _, f := range stanceFormulas {
				if f.re.MatchString(sentence) {
					return StanceResult{Stance: f.stance, Quote: sentence}
				}
			}
		}
	}
	return StanceResult{Stance: StanceUnclear}
}

// sentenceEnd is the end of a sentence: a full stop, question or
// exclamation mark followed by a space and a capital letter or digit.
var sentenceEnd = regexp.MustCompile(`[.!?]\s+[A-ZÅÄÖ0-9]`)

// sentences splits a paragraph into sentences, each a verbatim substring.
func sentences(p string) []string {
	var out []string
	start := 0
	for _, loc := range sentenceEnd.FindAllStringIndex(p, -1) {
		end := loc[0] + 1
		if s := strings.TrimSpace(p[start:end]); s != "" {
			out = append(out, s)
		}
		start = loc[1] - 1
	}
	if s := strings.TrimSpace(p[start:]); s != "" {
		out = append(out, s)
	}
	return out
}
