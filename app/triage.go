package app

import (
	"context"
	"time"
)

// Triage is where remisser read from a listing of regeringen.se (or the
// watch of one) wait for a person to decide on them: the secretariat
// accepts one into the register or dismisses it as not relevant. Nothing
// from a listing enters the register without that choice; a dismissed
// remiss is kept, and can be restored.

// TriageState is where a remiss in triage stands.
type TriageState string

// The states of a remiss in triage.
const (
	TriagePending   TriageState = "pending"
	TriageAccepted  TriageState = "accepted"
	TriageDismissed TriageState = "dismissed"
)

// TriageItem is one remiss waiting in triage, as the listing showed it,
// with how well it matches the network's issues.
type TriageItem struct {
	ID             string
	Title          string
	Reference      string // diarienummer as written; "" when the listing gave none
	ReferenceKey   string // Reference normalised (NormalizeReference)
	ReportNumber   string
	Issuer         string
	SourceURL      string // unique: the same remiss is never triaged twice
	Published      Date
	Deadline       Date // zero when the listing did not say
	Documents      []Link
	Missing        []string
	Relevance      float64 // 0–1, see ScoreRelevance
	Reasons        []TriageReason
	InvitedMembers []string // names of member organisations among the invited bodies
	State          TriageState
	DismissReason  string
	ConsultationID string // the consultation it became, once accepted
	DecidedBy      string // id of the user who accepted or dismissed it
	DecidedAt      time.Time
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// TriageReason says why a remiss matched one of the network's issues: the
// issue, the words of the remiss that matched its text, and the issue's
// topics among them.
type TriageReason struct {
	IssueID    string
	IssueTitle string
	Terms      []string // words of the remiss, as written
	Topics     []string // the issue's topics that matched
	Score      float64
}

// Intake returns what the import needs to register the remiss.
func (t *TriageItem) Intake() *RemissIntake {
	return &RemissIntake{SourceURL: t.SourceURL, Title: t.Title, Reference: t.Reference,
		ReportNumber: t.ReportNumber, Issuer: t.Issuer, Published: t.Published, Deadline: t.Deadline,
		Documents: t.Documents, Missing: t.Missing}
}

// TriageFilter narrows a triage listing; zero fields do not narrow.
type TriageFilter struct {
	State TriageState
	Query string // case-insensitive substring of title, reference or issuer
	Page  Page
}

// TriageStore keeps the remisser in triage. Create returns ECONFLICT for a
// source URL already in triage; lookups return ENOTFOUND.
type TriageStore interface {
	CreateTriageItem(ctx context.Context, t *TriageItem) error
	TriageItemByID(ctx context.Context, id string) (*TriageItem, error)
	// TriageItemBySource finds the item with that source URL, else the one
	// with that reference key ("" matches none).
	TriageItemBySource(ctx context.Context, url, referenceKey string) (*TriageItem, error)
	// ListTriage lists by relevance, highest first, then by deadline,
	// earliest first, those without one last.
	ListTriage(ctx context.Context, f TriageFilter) ([]*TriageItem, int, error)
	// CountTriage counts the items in state.
	CountTriage(ctx context.Context, state TriageState) (int, error)
	// UpdateTriageItem stores the decision fields of t if the stored
	// version is still t.Version (else ECONFLICT) and bumps t.Version.
	UpdateTriageItem(ctx context.Context, t *TriageItem) error
}
