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
	Action     string    // exact, e.g. "statement.signing"
	Actor      string    // case-insensitive part of the actor's name
	From, To   time.Time // From inclusive, To exclusive; zero does not narrow
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

// SigningOpened returns, by statement id, when its latest signing round
// opened (the latest "statement.signing" event): the participation view
// counts a member only for texts whose signing opened after it joined.
func (t *AuditTrail) SigningOpened(ctx context.Context) (map[string]time.Time, error) {
	events, _, err := t.Log.ListAudit(ctx, AuditFilter{EntityType: "statement", Action: "statement.signing"})
	if err != nil {
		return nil, err
	}
	out := make(map[string]time.Time, len(events))
	for _, e := range events { // latest first
		if _, ok := out[e.EntityID]; !ok {
			out[e.EntityID] = e.At
		}
	}
	return out, nil
}
