package app

import (
	"context"
	"sync"
	"time"
)

// Event announces one state change that has been stored. Every service
// method that changes state publishes exactly one, after its write; the
// audit log, the search sync and (later) notifications subscribe.
type Event struct {
	ID      string  // unique; set by Publish when empty
	Kind    string  // e.g. "consultation.update", "statement.publish"
	Actor   *User   // nil for the system, the CLI and the demo loader
	Subject Subject // what changed
	Before  string  // version or status before, where it applies
	After   string  // version or status after
	Note    string  // a short human note (a title, a member's name)
	At      time.Time
	// Members and Users name whom the change concerns beyond its subject:
	// the members reminded, the members and users whose decisions a reopen
	// voided. Notifications read them.
	Members []string
	Users   []string
}

// Subject names the record an event is about.
type Subject struct {
	Type string // "member", "user", "consultation", "issue", "statement", "meeting", …
	ID   string
}

// EventHandler reacts to a stored change. Its context outlives the request
// that made the change (see AfterStore); an error is reported, never
// returned to the caller, whose change stands.
type EventHandler func(ctx context.Context, e Event) error

// Events is the one publisher of domain events. Handlers run in the order
// they subscribed, synchronously, so that a change's audit entry is written
// before the call that made it returns.
type Events struct {
	mu       sync.RWMutex
	handlers []namedHandler
	// Warn hears of a handler that failed. May be nil.
	Warn func(msg string, err error)
}

type namedHandler struct {
	name string
	h    EventHandler
}

// Subscribe adds h under name (used when reporting its failures).
func (p *Events) Subscribe(name string, h EventHandler) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.handlers = append(p.handlers, namedHandler{name, h})
}

// Publish hands e to every handler on a context that survives ctx's
// cancellation and deadline. A nil publisher drops the event.
func (p *Events) Publish(ctx context.Context, e Event) {
	if p == nil {
		return
	}
	if e.ID == "" {
		e.ID = RandomToken(12)
	}
	ctx, cancel := AfterStore(ctx)
	defer cancel()
	p.mu.RLock()
	hs := p.handlers
	p.mu.RUnlock()
	for _, nh := range hs {
		if err := nh.h(ctx, e); err != nil && p.Warn != nil {
			p.Warn("event handler "+nh.name+" failed: "+e.Kind, err)
		}
	}
}

// AuditHandler records each event as one entry of the audit log.
func AuditHandler(log AuditLog) EventHandler {
	return func(ctx context.Context, e Event) error {
		a := &AuditEvent{At: e.At, Action: e.Kind, EntityType: e.Subject.Type, EntityID: e.Subject.ID,
			Before: e.Before, After: e.After, Note: e.Note}
		if e.Actor != nil {
			a.ActorID, a.ActorName = e.Actor.ID, e.Actor.Name
		}
		return log.AppendAudit(ctx, a)
	}
}

// publish announces a change of subject by actor, stamped with clock's now.
func publish(ctx context.Context, ev *Events, clock Clock, actor *User, kind string, subject Subject, before, after, note string) {
	ev.Publish(ctx, Event{Kind: kind, Actor: actor, Subject: subject, Before: before, After: after,
		Note: note, At: clock.Now()})
}
