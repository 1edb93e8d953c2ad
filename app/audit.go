package app

import (
	"context"
	"time"
)

// AuditEvent is an append-only record of one state change.
type AuditEvent struct {
	ID         string
	At         time.Time
	ActorID    string // user id, or "" for the system and the CLI
	ActorName  string
	Action     string // e.g. "member.create", "user.update", "statement.publish"
	EntityType string // "member", "user", "consultation", "statement", …
	EntityID   string
	Before     string // version or status before, where it applies
	After      string // version or status after
	Note       string
}

// AuditFilter narrows the audit log.
type AuditFilter struct {
	EntityType string
	EntityID   string
	Page       Page
}

// AuditLog appends and lists audit events; events are never changed.
type AuditLog interface {
	AppendAudit(ctx context.Context, e *AuditEvent) error
	ListAudit(ctx context.Context, f AuditFilter) ([]*AuditEvent, int, error)
}

// AfterStoreTimeout bounds the follow-up work of a change already stored
// (its audit event, a consultation moved along with a statement).
const AfterStoreTimeout = 10 * time.Second

// AfterStore returns the context for the follow-up work of a change already
// stored: ctx's values without its deadline or cancellation, bounded by
// AfterStoreTimeout. A request whose deadline passes just after its change
// is stored still gets the audit event of that change.
func AfterStore(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), AfterStoreTimeout)
}
