package app

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"
)

// EEDITCONFLICT is the code of an EditConflict: two edits touched the same
// block. It answers 409 like ECONFLICT, with the conflicting blocks.
const EEDITCONFLICT = "edit_conflict"

// EditConflict refuses a save whose changes touch blocks that others also
// changed since the version it was based on; nothing was stored.
type EditConflict struct {
	Err       *Error
	Conflicts []BlockConflict
	Current   *Statement
}

func (e *EditConflict) Error() string { return e.Err.Error() }

// Unwrap lets ErrorCode and ErrorMessage read the code and message.
func (e *EditConflict) Unwrap() error { return e.Err }

// saveTries bounds how often Save merges again after a concurrent save won
// the race to the store.
const saveTries = 12

// Saved is what a save did.
type Saved struct {
	Statement *Statement
	Merged    bool // others' changes since the base version were merged in
	Unchanged bool // the text was the same: no new revision
}

// Save stores a new revision of a draft from an edit based on in.Version.
// When others saved since, their changes to other blocks are merged in
// (Merged); changes to a block that someone else also changed are an
// *EditConflict and nothing is stored. A text frozen for signing is
// ECONFLICT whatever the version. A save that changes nothing stores
// nothing (Unchanged).
func (s *Statements) Save(ctx context.Context, actor *User, id string, in StatementEdit) (*Saved, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	for try := range saveTries { // a concurrent save between reading and writing: merge again
		saved, err := s.saveOnce(ctx, actor, id, in)
		if ErrorCode(err) != ECONFLICT || saved == nil {
			return saved, err
		}
		select { // let the other save finish; jitter so that two do not meet again
		case <-time.After(time.Duration(try+1) * time.Duration(1+rand.IntN(4)) * time.Millisecond):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return nil, Errorf(ECONFLICT, "error.statement.busy")
}

// saveOnce is one attempt of Save; a store conflict comes back with a
// non-nil Saved so that Save tries again.
func (s *Statements) saveOnce(ctx context.Context, actor *User, id string, in StatementEdit) (*Saved, error) {
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if st.Status != StatementDraft {
		return nil, Errorf(ECONFLICT, "error.statement.locked")
	}
	res := &Saved{Statement: st}
	if in.Version != st.Version {
		if err := s.mergeInto(ctx, st, &in); err != nil {
			return nil, err
		}
		res.Merged = true
	}
	if !in.changes(st) {
		res.Unchanged = true
		return res, nil
	}
	if err := s.storeText(ctx, st, Text{Title: in.Title, Summary: in.Summary, Body: in.Body, Topics: in.Topics}, actor); err != nil {
		if ErrorCode(err) == ECONFLICT {
			return res, err
		}
		return nil, err
	}
	s.audit(ctx, actor, "statement.edit", st, strconv.Itoa(st.Version-1), strconv.Itoa(st.Version),
		fmt.Sprintf("Version %d av texten.", st.Revision))
	return res, nil
}

// storeText stores t as st's next revision, edited by editor, if st is
// still at its version (else ECONFLICT).
func (s *Statements) storeText(ctx context.Context, st *Statement, t Text, editor *User) error {
	now := s.Clock.Now()
	st.Title, st.Summary, st.Body, st.Topics = t.Title, t.Summary, t.Body, t.Topics
	st.Revision++
	st.EditedBy, st.EditedByName, st.EditedAt, st.UpdatedAt = editor.ID, editor.Name, now, now
	return s.Store.UpdateStatement(ctx, st)
}

// mergeInto replaces in's text with its merge with the changes saved since
// in.Version, or answers an *EditConflict.
func (s *Statements) mergeInto(ctx context.Context, st *Statement, in *StatementEdit) error {
	base, err := s.textAt(ctx, st, in.Version)
	if err != nil {
		return err
	}
	theirs := Text{Title: st.Title, Summary: st.Summary, Body: st.Body, Topics: st.Topics}
	yours := Text{Title: in.Title, Summary: in.Summary, Body: in.Body, Topics: in.Topics}
	resolved := in.Resolved
	if in.Against != st.Version {
		resolved = nil // chosen against a text that has moved on since: choose again
	}
	merged, conflicts := MergeResolved(base, theirs, yours, resolved)
	if len(conflicts) > 0 {
		msg := Msg("error.statement.edit_conflict", "version", in.Version)
		return &EditConflict{Err: NewError(EEDITCONFLICT, msg), Conflicts: conflicts, Current: st}
	}
	in.Title, in.Summary, in.Body, in.Topics = merged.Title, merged.Summary, merged.Body, merged.Topics
	return nil
}

// revisionAt returns the number of the latest revision saved at or before
// version v, from st.TextVersions; 0 when they do not tell.
func (st *Statement) revisionAt(v int) int {
	if len(st.TextVersions) != st.Revision {
		return 0
	}
	for n := st.Revision; n >= 1; n-- {
		switch tv := st.TextVersions[n-1]; {
		case tv == 0:
			return 0
		case tv <= v:
			return n
		}
	}
	return 0
}

// textAt returns the text st had at version v: the latest revision saved
// at or before v. A version that is not st's past, or older than the
// versions noted, is a stale edit that cannot be merged.
func (s *Statements) textAt(ctx context.Context, st *Statement, v int) (Text, error) {
	n := st.revisionAt(v)
	switch {
	case v > st.Version || n == 0:
		return Text{}, staleError(st)
	case n == st.Revision:
		return Text{Title: st.Title, Summary: st.Summary, Body: st.Body, Topics: st.Topics}, nil
	}
	r, err := s.Store.PastRevision(ctx, st.ID, n)
	if err != nil {
		return Text{}, err
	}
	return Text{Title: r.Title, Summary: r.Summary, Body: r.Body, Topics: st.Topics}, nil
}
