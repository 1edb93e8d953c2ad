package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Step is what a deliberate step — publishing, withdrawing or reopening a
// text — carries besides who takes it: the reason, kept in the audit log,
// and the version the person confirmed, so that a step confirmed on a page
// that has gone stale (another decision came in, someone else reopened) is
// refused rather than taken on facts nobody saw. Both are optional.
type Step struct {
	Reason  string
	Version int // 0: whatever is stored
}

// MaxStepReason is the longest reason a step keeps, in characters.
const MaxStepReason = 1000

// validate trims the reason and limits its length.
func (in *Step) validate() error {
	in.Reason = strings.TrimSpace(in.Reason)
	if len([]rune(in.Reason)) > MaxStepReason {
		return FieldError("reason", Msg("error.field.max_chars", "max", MaxStepReason))
	}
	return nil
}

// current checks that st is the version the step was confirmed on.
func (in Step) current(st *Statement) error {
	if in.Version != 0 && in.Version != st.Version {
		return changedByOther(st.Version)
	}
	return nil
}

// stepTarget validates in and loads the statement a staff step is about.
func (s *Statements) stepTarget(ctx context.Context, actor *User, id string, in *Step) (*Statement, error) {
	if err := requireStaff(actor); err != nil {
		return nil, err
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return nil, err
	}
	return st, in.current(st)
}

// withReason appends the reason for a step to an audit note.
func withReason(note, reason string) string {
	if reason == "" {
		return note
	}
	if note != "" {
		note += " "
	}
	return note + "Skäl: " + reason
}

// SetQuorum sets the least number of members that must have signed
// before statement id may be published (0: none). Only the secretariat
// sets it, only before publishing, and never above the number of active
// members. version, when not 0, must be the stored one. Setting the
// quorum it already has changes nothing and announces nothing.
func (s *Statements) SetQuorum(ctx context.Context, actor *User, id string, version, quorum int) (*Statement, error) {
	if err := requireStaff(actor); err != nil {
		return nil, err
	}
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if version != 0 && version != st.Version {
		return nil, changedByOther(st.Version)
	}
	if st.Status != StatementDraft && st.Status != StatementSigning {
		return nil, Errorf(ECONFLICT, "error.statement.quorum_published")
	}
	if err := s.checkQuorum(ctx, quorum); err != nil || quorum == st.Quorum {
		return st, err
	}
	before := st.Quorum
	st.Quorum, st.UpdatedAt = quorum, s.Clock.Now()
	if err := s.Store.UpdateStatement(ctx, st); err != nil {
		return nil, err
	}
	s.audit(ctx, actor, "statement.quorum", st, strconv.Itoa(before), strconv.Itoa(quorum), fmt.Sprintf("Kvorum %d → %d (0: inget kvorum).", before, quorum))
	return st, nil
}

// checkQuorum refuses a quorum below 0 or above the active members.
func (s *Statements) checkQuorum(ctx context.Context, quorum int) error {
	if quorum < 0 {
		return FieldError("quorum", "error.statement.quorum_negative")
	}
	if quorum == 0 {
		return nil
	}
	_, active, err := s.Members.ListMembers(ctx, MemberFilter{ActiveOnly: true, Page: Page{Number: 1, Size: 1}})
	if err != nil {
		return err
	}
	if quorum > active {
		return FieldError("quorum", Msg("error.statement.quorum_too_high", "active", active))
	}
	return nil
}

// maxReferenceRunes bounds a diarienummer ("IK 2026/14" and the like).
const maxReferenceRunes = 60

// SetReference registers the network's own diarienummer of statement id
// ("Vår referens"), or clears it with "". Only the secretariat does; it is
// not part of the signed text, so it may be set at any stage. version,
// when not 0, must be the stored one. The same reference again changes
// nothing and announces nothing.
func (s *Statements) SetReference(ctx context.Context, actor *User, id string, version int, reference string) (*Statement, error) {
	if err := requireStaff(actor); err != nil {
		return nil, err
	}
	reference = strings.Join(strings.Fields(reference), " ")
	if utf8.RuneCountInString(reference) > maxReferenceRunes {
		return nil, FieldError("reference", Msg("error.field.max_chars", "max", maxReferenceRunes))
	}
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if version != 0 && version != st.Version {
		return nil, changedByOther(st.Version)
	}
	if reference == st.Reference {
		return st, nil
	}
	before := st.Reference
	st.Reference, st.UpdatedAt = reference, s.Clock.Now()
	if err := s.Store.UpdateStatement(ctx, st); err != nil {
		return nil, err
	}
	s.audit(ctx, actor, "statement.reference", st, before, reference, "Vår referens: "+reference)
	return st, nil
}
