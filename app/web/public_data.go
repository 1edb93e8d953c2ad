package web

import (
	"context"
	"sort"

	"github.com/samsyn/samsyn/app"
)

// allPublished lists every published statement, newest first.
func (s *Server) allPublished(ctx context.Context) ([]*app.Statement, error) {
	items, _, err := s.deps.Statements.List(ctx, app.StatementFilter{Status: app.StatementPublished})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].PublishedAt.After(items[j].PublishedAt) })
	return items, nil
}

// publicIssues lists the public issues by title.
func (s *Server) publicIssues(ctx context.Context) ([]*app.Issue, error) {
	items, _, err := s.deps.Issues.List(ctx, app.IssueFilter{PublicOnly: true})
	if err != nil {
		return nil, err
	}
	out := items[:0]
	for _, i := range items {
		if i.Public { // the filter says so; a second look costs nothing
			out = append(out, i)
		}
	}
	return out, nil
}

func (s *Server) allConsultations(ctx context.Context) ([]*app.Consultation, error) {
	items, _, err := s.deps.Consultations.List(ctx, app.ConsultationFilter{})
	return items, err
}

func (s *Server) activeMembers(ctx context.Context) ([]*app.Member, error) {
	items, _, err := s.deps.Members.List(ctx, app.MemberFilter{})
	return items, err
}

// publicPositions lists the standing positions that may be shown outside,
// with their issues.
func (s *Server) publicPositions(ctx context.Context, issues []*app.Issue) ([]*app.Position, map[string]*app.Issue, error) {
	byID := map[string]*app.Issue{}
	var ids []string
	for _, i := range issues {
		byID[i.ID] = i
		ids = append(ids, i.ID)
	}
	if len(ids) == 0 {
		return nil, byID, nil
	}
	all, err := s.deps.Positions.List(ctx, ids...)
	if err != nil {
		return nil, nil, err
	}
	var out []*app.Position
	for _, p := range all {
		if p.ShownPublicly(byID[p.IssueID]) {
			out = append(out, p)
		}
	}
	return out, byID, nil
}

// topicOptions lists stored values as select options, "any" first.
func topicOptions(values []string, selected string, anyLabel string) []Option {
	opts := []Option{{Value: "", Label: anyLabel}}
	for _, v := range values {
		opts = append(opts, Option{Value: v, Label: v, Selected: v == selected, Content: true})
	}
	return opts
}
