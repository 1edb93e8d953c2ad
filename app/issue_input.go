package app

import (
	"strings"
	"time"
)

// Issue statuses and priorities.
var (
	IssueStatuses   = []string{"active", "dormant", "closed"}
	IssuePriorities = []string{"high", "medium", "low"}
)

// IssueInput is an issue as a person or client writes it.
type IssueInput struct {
	Title, Summary, Body, Priority, Status string
	Public                                 bool
	Topics, OwnerMemberIDs                 []string
	ConsultationIDs, StatementIDs          []string
}

// Limits on an issue's fields.
const (
	maxIssueSummary = 1000
	maxActionNote   = 2000
)

// NewIssue checks in and returns a new issue; its slug comes from the
// title and never changes after, since public pages link to it.
func NewIssue(in IssueInput, now time.Time) (*Issue, error) {
	if strings.TrimSpace(in.Status) == "" {
		in.Status = "active"
	}
	if strings.TrimSpace(in.Priority) == "" {
		in.Priority = "medium"
	}
	i := &Issue{Version: 1, CreatedAt: now}
	next, err := i.apply(in, now)
	if err != nil {
		return nil, err
	}
	if next.Slug = Slugify(next.Title); next.Slug == "" {
		return nil, FieldError("title", "error.field.title_letters")
	}
	return next, nil
}

// Revise returns a copy of i changed to in, checked.
func (i Issue) Revise(in IssueInput, now time.Time) (*Issue, error) {
	return i.apply(in, now)
}

// Input returns i as input, the starting point of an edit.
func (i *Issue) Input() IssueInput {
	return IssueInput{Title: i.Title, Summary: i.Summary, Body: i.Body, Priority: i.Priority, Status: i.Status,
		Public: i.Public, Topics: i.Topics, OwnerMemberIDs: i.OwnerMemberIDs, ConsultationIDs: i.ConsultationIDs,
		StatementIDs: i.StatementIDs}
}

func (i Issue) apply(in IssueInput, now time.Time) (*Issue, error) {
	p := Problems{}
	i.Title = readText(p, "title", in.Title, maxConsultationTitle, true)
	i.Summary = readText(p, "summary", in.Summary, maxIssueSummary, false)
	i.Body = strings.TrimSpace(in.Body)
	if len(i.Body) > MaxMarkdownLen {
		p.Add("body", "error.field.too_long")
	}
	i.Priority = readOneOf(p, "priority", in.Priority, IssuePriorities)
	i.Status = readOneOf(p, "status", in.Status, IssueStatuses)
	i.Public = in.Public
	i.Topics = readTopics(p, "topics", in.Topics)
	i.OwnerMemberIDs, i.ConsultationIDs = distinctTrimmed(in.OwnerMemberIDs), distinctTrimmed(in.ConsultationIDs)
	i.StatementIDs = distinctTrimmed(in.StatementIDs)
	i.UpdatedAt = now
	return &i, p.Err()
}

func readOneOf(p Problems, field, s string, allowed []string) string {
	s = strings.TrimSpace(s)
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	p.Add(field, Msg("error.field.one_of", "allowed", strings.Join(allowed, ", ")))
	return s
}

// NewIssueAction checks and returns a log entry; on is YYYY-MM-DD and may
// not lie in the future of today.
func NewIssueAction(on, who, note, link, recordedBy string, today Date) (IssueAction, error) {
	p := Problems{}
	a := IssueAction{On: readDate(p, "on", on, true), Who: readText(p, "who", who, maxShortText, false),
		Note: readText(p, "note", note, maxActionNote, true), URL: readURL(p, "url", link), RecordedBy: recordedBy}
	if today.Before(a.On) {
		p.Add("on", "error.issue.log_in_future")
	}
	return a, p.Err()
}

// PublicIssue is what may be shown of a public issue outside: never the
// log, owners or links to unpublished work.
type PublicIssue struct {
	Title, Slug, Summary, Body string
	Topics                     []string
	UpdatedAt                  time.Time
}

// PublicView returns the public fields of i, and false when i is not
// public (nothing of it may be shown then).
func (i *Issue) PublicView() (PublicIssue, bool) {
	if !i.Public {
		return PublicIssue{}, false
	}
	return PublicIssue{Title: i.Title, Slug: i.Slug, Summary: i.Summary, Body: i.Body, Topics: i.Topics,
		UpdatedAt: i.UpdatedAt}, true
}
