package app

import (
	"context"
	"strconv"
)

// Members registers the network's member organisations.
type Members struct {
	Store   MemberStore
	Hidings ParticipationHidingStore // see participation_hiding.go
	Clock   Clock
	Events  *Events
}

// Create validates and stores a new member; a taken name or municipality
// code is ECONFLICT on both fields.
func (s *Members) Create(ctx context.Context, actor *User, name, code, county string) (*Member, error) {
	m, err := NewMember(name, code, county, s.Clock.Now())
	if err != nil {
		return nil, err
	}
	if err := s.Store.CreateMember(ctx, m); err != nil {
		if ErrorCode(err) == ECONFLICT {
			msg := "error.member.taken"
			return nil, &Error{Code: ECONFLICT, Message: msg, Fields: map[string]string{"name": msg, "municipality_code": msg}}
		}
		return nil, err
	}
	publish(ctx, s.Events, s.Clock, actor, "member.create", Subject{"member", m.ID}, "", "1", "")
	return m, nil
}

// Update applies up to member id.
func (s *Members) Update(ctx context.Context, actor *User, id string, up MemberUpdate) (*Member, error) {
	m, err := s.Store.UpdateMember(ctx, id, up, s.Clock.Now())
	if err != nil {
		return nil, err
	}
	publish(ctx, s.Events, s.Clock, actor, "member.update", Subject{"member", m.ID},
		strconv.Itoa(m.Version-1), strconv.Itoa(m.Version), "")
	return m, nil
}

// Get returns member id, or ENOTFOUND.
func (s *Members) Get(ctx context.Context, id string) (*Member, error) {
	return s.Store.MemberByID(ctx, id)
}

// BySlug returns the member with that slug, or ENOTFOUND.
func (s *Members) BySlug(ctx context.Context, slug string) (*Member, error) {
	return s.Store.MemberBySlug(ctx, slug)
}

// List returns one page of members and the total.
func (s *Members) List(ctx context.Context, f MemberFilter) ([]*Member, int, error) {
	return s.Store.ListMembers(ctx, f)
}

func memberExists(ctx context.Context, store MemberStore, field, id string) error {
	if id == "" {
		return nil
	}
	_, err := store.MemberByID(ctx, id)
	if ErrorCode(err) == ENOTFOUND {
		return FieldError(field, "error.member.not_found")
	}
	return err
}
