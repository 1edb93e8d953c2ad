package app

import (
	"context"
	"fmt"
)

// Publish makes a statement public: one in signing with at least one
// signature, or a position paper, which the network may publish in its
// own name. Anything else is ECONFLICT.
func (s *Statements) Publish(ctx context.Context, actor *User, id string) (*Statement, error) {
	if err := requireStaff(actor); err != nil {
		return nil, err
	}
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := publishable(st); err != nil {
		return nil, err
	}
	before := st.Status
	now := s.Clock.Now()
	if st.Status == StatementDraft {
		st.ContentHash = ContentHash(st.Title, st.Summary, st.Body)
	}
	st.Status, st.PublishedAt, st.UpdatedAt = StatementPublished, now, now
	if err := s.Store.UpdateStatement(ctx, st); err != nil {
		return nil, err
	}
	s.audit(ctx, actor, "statement.publish", st, string(before), string(StatementPublished),
		fmt.Sprintf("%d medlemmar har skrivit under. Kontrollsumma %s.", len(st.SigningMembers()), st.ContentHash))
	return st, nil
}

func publishable(st *Statement) error {
	switch {
	case st.Status == StatementSigning && len(st.SigningMembers()) > 0:
		return nil
	case st.Status == StatementSigning:
		return Errorf(ECONFLICT, "error.statement.publish_unsigned")
	case st.Status == StatementDraft && st.Kind == KindPositionPaper:
		return nil
	case st.Status == StatementDraft:
		return Errorf(ECONFLICT, "error.statement.publish_draft")
	}
	return Errorf(ECONFLICT, "error.statement.already_published")
}

// Withdraw takes a published statement down. Its public page keeps a note
// that it was withdrawn and when, without the text.
func (s *Statements) Withdraw(ctx context.Context, actor *User, id string) (*Statement, error) {
	if err := requireStaff(actor); err != nil {
		return nil, err
	}
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if st.Status != StatementPublished {
		return nil, Errorf(ECONFLICT, "error.statement.withdraw_unpublished")
	}
	now := s.Clock.Now()
	st.Status, st.WithdrawnAt, st.UpdatedAt = StatementWithdrawn, now, now
	if err := s.Store.UpdateStatement(ctx, st); err != nil {
		return nil, err
	}
	s.audit(ctx, actor, "statement.withdraw", st, string(StatementPublished), string(StatementWithdrawn), "")
	return st, nil
}
