package app

import (
	"context"
	"sort"
	"time"
)

// PresenceWindow is how long a heartbeat counts: the editor beats every
// ten seconds, so whoever has a draft open is shown at most this stale.
const PresenceWindow = 25 * time.Second

// Presence is one person seen with a draft open.
type Presence struct {
	UserID, Name string
	At           time.Time
}

// PresenceStore keeps who had which statement open when. Seen records a
// heartbeat and returns everyone seen on the statement since since.
// Heartbeats are not changes of the statement: no event, no audit.
type PresenceStore interface {
	SeePresence(ctx context.Context, statementID string, p Presence, since time.Time) ([]Presence, error)
}

// HereNow records that actor has draft id open and returns the others who
// have it open now, by name.
func (s *Statements) HereNow(ctx context.Context, actor *User, id string) ([]Presence, error) {
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	all, err := s.Presence.SeePresence(ctx, st.ID, Presence{UserID: actor.ID, Name: actor.Name, At: now}, now.Add(-PresenceWindow))
	if err != nil {
		return nil, err
	}
	others := all[:0]
	for _, p := range all {
		if p.UserID != actor.ID {
			others = append(others, p)
		}
	}
	sort.Slice(others, func(i, j int) bool { return others[i].Name < others[j].Name })
	return others, nil
}
