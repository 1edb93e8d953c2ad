package app

import (
	"context"
	"fmt"
)

// Statements runs the life of a statement: drafting with revisions,
// comments, signing bound to the frozen text, publishing and withdrawal.
// Every change is conditional on the stored version or guarded by a unique
// index, and is announced as one event (event.go).
type Statements struct {
	Store         StatementStore
	Members       MemberStore
	Consultations ConsultationStore
	Suggestions   SuggestionStore
	Presence      PresenceStore
	Audit         AuditLog // read for reminders and history; written through Events
	Clock         Clock
	Events        *Events
	// Mailer and Users, when set, let Remind mail the signatories of the
	// pending members; without them the reminder is only recorded.
	Mailer  Mailer
	Users   UserStore
	BaseURL string
	// Notices keeps users' notification choices and the once-a-day claims
	// of reminders. May be nil (then reminders are not limited).
	Notices NotificationStore
	// Warn hears of follow-up work that failed after a change was stored
	// (the consultation's status); the change itself stands. May be nil.
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

// Edit saves a new revision of a draft (Save, without telling whether it
// merged).
func (s *Statements) Edit(ctx context.Context, actor *User, id string, in StatementEdit) (*Statement, error) {
	saved, err := s.Save(ctx, actor, id, in)
	if err != nil {
		return nil, err
	}
	return saved.Statement, nil
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

// audit announces a change to st.
func (s *Statements) audit(ctx context.Context, actor *User, action string, st *Statement, before, after, note string) {
	publish(ctx, s.Events, s.Clock, actor, action, Subject{"statement", st.ID}, before, after, note)
}

func (s *Statements) warn(msg string, err error) {
	if s.Warn != nil {
		s.Warn(msg, err)
	}
}
