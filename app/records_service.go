package app

import (
	"context"
	"strconv"
	"time"
)

// Outcomes keeps what followed each consultation (outcome.go).
type Outcomes struct {
	Store  OutcomeStore
	Clock  Clock
	Events *Events
}

// Of returns consultation id's outcome; an empty one when none is stored.
func (s *Outcomes) Of(ctx context.Context, consultationID string) (*Outcome, error) {
	o, err := s.Store.OutcomeOf(ctx, consultationID)
	if ErrorCode(err) == ENOTFOUND {
		return &Outcome{ConsultationID: consultationID}, nil
	}
	return o, err
}

// List returns every stored outcome.
func (s *Outcomes) List(ctx context.Context) ([]*Outcome, error) { return s.Store.ListOutcomes(ctx) }

// Save applies change to consultation id's outcome read at version and
// stores it if still at that version; kind names the change
// ("outcome.save", "outcome.follow_up").
func (s *Outcomes) Save(ctx context.Context, actor *User, kind, consultationID string, version int,
	change func(o Outcome, by string, now time.Time) (*Outcome, error)) (*Outcome, error) {
	o, err := s.Of(ctx, consultationID)
	if err != nil {
		return nil, err
	}
	if version != o.Version {
		return nil, changedByOther(o.Version)
	}
	next, err := change(*o, actorID(actor), s.Clock.Now())
	if err != nil {
		return nil, err
	}
	if err := s.Store.SaveOutcome(ctx, next); err != nil {
		return nil, err
	}
	publish(ctx, s.Events, s.Clock, actor, kind, Subject{"consultation", consultationID},
		strconv.Itoa(version), strconv.Itoa(next.Version), "")
	return next, nil
}

// Positions keeps the standing positions of the network's issues.
type Positions struct {
	Store      PositionStore
	Statements StatementStore
	Clock      Clock
	Events     *Events
}

// List returns the positions of the given issues.
func (s *Positions) List(ctx context.Context, issueIDs ...string) ([]*Position, error) {
	return s.Store.ListPositions(ctx, issueIDs...)
}

// Create stores a new position of issueID.
func (s *Positions) Create(ctx context.Context, actor *User, issueID string, in PositionInput) (*Position, error) {
	pos, err := NewPosition(issueID, in, actorID(actor), s.Clock.Now())
	if err != nil {
		return nil, err
	}
	if err := s.Store.CreatePosition(ctx, pos); err != nil {
		return nil, err
	}
	publish(ctx, s.Events, s.Clock, actor, "position.create", Subject{"issue", issueID}, "", pos.ID, "")
	return pos, nil
}

// Revise changes the text, publicity or retirement of pos, read at version.
func (s *Positions) Revise(ctx context.Context, actor *User, pos *Position, version int, in PositionInput) (*Position, error) {
	return s.change(ctx, actor, "position.update", pos, version, func() (*Position, error) {
		return pos.Revise(in, actorID(actor), s.Clock.Now())
	})
}

// MarkUsed records that statement statementID used pos, read at version.
func (s *Positions) MarkUsed(ctx context.Context, actor *User, pos *Position, version int, statementID string) (*Position, error) {
	return s.change(ctx, actor, "position.use", pos, version, func() (*Position, error) {
		st, err := s.Statements.StatementByID(ctx, statementID)
		if err != nil {
			return nil, FieldError("statement_id", "error.position.statement_required")
		}
		return pos.MarkUsed(st.ID, actorID(actor), s.Clock.Now()), nil
	})
}

func (s *Positions) change(ctx context.Context, actor *User, kind string, pos *Position, version int,
	next func() (*Position, error)) (*Position, error) {
	if version != pos.Version {
		return nil, changedByOther(pos.Version)
	}
	np, err := next()
	if err != nil {
		return nil, err
	}
	if err := s.Store.UpdatePosition(ctx, np); err != nil {
		return nil, err
	}
	publish(ctx, s.Events, s.Clock, actor, kind, Subject{"issue", pos.IssueID}, strconv.Itoa(version), pos.ID, "")
	return np, nil
}

// Feedbacks keeps what visitors report about accessibility.
type Feedbacks struct {
	Store  FeedbackStore
	Clock  Clock
	Events *Events
}

// Add stores a visitor's report.
func (s *Feedbacks) Add(ctx context.Context, page, message, name, email, lang string) (*Feedback, error) {
	fb, err := NewFeedback(page, message, name, email, lang, s.Clock.Now())
	if err != nil {
		return nil, err
	}
	if err := s.Store.AddFeedback(ctx, fb); err != nil {
		return nil, err
	}
	publish(ctx, s.Events, s.Clock, nil, "feedback.create", Subject{"feedback", fb.ID}, "", "", "")
	return fb, nil
}

// List returns one page of reports and the total.
func (s *Feedbacks) List(ctx context.Context, p Page) ([]*Feedback, int, error) {
	return s.Store.ListFeedback(ctx, p)
}

// AuditTrail reads the audit log, which only the event stream writes.
type AuditTrail struct {
	Log AuditLog
}

// List returns the entries f selects, newest first, and the total.
func (s *AuditTrail) List(ctx context.Context, f AuditFilter) ([]*AuditEvent, int, error) {
	return s.Log.ListAudit(ctx, f)
}

func actorID(u *User) string {
	if u == nil {
		return ""
	}
	return u.ID
}
