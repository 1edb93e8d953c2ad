package app

import (
	"context"
	"time"
)

// Revision is one saved text of a statement: every save makes one, so any
// two can be compared and no edit is ever lost.
type Revision struct {
	StatementID string
	Number      int // 1, 2, 3, … per statement
	Title       string
	Summary     string
	Body        string
	AuthorID    string
	AuthorName  string
	At          time.Time
}

// RevisionOf returns the revision that the current text of s is.
func RevisionOf(s *Statement) *Revision {
	return &Revision{StatementID: s.ID, Number: s.Revision, Title: s.Title, Summary: s.Summary, Body: s.Body,
		AuthorID: s.EditedBy, AuthorName: s.EditedByName, At: s.EditedAt}
}

// RevisionStore keeps revisions. ListRevisions answers oldest first and
// always includes the statement's current text; RevisionByNumber returns
// ENOTFOUND for an unknown number.
type RevisionStore interface {
	ListRevisions(ctx context.Context, statementID string) ([]*Revision, error)
	RevisionByNumber(ctx context.Context, statementID string, n int) (*Revision, error)
	// PastRevision returns revision n, older than the statement's current
	// text, from the stored revisions alone (each is stored before the
	// text that replaces it), without reading the statement.
	PastRevision(ctx context.Context, statementID string, n int) (*Revision, error)
}
