package search

import (
	"context"
	"errors"
	"fmt"

	"github.com/samsyn/samsyn/app"
)

// complete adds to tasks what their documents say of their surroundings
// and what of them is public: a statement's consultation and issues
// (app.StatementContext), a consultation's entry in the public archive
// (app.ArchiveSearchTask), an issue's standing positions
// (app.IssuePositionsTask). It reads each consultation once, and the
// issues and positions once a call.
func (s Stores) complete(ctx context.Context, tasks []app.IndexTask) ([]app.IndexTask, error) {
	if s.Consultations == nil || s.Issues == nil {
		return tasks, nil
	}
	var issues []*app.Issue
	var positions []*app.Position
	var err error
	if hasType(tasks, app.TypeStatement) {
		if issues, err = s.allIssues(ctx); err != nil {
			return nil, err
		}
	}
	if hasType(tasks, app.TypeIssue) && s.Positions != nil {
		if positions, err = s.Positions.ListPositions(ctx); err != nil {
			return nil, fmt.Errorf("list positions: %w", err)
		}
	}
	cons := map[string]*app.Consultation{}
	out := make([]app.IndexTask, len(tasks))
	for i, t := range tasks {
		switch t.Doc.Type {
		case app.TypeStatement:
			c, err := s.consultation(ctx, cons, t.ConsultationID)
			if err != nil {
				return nil, err
			}
			t = app.StatementContext(t, c, issues)
		case app.TypeConsultation:
			if t, err = s.archived(ctx, cons, t); err != nil {
				return nil, err
			}
		case app.TypeIssue:
			if t, err = s.issue(ctx, t); err != nil {
				return nil, err
			}
			t = app.IssuePositionsTask(t, positions)
		}
		out[i] = t
	}
	return out, nil
}

// issue is the task of the issue as it is stored now (app.IssueSearchTask,
// public or not), at the version t was read at, whatever task its source
// made: an issue store that marks its writes may not say which issues are
// public, and a public issue must not leave the public index on an edit.
// An issue that is gone keeps t.
func (s Stores) issue(ctx context.Context, t app.IndexTask) (app.IndexTask, error) {
	i, err := s.Issues.IssueByID(ctx, t.Doc.ID)
	switch {
	case app.ErrorCode(err) == app.ENOTFOUND:
		return t, nil
	case err != nil:
		return t, fmt.Errorf("read issue %s: %w", t.Doc.ID, err)
	}
	n := app.IssueSearchTask(i)
	n.Version = t.Version
	return n, nil
}

// archived completes a consultation's task with its archive entry, if any.
func (s Stores) archived(ctx context.Context, cons map[string]*app.Consultation, t app.IndexTask) (app.IndexTask, error) {
	c, err := s.consultation(ctx, cons, t.Doc.ID)
	if err != nil || c == nil {
		return app.ArchiveSearchTask(t, nil, nil, nil), err
	}
	var response *app.Statement
	if c.StatementID != "" && s.Statements != nil {
		response, err = s.Statements.StatementByID(ctx, c.StatementID)
		if app.ErrorCode(err) == app.ENOTFOUND {
			response, err = nil, nil
		}
		if err != nil {
			return t, fmt.Errorf("read the response to %s: %w", c.ID, err)
		}
	}
	var outcome *app.Outcome
	if s.Outcomes != nil {
		outcome, err = s.Outcomes.OutcomeOf(ctx, c.ID)
		if app.ErrorCode(err) == app.ENOTFOUND {
			outcome, err = nil, nil
		}
		if err != nil {
			return t, fmt.Errorf("read the outcome of %s: %w", c.ID, err)
		}
	}
	return app.ArchiveSearchTask(t, c, response, outcome), nil
}

func hasType(tasks []app.IndexTask, typ string) bool {
	for _, t := range tasks {
		if t.Doc.Type == typ {
			return true
		}
	}
	return false
}

// consultation reads consultation id once per call (cache); "" and a
// consultation that is gone are nil.
func (s Stores) consultation(ctx context.Context, cache map[string]*app.Consultation, id string) (*app.Consultation, error) {
	if id == "" {
		return nil, nil
	}
	if c, ok := cache[id]; ok {
		return c, nil
	}
	c, err := s.Consultations.ConsultationByID(ctx, id)
	if app.ErrorCode(err) == app.ENOTFOUND {
		c, err = nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read consultation %s: %w", id, err)
	}
	cache[id] = c
	return c, nil
}

