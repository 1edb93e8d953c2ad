package app

import (
	"context"
	"strconv"
)

// Issues keeps the network's advocacy issues (påverkansfrågor) and the
// dated log of what was done about each.
type Issues struct {
	Store         IssueStore
	Members       MemberStore
	Consultations ConsultationStore
	Statements    StatementStore
	Clock         Clock
	Events        *Events
}

// Create checks and stores a new issue.
func (s *Issues) Create(ctx context.Context, actor *User, in IssueInput) (*Issue, error) {
	i, err := NewIssue(in, s.Clock.Now())
	if err != nil {
		return nil, err
	}
	if err := s.checkLinks(ctx, i); err != nil {
		return nil, err
	}
	if err := s.Store.CreateIssue(ctx, i); err != nil {
		return nil, err
	}
	publish(ctx, s.Events, s.Clock, actor, "issue.create", Subject{"issue", i.ID}, "", "1", "")
	return i, nil
}

// Revise applies edit to issue id at version (0: the current one).
func (s *Issues) Revise(ctx context.Context, actor *User, id string, version int, edit func(*IssueInput)) (*Issue, error) {
	old, err := s.Store.IssueByID(ctx, id)
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
	if err := s.checkLinks(ctx, next); err != nil {
		return nil, err
	}
	if err := s.Store.UpdateIssue(ctx, next); err != nil {
		return nil, err
	}
	publish(ctx, s.Events, s.Clock, actor, "issue.update", Subject{"issue", next.ID},
		strconv.Itoa(old.Version), strconv.Itoa(next.Version), "")
	return next, nil
}

// ActionInput is an entry for an issue's log; empty date is today, empty
// who is the actor.
type ActionInput struct {
	Date, Who, Note, URL string
}

// AddAction appends an entry to issue id's log.
func (s *Issues) AddAction(ctx context.Context, actor *User, id string, in ActionInput) (*Issue, error) {
	today := DateOf(s.Clock.Now())
	if in.Date == "" {
		in.Date = today.String()
	}
	if in.Who == "" && actor != nil {
		in.Who = actor.Name
	}
	actorID := ""
	if actor != nil {
		actorID = actor.ID
	}
	a, err := NewIssueAction(in.Date, in.Who, in.Note, in.URL, actorID, today)
	if err != nil {
		return nil, err
	}
	i, err := s.Store.AppendIssueAction(ctx, id, a, s.Clock.Now())
	if err != nil {
		return nil, err
	}
	publish(ctx, s.Events, s.Clock, actor, "issue.action", Subject{"issue", i.ID},
		strconv.Itoa(i.Version-1), strconv.Itoa(i.Version), "")
	return i, nil
}

// checkLinks checks that owners, consultations and statements exist.
func (s *Issues) checkLinks(ctx context.Context, i *Issue) error {
	p := Problems{}
	check := func(field, msg string, ids []string, get func(string) error) error {
		for _, id := range ids {
			err := get(id)
			if ErrorCode(err) == ENOTFOUND {
				p.Add(field, msg)
			} else if err != nil {
				return err
			}
		}
		return nil
	}
	steps := []error{
		check("owner_member_ids", "error.issue.owner_not_found", i.OwnerMemberIDs, func(id string) error {
			_, err := s.Members.MemberByID(ctx, id)
			return err
		}),
		check("consultation_ids", "error.issue.consultation_not_found", i.ConsultationIDs, func(id string) error {
			_, err := s.Consultations.ConsultationByID(ctx, id)
			return err
		}),
	}
	if s.Statements != nil {
		steps = append(steps, check("statement_ids", "error.issue.statement_not_found", i.StatementIDs, func(id string) error {
			_, err := s.Statements.StatementByID(ctx, id)
			return err
		}))
	}
	for _, err := range steps {
		if err != nil {
			return err
		}
	}
	return p.Err()
}

// Get returns issue id, or ENOTFOUND.
func (s *Issues) Get(ctx context.Context, id string) (*Issue, error) {
	return s.Store.IssueByID(ctx, id)
}

// List returns one page of issues and the total.
func (s *Issues) List(ctx context.Context, f IssueFilter) ([]*Issue, int, error) {
	return s.Store.ListIssues(ctx, f)
}
