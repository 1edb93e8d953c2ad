package app

import (
	"context"
	"fmt"
	"strconv"
)

// Statements runs the life of a statement: drafting with revisions,
// comments, signing bound to the frozen text, publishing and withdrawal.
// Every change is conditional on the stored version or guarded by a unique
// index, and is recorded in the audit log.
type Statements struct {
	Store         StatementStore
	Members       MemberStore
	Consultations ConsultationStore
	Audit         AuditLog
	Clock         Clock
	// Mailer and Users, when set, let Remind mail the signatories of the
	// pending members; without them the reminder is only recorded.
	Mailer  Mailer
	Users   UserStore
	BaseURL string
	// Changed, when set, is called after every change stored (the search
	// sync's Kick). It must not block.
	Changed func()
	// Warn hears of follow-up work that failed after a change was stored
	// (audit log, consultation status); the change itself stands. May be nil.
	Warn func(msg string, err error)
}

// Visible returns the statement id as viewer may see it: signed-in users
// see every statement, anonymous visitors only published and withdrawn
// ones. Anything else is ENOTFOUND, never EFORBIDDEN.
func (s *Statements) Visible(ctx context.Context, viewer *User, id string) (*Statement, error) {
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if viewer == nil && !st.IsPublic() {
		return nil, Errorf(ENOTFOUND, "error.statement.not_found")
	}
	return st, nil
}

// IsPublic reports whether anyone may see that the statement exists.
func (st *Statement) IsPublic() bool {
	return st.Status == StatementPublished || st.Status == StatementWithdrawn
}

// Create starts a draft as revision 1. A consultation response must name
// an existing consultation, which then moves to drafting.
func (s *Statements) Create(ctx context.Context, actor *User, in StatementInput) (*Statement, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	if in.Kind == KindConsultationResponse {
		if _, err := s.Consultations.ConsultationByID(ctx, in.ConsultationID); ErrorCode(err) == ENOTFOUND {
			return nil, FieldError("consultation_id", "error.consultation.not_found")
		} else if err != nil {
			return nil, err
		}
	}
	now := s.Clock.Now()
	st := &Statement{Kind: in.Kind, Title: in.Title, Slug: Slugify(in.Title), Summary: in.Summary, Body: in.Body,
		Topics: in.Topics, ConsultationID: in.ConsultationID, Status: StatementDraft, AuthorID: actor.ID,
		Round: 1, Revision: 1, EditedBy: actor.ID, EditedByName: actor.Name, EditedAt: now,
		Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := s.createWithFreeSlug(ctx, st); err != nil {
		return nil, err
	}
	s.audit(ctx, actor, "statement.create", st, "", "1", st.Title)
	s.moveConsultation(ctx, actor, st, ConsultationDrafting, ConsultationIncoming, ConsultationAssessing)
	return st, nil
}

// createWithFreeSlug inserts st, numbering its slug (-2, -3, …) while it
// is taken.
func (s *Statements) createWithFreeSlug(ctx context.Context, st *Statement) error {
	base := st.Slug
	for n := 2; ; n++ {
		err := s.Store.CreateStatement(ctx, st)
		if ErrorCode(err) != ECONFLICT || n > 20 {
			return err
		}
		st.Slug = fmt.Sprintf("%s-%d", base, n)
	}
}

// Edit saves a new revision of a draft. A stale version is ECONFLICT and
// changes nothing; so is an edit of a text frozen for signing.
func (s *Statements) Edit(ctx context.Context, actor *User, id string, in StatementEdit) (*Statement, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if st.Version != in.Version {
		return nil, staleError(st)
	}
	if st.Status != StatementDraft {
		return nil, Errorf(ECONFLICT, "error.statement.locked")
	}
	if !in.changes(st) {
		return st, nil
	}
	now := s.Clock.Now()
	st.Title, st.Summary, st.Body, st.Topics = in.Title, in.Summary, in.Body, in.Topics
	st.Revision++
	st.EditedBy, st.EditedByName, st.EditedAt, st.UpdatedAt = actor.ID, actor.Name, now, now
	if err := s.Store.UpdateStatement(ctx, st); err != nil {
		return nil, err
	}
	s.audit(ctx, actor, "statement.edit", st, strconv.Itoa(st.Version-1), strconv.Itoa(st.Version),
		fmt.Sprintf("Version %d av texten.", st.Revision))
	return st, nil
}

// staleError is the conflict of an edit based on an old version.
func staleError(st *Statement) error {
	msg := Msg("error.statement.stale_version", "version", st.Version)
	return &Error{Code: ECONFLICT, Message: msg, Fields: map[string]string{"version": msg}}
}

// requireStaff refuses anyone but the secretariat and administrators.
func requireStaff(actor *User) error {
	if actor == nil || !actor.IsStaff() {
		return Errorf(EFORBIDDEN, "error.auth.staff_only")
	}
	return nil
}

// audit records a change to st; a failure is reported to Warn, since the
// change is stored already.
func (s *Statements) audit(ctx context.Context, actor *User, action string, st *Statement, before, after, note string) {
	e := &AuditEvent{At: s.Clock.Now(), Action: action, EntityType: "statement", EntityID: st.ID,
		Before: before, After: after, Note: note}
	if actor != nil {
		e.ActorID, e.ActorName = actor.ID, actor.Name
	}
	ctx, cancel := AfterStore(ctx)
	defer cancel()
	if err := s.Audit.AppendAudit(ctx, e); err != nil {
		s.warn("audit append failed: "+action, err)
	}
	if s.Changed != nil { // every change stored is audited: here it is heard of too
		s.Changed()
	}
}

func (s *Statements) warn(msg string, err error) {
	if s.Warn != nil {
		s.Warn(msg, err)
	}
}
