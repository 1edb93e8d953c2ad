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
	OwnerMemberIDs  []string // the members that lead the work on the issue
	ConsultationIDs []string
	StatementIDs    []string
	Log             []IssueAction
	Version         int
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// IssueAction is one dated entry in an issue's log of actions taken.
type IssueAction struct {
	On         Date
	Who        string // who acted, as written: "Kansliet", "Styrgruppen", a name
	Note       string
	URL        string
	RecordedBy string // id of the user who recorded it
}

// IssueFilter narrows an issue listing.
type IssueFilter struct {
	PublicOnly     bool
	Status         string
	Topic          string
	Priority       string
	ConsultationID string // issues linked to this consultation
	Page           Page
}

// IssueStore keeps advocacy issues. Create returns ECONFLICT for a taken
// slug; lookups return ENOTFOUND.
type IssueStore interface {
	CreateIssue(ctx context.Context, i *Issue) error
	IssueByID(ctx context.Context, id string) (*Issue, error)
	ListIssues(ctx context.Context, f IssueFilter) ([]*Issue, int, error)
	// UpdateIssue stores i if the stored version is still i.Version (else
	// ECONFLICT, nothing changed) and bumps i.Version. It leaves the log
	// alone: entries are only appended.
	UpdateIssue(ctx context.Context, i *Issue) error
	// AppendIssueAction adds a to the log of issue id, whatever its
	// version, bumps the version and returns the issue as stored.
	AppendIssueAction(ctx context.Context, id string, a IssueAction, now time.Time) (*Issue, error)
}
