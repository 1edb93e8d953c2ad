package app

import (
	"cmp"
	"slices"
	"strings"
)

// NetworkStance is where the network's own answer stands: its published
// response classified as any remissvar is (ClassifyStance), from the
// paragraphs a reader sees.
func NetworkStance(s *Statement) StanceResult {
	var paragraphs []string
	for _, b := range Blocks(s.Body) {
		if p := PlainText(b.Source); strings.TrimSpace(p) != "" {
			paragraphs = append(paragraphs, p)
		}
	}
	if s.Summary != "" {
		paragraphs = append([]string{s.Summary}, paragraphs...)
	}
	return ClassifyStance(paragraphs)
}

// AnswerStance is one organisation's stance on one consultation.
type AnswerStance struct {
	ConsultationID string
	Organisation   string
	OrgKind        string
	Stance         Stance
}

// Ally is an organisation compared with the network over the consultations
// both answered with a position: how often it stood with the network and
// how often against.
type Ally struct {
	Organisation string
	OrgKind      string
	Agreed       []string // consultation ids where it took the network's side
	Opposed      []string // consultation ids where it took the other side
}

// Allies compares other bodies' answers with the network's own stance on
// the same consultations. Only clear positions count: tillstyrker against
// avstyrker is opposition, the same of the two is agreement; "delvis",
// "inga synpunkter" and "oklart" on either side count for neither. allies
// are those that agreed more often than they opposed, most agreements
// first; opponents the rest with any opposition, most first.
func Allies(network map[string]Stance, answers []AnswerStance) (allies, opponents []Ally) {
	byOrg := map[string]*Ally{}
	var order []string
	for _, a := range answers {
		ours, ok := network[a.ConsultationID]
		if !ok || !clearStance(ours) || !clearStance(a.Stance) {
			continue
		}
		key := strings.ToLower(strings.TrimSpace(a.Organisation))
		al := byOrg[key]
		if al == nil {
			al = &Ally{Organisation: strings.TrimSpace(a.Organisation), OrgKind: a.OrgKind}
			byOrg[key] = al
			order = append(order, key)
		}
		if ours == a.Stance {
			al.Agreed = appendOnce(al.Agreed, a.ConsultationID)
		} else {
			al.Opposed = appendOnce(al.Opposed, a.ConsultationID)
		}
	}
	for _, key := range order {
		al := *byOrg[key]
		if len(al.Agreed) > len(al.Opposed) {
			allies = append(allies, al)
		} else if len(al.Opposed) > 0 {
			opponents = append(opponents, al)
		}
	}
	slices.SortStableFunc(allies, func(a, b Ally) int {
		return cmp.Or(cmp.Compare(len(b.Agreed), len(a.Agreed)), cmp.Compare(len(a.Opposed), len(b.Opposed)),
			strings.Compare(a.Organisation, b.Organisation))
	})
	slices.SortStableFunc(opponents, func(a, b Ally) int {
		return cmp.Or(cmp.Compare(len(b.Opposed), len(a.Opposed)), cmp.Compare(len(a.Agreed), len(b.Agreed)),
			strings.Compare(a.Organisation, b.Organisation))
	})
	return allies, opponents
}

func clearStance(s Stance) bool { return s == StanceFor || s == StanceAgainst }

func appendOnce(ids []string, id string) []string {
	if slices.Contains(ids, id) {
		return ids
	}
	return append(ids, id)
}
