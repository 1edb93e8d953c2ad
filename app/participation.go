package app

import (
	"sort"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Participation is who took part in the network's statements: a members ×
// statements matrix of decisions, with per-member totals and response
// rates per year.
//
// Which statements count: those that went to signing (they have a sign-by
// date or decisions). The public variant counts published statements
// only; the secretariat's counts those in signing too. A statement the
// network published in its own name without a signing round asked no
// member, so it is left out. The decisions are those of the current round
// (Statement.Signatures); a reopened text's voided ones do not count.
type Participation struct {
	Statements []*Statement
	Rows       []ParticipationRow
	Years      []int // the years of the statements, ascending
	opened     map[string]time.Time
}

// Decision cells of the matrix.
const (
	CellSigned   = "signed"
	CellDeclined = "declined"
	CellNone     = "none"
	// CellNotMember: the member joined after the statement's signing
	// opened; it was never asked, and the statement does not count for it.
	CellNotMember = "notmember"
)

// ParticipationRow is one member's decisions, one per statement.
type ParticipationRow struct {
	Member                 *Member
	Cells                  []string
	Signed, Declined, None int
	ByYear                 []YearRate // one per Participation.Years
}

// YearRate is how a member answered the statements of one year.
type YearRate struct {
	Year                    int
	Asked, Answered, Signed int
}

// Percent is the share of asked statements answered, 0–100.
func (r YearRate) Percent() int { return percent(r.Answered, r.Asked) }

// Asked is how many statements the member was asked to sign.
func (r ParticipationRow) Asked() int { return r.Signed + r.Declined + r.None }

// SignedPercent is the member's share of the statements it signed.
func (r ParticipationRow) SignedPercent() int { return percent(r.Signed, r.Asked()) }

// AnsweredPercent is the member's response rate.
func (r ParticipationRow) AnsweredPercent() int { return percent(r.Signed+r.Declined, r.Asked()) }

func percent(n, of int) int {
	if of == 0 {
		return 0
	}
	return (n*100 + of/2) / of
}

// Counts reports whether the statement counts in the public (published
// only) or the secretariat's variant.
func CountsInParticipation(st *Statement, public bool) bool {
	signed := !st.SignBy.IsZero() || len(st.Signatures) > 0
	switch st.Status {
	case StatementPublished:
		return signed
	case StatementSigning:
		return !public && signed
	}
	return false
}

// StatementDate is when a statement counts: when it was published, or for
// one in signing its sign-by date.
func StatementDate(st *Statement) time.Time {
	if st.Status == StatementPublished && !st.PublishedAt.IsZero() {
		return st.PublishedAt
	}
	if !st.SignBy.IsZero() {
		return st.SignBy.Time
	}
	return st.UpdatedAt
}

// BuildParticipation builds the matrix from statements (any: only those
// that count are kept) and members (active ones, and inactive ones that
// made a decision on a counted statement).
func BuildParticipation(members []*Member, statements []*Statement, public bool) *Participation {
	return BuildFairParticipation(members, statements, public, nil)
}

// BuildFairParticipation is BuildParticipation counting for each member
// only the statements whose signing opened after it joined (its
// CreatedAt), so that a member that joined today is not shown as having
// ignored the texts of earlier years. opened gives, by statement id, when
// its current signing round opened; a statement not in it counts from its
// StatementDate. A decision a member did make always counts.
func BuildFairParticipation(members []*Member, statements []*Statement, public bool, opened map[string]time.Time) *Participation {
	p := &Participation{opened: opened}
	decided := map[string]bool{}
	for _, st := range statements {
		if CountsInParticipation(st, public) {
			p.Statements = append(p.Statements, st)
			for _, g := range st.Signatures {
				decided[g.MemberID] = true
			}
		}
	}
	sort.SliceStable(p.Statements, func(i, j int) bool {
		return StatementDate(p.Statements[i]).Before(StatementDate(p.Statements[j]))
	})
	years := map[int]bool{}
	for _, st := range p.Statements {
		y := StatementDate(st).In(Stockholm).Year()
		if !years[y] {
			years[y] = true
			p.Years = append(p.Years, y)
		}
	}
	sort.Ints(p.Years)
	for _, m := range SortMembers(members) {
		if m.Active || decided[m.ID] {
			p.Rows = append(p.Rows, p.row(m))
		}
	}
	return p
}

func (p *Participation) row(m *Member) ParticipationRow {
	r := ParticipationRow{Member: m, Cells: make([]string, len(p.Statements))}
	for _, y := range p.Years {
		r.ByYear = append(r.ByYear, YearRate{Year: y})
	}
	for i, st := range p.Statements {
		cell := CellNone
		for _, g := range st.Signatures {
			if g.MemberID == m.ID && (g.Decision == DecisionSigned || g.Decision == DecisionDeclined) {
				cell = g.Decision
			}
		}
		if cell == CellNone && p.joinedAfter(m, st) {
			r.Cells[i] = CellNotMember
			continue
		}
		r.Cells[i] = cell
		yr := &r.ByYear[p.yearIndex(StatementDate(st).In(Stockholm).Year())]
		yr.Asked++
		switch cell {
		case CellSigned:
			r.Signed++
			yr.Answered++
			yr.Signed++
		case CellDeclined:
			r.Declined++
			yr.Answered++
		default:
			r.None++
		}
	}
	return r
}

// joinedAfter reports whether m joined after st's signing opened.
func (p *Participation) joinedAfter(m *Member, st *Statement) bool {
	at, ok := p.opened[st.ID]
	if !ok {
		at = StatementDate(st)
	}
	return !m.CreatedAt.IsZero() && m.CreatedAt.After(at)
}

func (p *Participation) yearIndex(y int) int {
	for i, v := range p.Years {
		if v == y {
			return i
		}
	}
	return 0
}

// RowOf returns the row of a member, or false.
func (p *Participation) RowOf(memberID string) (ParticipationRow, bool) {
	for _, r := range p.Rows {
		if r.Member.ID == memberID {
			return r, true
		}
	}
	return ParticipationRow{}, false
}

// SortMembers returns members in Swedish alphabetical order of name.
func SortMembers(members []*Member) []*Member {
	out := append([]*Member(nil), members...)
	swedish := collate.New(language.Swedish) // a Collator is not safe for concurrent use
	sort.SliceStable(out, func(i, j int) bool { return swedish.CompareString(out[i].Name, out[j].Name) < 0 })
	return out
}
