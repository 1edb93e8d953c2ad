package app

import (
	"context"
	"fmt"
	"strconv"
)

// Restore makes the text of revision n of draft id current again, as a
// new revision attributed to actor; the revisions in between stay, so
// nothing is lost and the restore itself can be undone the same way.
// Only the draft's author and the secretariat may restore, only while it
// is a draft, and only from the version they saw: version must be the
// stored one, else ECONFLICT and nothing changes. Restoring a text that
// is already the current one is refused, since it would change nothing.
func (s *Statements) Restore(ctx context.Context, actor *User, id string, n, version int) (*Statement, error) {
	if actor == nil {
		return nil, Errorf(EUNAUTHORIZED, "error.auth.login_required")
	}
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !actor.IsStaff() && actor.ID != st.AuthorID {
		return nil, Errorf(EFORBIDDEN, "error.statement.restore_forbidden")
	}
	if version <= 0 {
		return nil, FieldError("version", "error.statement.version_required")
	}
	if version != st.Version {
		return nil, staleError(st)
	}
	if st.Status != StatementDraft {
		return nil, Errorf(ECONFLICT, "error.statement.restore_locked")
	}
	rev, err := s.Store.RevisionByNumber(ctx, id, n)
	if err != nil {
		return nil, err
	}
	if rev.Title == st.Title && rev.Summary == st.Summary && rev.Body == st.Body {
		return nil, NewError(EINVALID, Msg("error.statement.restore_unchanged", "revision", n))
	}
	if err := s.storeText(ctx, st, Text{Title: rev.Title, Summary: rev.Summary, Body: rev.Body, Topics: st.Topics}, actor); err != nil {
		return nil, err
	}
	s.audit(ctx, actor, "statement.restore", st, strconv.Itoa(st.Version-1), strconv.Itoa(st.Version),
		fmt.Sprintf("Texten i version %d återställd som version %d.", n, st.Revision))
	return st, nil
}

// MayRestore reports whether u may restore an earlier revision of st now:
// the draft's author or the secretariat, while it is a draft.
func (st *Statement) MayRestore(u *User) bool {
	return u != nil && st.Status == StatementDraft && (u.IsStaff() || u.ID == st.AuthorID)
}

// RevisionAt returns statement id as it stands and its revision n, for a
// page that shows one revision; ENOTFOUND for either unknown.
func (s *Statements) RevisionAt(ctx context.Context, id string, n int) (*Statement, *Revision, error) {
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	rev, err := s.Store.RevisionByNumber(ctx, id, n)
	if err != nil {
		return nil, nil, err
	}
	return st, rev, nil
}
