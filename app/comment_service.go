package app

import "context"

// Comment adds a comment, or a reply to a thread, to a draft or a
// statement in signing. A reply shares its thread's paragraph.
func (s *Statements) Comment(ctx context.Context, actor *User, id string, in CommentInput) (*Comment, error) {
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if st.Status != StatementDraft && st.Status != StatementSigning {
		return nil, Errorf(ECONFLICT, "error.comment.published")
	}
	if err := in.validate(len(Blocks(st.Body))); err != nil {
		return nil, err
	}
	if in.ParentID != "" {
		parent, err := s.Store.CommentByID(ctx, in.ParentID)
		if err != nil || parent.StatementID != st.ID || parent.ParentID != "" {
			return nil, FieldError("parent_id", "error.comment.parent_not_found")
		}
		in.Anchor = parent.Anchor
	}
	c := &Comment{StatementID: st.ID, ParentID: in.ParentID, Anchor: in.Anchor, AuthorID: actor.ID,
		AuthorName: actor.Name, Body: in.Body, CreatedAt: s.Clock.Now()}
	if err := s.Store.CreateComment(ctx, c); err != nil {
		return nil, err
	}
	s.audit(ctx, actor, "statement.comment", st, "", c.ID, "")
	return c, nil
}

// Resolve marks a thread of statement id resolved.
func (s *Statements) Resolve(ctx context.Context, actor *User, id, commentID string) error {
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return err
	}
	if err := s.Store.ResolveComment(ctx, st.ID, commentID, actor.ID, s.Clock.Now()); err != nil {
		return err
	}
	s.audit(ctx, actor, "statement.resolve", st, "", commentID, "")
	return nil
}
