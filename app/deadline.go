package app

import (
	"sort"
)

// DeadlineKind says what falls due on a date.
type DeadlineKind string

// The kinds of dates the secretariat watches.
const (
	DueDraft      DeadlineKind = "draft_due"      // a consultation's draft is due
	DueSignatures DeadlineKind = "signatures_due" // its signatures are due
	DueDeadline   DeadlineKind = "deadline"       // its answer is due (sista svarsdag)
	DueSignBy     DeadlineKind = "sign_by"        // a statement in signing must be signed by
)

// DeadlineItem is one date something falls due.
type DeadlineItem struct {
	On              Date
	Kind            DeadlineKind
	ConsultationID  string // for the consultation kinds
	StatementID     string // for sign_by
	Title           string
	Reference       string
	Status          string
	WorkingDaysLeft int
	Traffic         Traffic // of the consultation; "" for statements
}

// MaxDeadlineWindow bounds how far ahead UpcomingDeadlines looks, in days.
const MaxDeadlineWindow = 365

// UpcomingDeadlines lists what falls due from today up to and including
// today+days: the milestones and deadlines of open consultations and the
// sign-by dates of statements in signing, by date (then kind, then title).
func UpcomingDeadlines(cs []*Consultation, ss []*Statement, today Date, days int) []DeadlineItem {
	last := today.AddDays(days)
	var out []DeadlineItem
	add := func(it DeadlineItem) {
		if !it.On.IsZero() && !it.On.Before(today) && !last.Before(it.On) {
			it.WorkingDaysLeft = WorkingDaysLeft(today, it.On)
			out = append(out, it)
		}
	}
	for _, c := range cs {
		if !c.Status.Open() {
			continue
		}
		draft, sigs := c.Milestones()
		base := DeadlineItem{ConsultationID: c.ID, Title: c.Title, Reference: c.Reference,
			Status: string(c.EffectiveStatus(today)), Traffic: c.Traffic(today)}
		for _, d := range []struct {
			on   Date
			kind DeadlineKind
		}{{draft, DueDraft}, {sigs, DueSignatures}, {c.Deadline, DueDeadline}} {
			it := base
			it.On, it.Kind = d.on, d.kind
			add(it)
		}
	}
	for _, s := range ss {
		if s.Status == StatementSigning {
			add(DeadlineItem{On: s.SignBy, Kind: DueSignBy, StatementID: s.ID, Title: s.Title, Status: string(s.Status)})
		}
	}
	sortDeadlines(out)
	return out
}

var kindOrder = map[DeadlineKind]int{DueDraft: 0, DueSignatures: 1, DueSignBy: 2, DueDeadline: 3}

func sortDeadlines(items []DeadlineItem) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if !a.On.Equal(b.On.Time) {
			return a.On.Before(b.On)
		}
		if kindOrder[a.Kind] != kindOrder[b.Kind] {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		return a.Title < b.Title
	})
}
