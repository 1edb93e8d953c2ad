package app_test

import (
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
)

// TestParticipationCountsFromJoining: a member that joined after a text's
// signing opened is "not a member then" for it, and the text counts
// neither as asked nor as unanswered; a text whose signing opened after it
// joined counts; a decision it did make counts whenever it joined. Without
// the opening time, the statement's date stands in.
func TestParticipationCountsFromJoining(t *testing.T) {
	t.Parallel()
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 10, 0, 0, 0, app.Stockholm) }
	old := &app.Member{ID: "old", Name: "Kiruna", Active: true, CreatedAt: day(1, 1)}
	newcomer := &app.Member{ID: "new", Name: "Luleå", Active: true, CreatedAt: day(6, 1)}
	st := func(id string, published time.Time, signers ...string) *app.Statement {
		s := &app.Statement{ID: id, Title: id, Status: app.StatementPublished, PublishedAt: published, SignBy: app.DateOf(published)}
		for _, m := range signers {
			s.Signatures = append(s.Signatures, app.Signature{MemberID: m, Decision: app.DecisionSigned})
		}
		return s
	}
	before := st("before", day(6, 20), "old")       // signing opened in May, published after the newcomer joined
	after := st("after", day(9, 1), "old")          // signing opened after it joined: it was asked
	signed := st("signed", day(3, 1), "old", "new") // it signed though not yet a member: counts
	opened := map[string]time.Time{"before": day(5, 10), "after": day(8, 1)}
	p := app.BuildFairParticipation([]*app.Member{old, newcomer}, []*app.Statement{before, after, signed}, true, opened)
	row, _ := p.RowOf("new")
	if row.Asked() != 2 || row.None != 1 || row.Signed != 1 || row.AnsweredPercent() != 50 {
		t.Fatalf("newcomer: asked %d, none %d, signed %d, %d %%; cells %v", row.Asked(), row.None, row.Signed, row.AnsweredPercent(), row.Cells)
	}
	for i, s := range p.Statements {
		if s.ID == "before" && row.Cells[i] != app.CellNotMember {
			t.Errorf("the text from before it joined: %s", row.Cells[i])
		}
	}
	if r, _ := p.RowOf("old"); r.Asked() != 3 || r.Signed != 3 {
		t.Errorf("the old member: %+v", r)
	}
	// Without opening times the statement's date decides: "before" was
	// published after the newcomer joined, so it counts.
	p = app.BuildParticipation([]*app.Member{old, newcomer}, []*app.Statement{before, after, signed}, true)
	if r, _ := p.RowOf("new"); r.Asked() != 3 {
		t.Errorf("by statement date: asked %d", r.Asked())
	}
}
