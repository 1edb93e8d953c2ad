package app

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Position is a standing position (ståndpunkt): a short, reusable
// statement of what the network thinks on an issue, which members can
// insert into drafts. UsedIn lists the statements it has been used in, as
// the secretariat recorded them; pages outside show only the published
// ones, and only when both the position and its issue are public.
type Position struct {
	ID        string
	IssueID   string
	Title     string // a few words, e.g. "Elnätsavgifter"
	Text      string // plain text, a few sentences
	Public    bool
	Retired   bool // no longer held; kept for the record
	UsedIn    []string
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
	UpdatedBy string
}

// PositionStore keeps standing positions. Lookups return ENOTFOUND;
// UpdatePosition stores p if the stored version is still p.Version (else
// ECONFLICT, nothing changed) and bumps p.Version.
type PositionStore interface {
	CreatePosition(ctx context.Context, p *Position) error
	PositionByID(ctx context.Context, id string) (*Position, error)
	// ListPositions lists the positions of the issues (all when none is
	// given), oldest first.
	ListPositions(ctx context.Context, issueIDs ...string) ([]*Position, error)
	UpdatePosition(ctx context.Context, p *Position) error
}

// PositionInput is a position as a form or API sends it.
type PositionInput struct {
	Title   string
	Text    string
	Public  bool
	Retired bool
}

// NewPosition validates a new position on an issue.
func NewPosition(issueID string, in PositionInput, by string, now time.Time) (*Position, error) {
	p := &Position{IssueID: issueID, Version: 1, CreatedAt: now}
	return p.Revise(in, by, now)
}

// Revise returns a copy of p with in applied, validated.
func (p Position) Revise(in PositionInput, by string, now time.Time) (*Position, error) {
	pr := Problems{}
	in.Title, in.Text = strings.TrimSpace(in.Title), strings.TrimSpace(in.Text)
	if in.Title == "" {
		pr.Add("title", "error.position.title_required")
	}
	limitLen(pr, "title", in.Title, 120)
	if in.Text == "" {
		pr.Add("text", "error.position.text_required")
	}
	limitLen(pr, "text", in.Text, 1200)
	if err := pr.Err(); err != nil {
		return nil, err
	}
	p.Title, p.Text, p.Public, p.Retired, p.UpdatedAt, p.UpdatedBy = in.Title, in.Text, in.Public, in.Retired, now, by
	return &p, nil
}

// MarkUsed returns a copy of p that records its use in a statement; a use
// already recorded leaves p as it is.
func (p Position) MarkUsed(statementID, by string, now time.Time) *Position {
	if slices.Contains(p.UsedIn, statementID) {
		return &p
	}
	p.UsedIn = append(append([]string(nil), p.UsedIn...), statementID)
	p.UpdatedAt, p.UpdatedBy = now, by
	return &p
}

// ShownPublicly reports whether p may be shown outside, given its issue.
func (p *Position) ShownPublicly(issue *Issue) bool {
	return p.Public && !p.Retired && issue != nil && issue.Public && issue.ID == p.IssueID
}

// IssuesOfStatement returns the issues a statement belongs to: those that
// link it, and those that link its consultation.
func IssuesOfStatement(st *Statement, issues []*Issue) []*Issue {
	var out []*Issue
	for _, i := range issues {
		if slices.Contains(i.StatementIDs, st.ID) || (st.ConsultationID != "" && slices.Contains(i.ConsultationIDs, st.ConsultationID)) {
			out = append(out, i)
		}
	}
	return out
}