// allIssues lists every issue (a network has tens).
func (s Stores) allIssues(ctx context.Context) ([]*app.Issue, error) {
	var out []*app.Issue
	for n := 1; ; n++ {
		items, _, err := s.Issues.ListIssues(ctx, app.IssueFilter{Page: app.Page{Number: n, Size: listPage}})
		if err != nil {
			return nil, fmt.Errorf("list issues: %w", err)
		}
		out = append(out, items...)
		if len(items) < listPage {
			return out, nil
		}
	}
}

// related returns fresh tasks for the documents whose search entries say
// something of the subject of an event that changed: a consultation's
// own entry and its response's, an issue's and its statements', and the
// consultation a statement answers when the statement was published,
// withdrawn or signed. Their own writes mark the subjects themselves;
// these are the documents that change with them, which nothing marks.
func (s Stores) related(ctx context.Context, e app.Event) ([]app.IndexTask, error) {
	var tasks []app.IndexTask
	var errs []error
	addStatement := func(id string) {
		if id == "" || s.Statements == nil {
			return
		}
		st, err := s.Statements.StatementByID(ctx, id)
		switch {
		case err == nil:
			tasks = append(tasks, app.StatementSearchTask(st))
		case app.ErrorCode(err) != app.ENOTFOUND:
			errs = append(errs, err)
		}
	}
	addConsultation := func(id string) *app.Consultation {
		if id == "" || s.Consultations == nil {
			return nil
		}
		c, err := s.Consultations.ConsultationByID(ctx, id)
		switch {
		case err == nil:
			tasks = append(tasks, app.ConsultationSearchTask(c))
			return c
		case app.ErrorCode(err) != app.ENOTFOUND:
			errs = append(errs, err)
		}
		return nil
	}
	switch e.Subject.Type {
	case "consultation":
		if c := addConsultation(e.Subject.ID); c != nil {
			addStatement(c.StatementID)
		}
	case "issue":
		if s.Issues == nil {
			break
		}
		i, err := s.Issues.IssueByID(ctx, e.Subject.ID)
		if err != nil {
			if app.ErrorCode(err) != app.ENOTFOUND {
				errs = append(errs, err)
			}
			break
		}
		tasks = append(tasks, app.IssueSearchTask(i))
		for _, id := range i.StatementIDs {
			addStatement(id)
		}
		for _, cid := range i.ConsultationIDs {
			if c := addConsultation(cid); c != nil {
				addStatement(c.StatementID)
			}
		}
	case "external_response":
		t, err := s.answer(ctx, e.Subject.ID)
		if err != nil {
			errs = append(errs, err)
		} else if t != nil {
			tasks = append(tasks, *t)
		}
	case "statement":
		if !statementMovesConsultation[e.Kind] || s.Statements == nil {
			break
		}
		st, err := s.Statements.StatementByID(ctx, e.Subject.ID)
		if err == nil {
			addConsultation(st.ConsultationID)
		} else if app.ErrorCode(err) != app.ENOTFOUND {
			errs = append(errs, err)
		}
	}
	return tasks, errors.Join(errs...)
}

// statementMovesConsultation are the changes of a statement that change
// what the search entry of the consultation it answers holds.
var statementMovesConsultation = map[string]bool{
	"statement.publish": true, "statement.withdraw": true, "statement.signed": true, "statement.reopen": true,
}

// answer is the search task of the answer with id; nil when it is gone or
// there is no store of answers.
func (s Stores) answer(ctx context.Context, id string) (*app.IndexTask, error) {
	if s.ExternalResponses == nil {
		return nil, nil
	}
	r, err := s.ExternalResponses.ExternalResponseByID(ctx, id)
	if app.ErrorCode(err) == app.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	c, err := s.consultation(ctx, map[string]*app.Consultation{}, r.ConsultationID)
	if err != nil {
		return nil, err
	}
	t := app.ExternalResponseSearchTask(r, c)
	return &t, nil
}
