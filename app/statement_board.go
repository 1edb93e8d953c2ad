package app

import (
	"context"
	"sort"
	"strings"
	"time"
)

// SigningBoard is where a statement in signing stands: every active
// member with its decision, or none yet.
type SigningBoard struct {
	Statement *Statement
	Rows      []BoardRow
	Signed    int
	Declined  int
	Pending   int
	// DaysLeft counts calendar days from today to the sign-by date
	// (negative when passed); only meaningful while in signing.
	DaysLeft int
	// LastReminder is the latest reminder sent, if any.
	LastReminder *AuditEvent
}

// BoardRow is one member on the board; Signature is nil while pending.
type BoardRow struct {
	Member    *Member
	Signature *Signature
}

// Board returns the signing board of statement id: the active members by
// name, and any inactive member that has decided.
func (s *Statements) Board(ctx context.Context, id string) (*SigningBoard, error) {
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return nil, err
	}
	members, _, err := s.Members.ListMembers(ctx, MemberFilter{Page: Page{Number: 1, Size: 1000}})
	if err != nil {
		return nil, err
	}
	b := &SigningBoard{Statement: st}
	b.fill(members)
	if !st.SignBy.IsZero() {
		b.DaysLeft = int(st.SignBy.Time.Sub(DateOf(s.Clock.Now()).Time) / (24 * time.Hour))
	}
	b.LastReminder, err = s.lastReminder(ctx, st.ID)
	return b, err
}

func (b *SigningBoard) fill(members []*Member) {
	byMember := map[string]*Signature{}
	for i := range b.Statement.Signatures {
		g := &b.Statement.Signatures[i]
		byMember[g.MemberID] = g
	}
	for _, m := range members {
		g := byMember[m.ID]
		if !m.Active && g == nil {
			continue
		}
		b.Rows = append(b.Rows, BoardRow{Member: m, Signature: g})
		switch {
		case g == nil:
			b.Pending++
		case g.Decision == DecisionSigned:
			b.Signed++
		default:
			b.Declined++
		}
	}
	sort.SliceStable(b.Rows, func(i, j int) bool { return b.Rows[i].Member.Name < b.Rows[j].Member.Name })
}

// lastReminder finds the newest reminder in the statement's audit log.
func (s *Statements) lastReminder(ctx context.Context, id string) (*AuditEvent, error) {
	events, _, err := s.Audit.ListAudit(ctx, AuditFilter{EntityType: "statement", EntityID: id, Page: Page{Number: 1, Size: 100}})
	if err != nil {
		return nil, err
	}
	for _, e := range events {
		if e.Action == "statement.remind" {
			return e, nil
		}
	}
	return nil, nil
}

// SigningMembers returns the names of the members that signed, in the
// order they signed.
func (st *Statement) SigningMembers() []string {
	var out []string
	for _, g := range st.Signatures {
		if g.Decision == DecisionSigned {
			out = append(out, g.MemberName)
		}
	}
	return out
}

func joinMemberNames(names []string) string { return strings.Join(names, ", ") }
