package app

import (
	"context"
	"fmt"
)

// Publish makes a statement public: one in signing with at least one
// signature — and at least its quorum, when one is set —, or a position
// paper, which the network may publish in its own name. Anything else is
// ECONFLICT and changes nothing. The reason is kept in the audit log.
func (s *Statements) Publish(ctx context.Context, actor *User, id string, in Step) (*Statement, error) {
	st, err := s.stepTarget(ctx, actor, id, &in)
	if err != nil {
		return nil, err
	}
	if err := st.Publishable(); err != nil {
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
		withReason(fmt.Sprintf("%d medlemmar har skrivit under. Kontrollsumma %s.", len(st.SigningMembers()), st.ContentHash), in.Reason))
	return st, nil
}

// Publishable says why st may not be published now, or nil.
func (st *Statement) Publishable() error {
	signed := len(st.SigningMembers())
	switch {
	case st.Status != StatementDraft && st.Status != StatementSigning:
		return Errorf(ECONFLICT, "error.statement.already_published")
	case st.Status == StatementDraft && st.Kind != KindPositionPaper:
		return Errorf(ECONFLICT, "error.statement.publish_draft")
	case signed < st.Quorum:
		return NewError(ECONFLICT, Msg("error.statement.publish_below_quorum", "quorum", st.Quorum, "signed", signed))
	case st.Status == StatementSigning && signed == 0:
		return Errorf(ECONFLICT, "error.statement.publish_unsigned")
	}
	return nil
}

// Withdraw takes a published statement down. Its public page keeps a note
// that it was withdrawn and when, without the text. The reason is kept in
// the audit log.
func (s *Statements) Withdraw(ctx context.Context, actor *User, id string, in Step) (*Statement, error) {
	st, err := s.stepTarget(ctx, actor, id, &in)
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
	s.audit(ctx, actor, "statement.withdraw", st, string(StatementPublished), string(StatementWithdrawn), withReason("", in.Reason))
	return st, nil
}
