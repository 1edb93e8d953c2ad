package app

import (
	"context"
	"time"
)

// Issue is an advocacy issue (påverkansfråga) the network works on.
type Issue struct {
	ID              string
	Title           string
	Slug            string
	Summary         string
	Body            string // Markdown
	Topics          []string
	Priority        string // "high", "medium", "low"
	Status          string // "active", "dormant", "closed"
	Public          bool
	ConsultationIDs []string
	StatementIDs    []string
	Log             []IssueAction
	Version         int
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// IssueAction is one dated entry in an issue's log of actions taken.
type IssueAction struct {
	On   Date
	Who  string
	Note string
	URL  string
}

// IssueFilter narrows an issue listing.
type IssueFilter struct {
	PublicOnly bool
	Page       Page
}

// IssueStore keeps advocacy issues. Create returns ECONFLICT for a taken
// slug; lookups return ENOTFOUND.
type IssueStore interface {
	CreateIssue(ctx context.Context, i *Issue) error
	IssueByID(ctx context.Context, id string) (*Issue, error)
	ListIssues(ctx context.Context, f IssueFilter) ([]*Issue, int, error)
}
