package app

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// Consultations keeps the register of remisser: creation, revision with
// allowed status transitions, and the links to issues and statements.
type Consultations struct {
	Store      ConsultationStore
	Issues     IssueStore
	Statements StatementStore
	Users      UserStore // checks the responsible officer; may be nil
	NoteStore  ConsultationNoteStore
	Imports    ImportLog // what imports from regeringen.se saw; may be nil
	Clock      Clock
	Events     *Events
}

// Create checks and stores a new consultation.
func (s *Consultations) Create(ctx context.Context, actor *User, in ConsultationInput) (*Consultation, error) {
	con, err := NewConsultation(in, s.Clock.Now())
	if err != nil {
		return nil, err
	}
	if err := s.checkLinks(ctx, con); err != nil {
		return nil, err
	}
	if err := s.checkAnswered(ctx, "", con); err != nil {
		return nil, err
	}
	if err := s.Store.CreateConsultation(ctx, con); err != nil {
		return nil, err
	}
	publish(ctx, s.Events, s.Clock, actor, "consultation.create", Subject{"consultation", con.ID}, "", string(con.Status), "")
	return con, nil
}

// Revise applies edit to consultation id at version (0: the current one)
// and stores it if still at that version. One event records the change;
// a status change names both statuses in its note.
func (s *Consultations) Revise(ctx context.Context, actor *User, id string, version int, edit func(*ConsultationInput)) (*Consultation, error) {
	old, err := s.Store.ConsultationByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if version != 0 && version != old.Version {
		return nil, changedByOther(old.Version)
	}
	in := old.Input()
	edit(&in)
	next, err := old.Revise(in, s.Clock.Now())
	if err != nil {
		return nil, err
	}
	if IsCorrection(old.Status, next.Status) && actor != nil && !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "error.auth.staff_only")
	}
	if err := s.checkLinks(ctx, next); err != nil {
		return nil, err
	}
	if err := s.checkAnswered(ctx, old.Status, next); err != nil {
		return nil, err
	}
	if err := s.Store.UpdateConsultation(ctx, next); err != nil {
		return nil, err
	}
	kind, before, after, note := "consultation.update", strconv.Itoa(old.Version), strconv.Itoa(next.Version), ""
	if next.Status != old.Status {
		kind, before, after = "consultation.status", string(old.Status), string(next.Status)
		note = strings.TrimSpace(in.Reason)
	}
	publish(ctx, s.Events, s.Clock, actor, kind, Subject{"consultation", next.ID}, before, after, note)
	return next, nil
}

// checkLinks checks that the linked issues and statement exist and that
// the responsible officer is on the secretariat.
func (s *Consultations) checkLinks(ctx context.Context, con *Consultation) error {
	p := Problems{}
	if con.ResponsibleID != "" && s.Users != nil {
		u, err := s.Users.UserByID(ctx, con.ResponsibleID)
		if ErrorCode(err) == ENOTFOUND || (err == nil && !u.IsStaff()) {
			p.Add("responsible_id", "error.triage.responsible_not_staff")
		} else if err != nil {
			return err
		}
	}
	for _, id := range con.IssueIDs {
		if _, err := s.Issues.IssueByID(ctx, id); ErrorCode(err) == ENOTFOUND {
			p.Add("issue_ids", Msg("error.consultation.issue_not_found", "id", id))
		} else if err != nil {
			return err
		}
	}
	if con.StatementID != "" && s.Statements != nil {
		if _, err := s.Statements.StatementByID(ctx, con.StatementID); ErrorCode(err) == ENOTFOUND {
			p.Add("statement_id", "error.statement.not_found")
		} else if err != nil {
			return err
		}
	}
	return p.Err()
}

// Get returns consultation id, or ENOTFOUND.
func (s *Consultations) Get(ctx context.Context, id string) (*Consultation, error) {
	return s.Store.ConsultationByID(ctx, id)
}

// List returns one page of consultations and the total.
func (s *Consultations) List(ctx context.Context, f ConsultationFilter) ([]*Consultation, int, error) {
	return s.Store.ListConsultations(ctx, f)
}

// ChangedDeadlines lists the consultations whose deadline an import moved
// at or after since; none when imports are not kept.
func (s *Consultations) ChangedDeadlines(ctx context.Context, since time.Time) ([]DeadlineChange, error) {
	if s.Imports == nil {
		return nil, nil
	}
	return ChangedDeadlines(ctx, s.Imports, s.Store, since)
}
