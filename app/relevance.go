package app

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Relevance of a remiss to the network is scored by term overlap: the
// words of the remiss (a listing shows only its title) against the words
// of each advocacy issue's title, summary, body and topics, with a light
// Swedish stemmer and compound matching. It is chosen over the search
// engine because it is deterministic, explainable word by word (the
// reasons shown are exactly the words that matched), works the same on
// Bleve, Meilisearch or with search switched off, and needs no index of
// remisser that are not in the register. A word counts by how rare it is
// among the issues (a word in every issue says nothing) and by where the
// issue has it: a topic or the title weighs most, the body least.

// Weights of where an issue has a word.
const (
	weightTopic   = 1.0
	weightTitle   = 1.0
	weightSummary = 0.7
	weightBody    = 0.5
	// minReasonScore is the least an issue must score to be a reason.
	minReasonScore = 0.35
)

// issueTerms are the stems of one issue's text with their best weight.
type issueTerms struct {
	issue  *Issue
	terms  map[string]float64
	topics map[string]string // topic stem → topic as written
}

// RelevanceScorer scores remisser against a set of issues.
type RelevanceScorer struct {
	issues []issueTerms
	idf    map[string]float64
}

// NewRelevanceScorer prepares the issues' words; closed issues do not count.
func NewRelevanceScorer(issues []*Issue) *RelevanceScorer {
	s := &RelevanceScorer{idf: map[string]float64{}}
	df := map[string]int{}
	for _, i := range issues {
		if i.Status == "closed" {
			continue
		}
		it := issueTerms{issue: i, terms: map[string]float64{}, topics: map[string]string{}}
		add := func(text string, w float64) {
			for _, tok := range tokens(text) {
				st := stem(tok)
				if it.terms[st] < w {
					it.terms[st] = w
				}
			}
		}
		add(i.Title, weightTitle)
		add(i.Summary, weightSummary)
		add(i.Body, weightBody)
		for _, topic := range i.Topics {
			add(topic, weightTopic)
			for _, tok := range tokens(topic) {
				it.topics[stem(tok)] = topic
			}
		}
		for st := range it.terms {
			df[st]++
		}
		s.issues = append(s.issues, it)
	}
	n := float64(len(s.issues))
	top := math.Log((n-1+0.5)/1.5 + 1)
	for st, d := range df {
		s.idf[st] = math.Log((n-float64(d)+0.5)/(float64(d)+0.5)+1) / top
	}
	return s
}

// Score returns the relevance of text (0–1) and the issues it matched,
// best first.
func (s *RelevanceScorer) Score(text string) (float64, []TriageReason) {
	words := tokens(text)
	var reasons []TriageReason
	for _, it := range s.issues {
		if r := s.match(it, words); r.Score >= minReasonScore {
			reasons = append(reasons, r)
		}
	}
	sort.SliceStable(reasons, func(a, b int) bool { return reasons[a].Score > reasons[b].Score })
	total := 0.0
	for k, r := range reasons {
		if k == 0 {
			total += r.Score
		} else {
			total += r.Score / 2 // a second issue adds, less
		}
	}
	return math.Round((1-math.Exp(-total))*100) / 100, reasons
}

// match scores words against one issue: each distinct word counts once,
// with the best of the issue's words it matches.
func (s *RelevanceScorer) match(it issueTerms, words []string) TriageReason {
	r := TriageReason{IssueID: it.issue.ID, IssueTitle: it.issue.Title}
	seen := map[string]bool{}
	for _, w := range words {
		ws := stem(w)
		if seen[ws] {
			continue
		}
		seen[ws] = true
		best := 0.0
		for st, weight := range it.terms {
			if stemsMatch(ws, st) == 0 {
				continue
			}
			best = max(best, weight*s.idf[st]*stemsMatch(ws, st))
			if t, ok := it.topics[st]; ok && !slices.Contains(r.Topics, t) {
				r.Topics = append(r.Topics, t)
			}
		}
		if best > 0 {
			r.Score += best
			r.Terms = append(r.Terms, w)
		}
	}
	r.Score = math.Round(r.Score*100) / 100
	return r
}

// stemsMatch says how well two stems match: 1 for the same word or a
// long head of a compound ("detaljplan" in "detaljplanering"), ½ for a
// short head ("energi" in "energiplanering") or a tail ("prövning" in
// "miljöprövning"), which mislead more often ("intern" in
// "internationell", "nationell" in it too), so that such a match found
// only in an issue's body is no reason on its own; 0 for no match.
func stemsMatch(a, b string) float64 {
	if a == b {
		return 1
	}
	short, long := a, b
	if utf8.RuneCountInString(short) > utf8.RuneCountInString(long) {
		short, long = long, short
	}
	n := utf8.RuneCountInString(short)
	switch {
	case n >= 7 && strings.HasPrefix(long, short):
		return 1
	case n >= 5 && strings.HasPrefix(long, short), n >= 6 && strings.HasSuffix(long, short):
		return 0.5
	}
	return 0
}

// tokens are the words of text of at least four letters, lower-cased,
// that are not stop words.
func tokens(text string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if utf8.RuneCountInString(f) >= 4 && !stopWords[f] {
			out = append(out, f)
		}
	}
	return out
}

// swedishSuffixes are the endings the stemmer strips, longest first.
var swedishSuffixes = []string{"arnas", "ernas", "ornas", "heten", "arna", "erna", "orna", "ande", "ende",
	"het", "ens", "ets", "ar", "er", "or", "en", "et", "na", "a", "e", "s"}

// stem strips one inflectional ending, keeping at least four letters: a
// light stemmer in the manner of the Swedish Snowball stemmer's first
// step, enough to meet "elnätet" and "elnät".
func stem(w string) string {
	for _, suf := range swedishSuffixes {
		if strings.HasSuffix(w, suf) && utf8.RuneCountInString(w)-utf8.RuneCountInString(suf) >= 4 {
			return strings.TrimSuffix(w, suf)
		}
	}
	return w
}

// stopWords are common Swedish words and the words every remiss title has.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`alla allt andra annat att även bara blir både denna dessa detta deras
		eller efter enligt ett flera fler från genom hela här inom inför innan inte kommer kunna mellan mera
		mycket också redan samt sedan som ska skall till under utan vara varje vid vilka över
		remiss remissen remisser remittering promemoria promemorian betänkande betänkandet förslag förslaget
		ändring ändringar ändringen lagen förordning förordningen direktiv direktivet skrivelse hemställan
		hemställningar utredning utredningen regeringen regeringens sverige sveriges svenska europeiska
		kommissionens unionens fråga frågor vissa nätverket nätverkets problemet kansliet arbetar`) {
		m[w] = true
	}
	return m
}()
