package app

import (
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Comment adds a comment, or a reply to a thread, to a draft or a
// statement in signing. A comment is anchored to in.Anchor, a block of
// revision in.Version (0: the current one), and to in.Quote, words of
// that block ("" for the whole block); a reply shares its thread's place.
func (s *Statements) Comment(ctx context.Context, actor *User, id string, in CommentInput) (*Comment, error) {
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !openToComments(st) {
		return nil, Errorf(ECONFLICT, "error.comment.published")
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	c := &Comment{StatementID: st.ID, ParentID: in.ParentID, AuthorID: actor.ID, AuthorName: actor.Name,
		Body: in.Body, CreatedAt: s.Clock.Now()}
	if in.ParentID != "" {
		parent, err := s.Store.CommentByID(ctx, in.ParentID)
		if err != nil || parent.StatementID != st.ID || parent.ParentID != "" {
			return nil, FieldError("parent_id", "error.comment.parent_not_found")
		}
		c.Version, c.Block, c.Quote, c.Whole = parent.Version, parent.Block, parent.Quote, parent.Whole
	} else if err := s.anchorNew(ctx, st, in, c); err != nil {
		return nil, err
	}
	if c.Mentions, err = s.mentions(ctx, c.Body); err != nil {
		return nil, err
	}
	if err := s.Store.CreateComment(ctx, c); err != nil {
		return nil, err
	}
	s.audit(ctx, actor, "statement.comment", st, "", c.ID, "")
	return s.placeOne(ctx, actor, st, c)
}

func openToComments(st *Statement) bool {
	return st.Status == StatementDraft || st.Status == StatementSigning
}

// anchorNew records on c the revision, block and quote of a new thread,
// checking that the block is in that revision and the quote in the block.
func (s *Statements) anchorNew(ctx context.Context, st *Statement, in CommentInput, c *Comment) error {
	c.Version = in.Version
	if c.Version == 0 {
		c.Version = st.Revision
	}
	body := st.Body
	if c.Version != st.Revision {
		rev, err := s.Store.RevisionByNumber(ctx, st.ID, c.Version)
		if ErrorCode(err) == ENOTFOUND {
			return FieldError("version", "error.comment.no_such_version")
		} else if err != nil {
			return err
		}
		body = rev.Body
	}
	blocks := Blocks(body)
	if in.Anchor > len(blocks) {
		return FieldError("anchor", "error.comment.no_such_paragraph")
	}
	c.Block = in.Anchor
	if in.Anchor == 0 {
		return nil
	}
	b := blocks[in.Anchor-1]
	switch {
	case in.Quote == "":
		c.Quote, c.Whole = QuoteOf(b), true
	case strings.Contains(foldText(b.Source), foldText(in.Quote)):
		c.Quote = in.Quote
	default:
		return FieldError("quote", "error.comment.quote_not_in_paragraph")
	}
	return nil
}

// Resolve marks a thread of statement id resolved. Only the thread's
// author, the draft's responsible person and the secretariat may; a
// resolved thread stays as it is.
func (s *Statements) Resolve(ctx context.Context, actor *User, id, commentID string) (*Comment, error) {
	return s.setResolved(ctx, actor, id, commentID, true, "statement.resolve")
}

// ReopenThread opens a resolved thread of statement id again; the same
// people as for Resolve may.
func (s *Statements) ReopenThread(ctx context.Context, actor *User, id, commentID string) (*Comment, error) {
	return s.setResolved(ctx, actor, id, commentID, false, "statement.reopen_thread")
}

func (s *Statements) setResolved(ctx context.Context, actor *User, id, commentID string, resolved bool, kind string) (*Comment, error) {
	st, c, err := s.commentOf(ctx, id, commentID)
	if err != nil {
		return nil, err
	}
	if c.ParentID != "" {
		return nil, Errorf(ENOTFOUND, "error.comment.thread_not_found")
	}
	if !MayResolve(actor, st, c) {
		return nil, Errorf(EFORBIDDEN, "error.comment.resolve_forbidden")
	}
	if c.Resolved == resolved {
		return s.placeOne(ctx, actor, st, c)
	}
	now := s.Clock.Now()
	if err := s.Store.SetThreadResolved(ctx, st.ID, c.ID, resolved, actor.ID, now); err != nil {
		return nil, err
	}
	s.audit(ctx, actor, kind, st, "", c.ID, "")
	c.Resolved, c.ResolvedBy, c.ResolvedAt = resolved, actor.ID, now
	return s.placeOne(ctx, actor, st, c)
}

// EditComment replaces the body of the actor's own comment while the text
// is open to comments; the earlier body is kept for the secretariat.
func (s *Statements) EditComment(ctx context.Context, actor *User, id, commentID, body string) (*Comment, error) {
	st, c, err := s.ownComment(ctx, actor, id, commentID)
	if err != nil {
		return nil, err
	}
	if !openToComments(st) {
		return nil, Errorf(ECONFLICT, "error.comment.edit_published")
	}
	body = strings.TrimSpace(body)
	p := Problems{}
	p.checkBody(body)
	if err := p.Err(); err != nil {
		return nil, err
	}
	if body == c.Body {
		return s.placeOne(ctx, actor, st, c)
	}
	now := s.Clock.Now()
	if err := s.Store.ReplaceCommentBody(ctx, st.ID, c.ID, actor.ID, c.Body, body, now); err != nil {
		return nil, err
	}
	s.audit(ctx, actor, "statement.comment_edit", st, "", c.ID, "")
	c.History = append(c.History, CommentEdit{Body: c.Body, At: now})
	c.Body, c.EditedAt = body, now
	return s.placeOne(ctx, actor, st, c)
}

// DeleteComment deletes the actor's own comment. Members then see that it
// was deleted; the secretariat still sees what it said. Its replies stay.
func (s *Statements) DeleteComment(ctx context.Context, actor *User, id, commentID string) error {
	st, c, err := s.ownComment(ctx, actor, id, commentID)
	if err != nil {
		return err
	}
	if err := s.Store.MarkCommentDeleted(ctx, st.ID, c.ID, actor.ID, s.Clock.Now()); err != nil {
		return err
	}
	s.audit(ctx, actor, "statement.comment_delete", st, "", c.ID, "")
	return nil
}

// commentOf reads statement id and its comment commentID.
func (s *Statements) commentOf(ctx context.Context, id, commentID string) (*Statement, *Comment, error) {
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	c, err := s.Store.CommentByID(ctx, commentID)
	if err != nil {
		return nil, nil, err
	}
	if c.StatementID != st.ID {
		return nil, nil, Errorf(ENOTFOUND, "error.comment.not_found")
	}
	return st, c, nil
}

// ownComment reads a comment that actor wrote and has not deleted.
func (s *Statements) ownComment(ctx context.Context, actor *User, id, commentID string) (*Statement, *Comment, error) {
	st, c, err := s.commentOf(ctx, id, commentID)
	if err != nil {
		return nil, nil, err
	}
	if actor == nil || actor.ID != c.AuthorID {
		return nil, nil, Errorf(EFORBIDDEN, "error.comment.not_yours")
	}
	if c.Deleted {
		return nil, nil, Errorf(ECONFLICT, "error.comment.deleted")
	}
	return st, c, nil
}

// mentions finds the active users that body @mentions by their full name
// ("@Anna Berg"), whatever its case; the longest name wins where one name
// begins another.
func (s *Statements) mentions(ctx context.Context, body string) ([]string, error) {
	if !strings.Contains(body, "@") || s.Users == nil {
		return nil, nil
	}
	users, _, err := s.Users.ListUsers(ctx, UserFilter{})
	if err != nil {
		return nil, err
	}
	return Mentioned(body, users), nil
}

// Mentioned returns the ids of the active users whose "@Name" body holds,
// the name followed by neither a letter nor a digit. Where two names match
// at one "@" ("@Anna" and "@Anna Berg"), only the longer counts.
func Mentioned(body string, users []*User) []string {
	lower := strings.ToLower(body)
	best := map[int]*User{} // by the position of the "@"
	for _, u := range users {
		if !u.Active || strings.TrimSpace(u.Name) == "" {
			continue
		}
		tag := "@" + strings.ToLower(u.Name)
		for i := 0; ; {
			j := strings.Index(lower[i:], tag)
			if j < 0 {
				break
			}
			at, end := i+j, i+j+len(tag)
			r, _ := utf8.DecodeRuneInString(lower[end:])
			if end == len(lower) || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
				if b := best[at]; b == nil || len(b.Name) < len(u.Name) {
					best[at] = u
				}
			}
			i = end
		}
	}
	var out []string
	for _, u := range best {
		if !slices.Contains(out, u.ID) {
			out = append(out, u.ID)
		}
	}
	slices.Sort(out)
	return out
}
