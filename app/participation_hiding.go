package app

import (
	"context"
	"time"
)

// ParticipationHiding is the secretariat's decision to leave a member out
// of the public participation view (/deltagande), with its reason: a
// member that left, or one whose board decides otherwise than by signing.
// The secretariat's own view still shows it.
type ParticipationHiding struct {
	MemberID string
	Reason   string
	By       string // user id
	At       time.Time
}

// ParticipationHidingStore keeps the hidings, one per member at most.
type ParticipationHidingStore interface {
	// HideMember creates or replaces the hiding of h.MemberID.
	HideMember(ctx context.Context, h *ParticipationHiding) error
	// ShowMember removes the hiding of memberID; ENOTFOUND when none.
	ShowMember(ctx context.Context, memberID string) error
	// HiddenMembers lists every hiding.
	HiddenMembers(ctx context.Context) ([]*ParticipationHiding, error)
}

// maxHideReason bounds the reason of a hiding.
const maxHideReason = 1000

// HideFromParticipation leaves member id out of the public participation
// view, for reason (required). One event, "member.participation_hide".
func (s *Members) HideFromParticipation(ctx context.Context, actor *User, id, reason string) error {
	if actor == nil || !actor.IsStaff() {
		return Errorf(EFORBIDDEN, "error.auth.staff_only")
	}
	p := Problems{}
	if reason = readText(p, "reason", reason, maxHideReason, true); p["reason"] == "error.field.required" {
		p["reason"] = "error.member.hide_reason_required"
	}
	if err := p.Err(); err != nil {
		return err
	}
	m, err := s.Store.MemberByID(ctx, id)
	if err != nil {
		return err
	}
	h := &ParticipationHiding{MemberID: m.ID, Reason: reason, By: actor.ID, At: s.Clock.Now()}
	if err := s.Hidings.HideMember(ctx, h); err != nil {
		return err
	}
	publish(ctx, s.Events, s.Clock, actor, "member.participation_hide", Subject{"member", m.ID}, "", "hidden", reason)
	return nil
}

// ShowInParticipation shows member id in the public participation view
// again. One event, "member.participation_show".
func (s *Members) ShowInParticipation(ctx context.Context, actor *User, id string) error {
	if actor == nil || !actor.IsStaff() {
		return Errorf(EFORBIDDEN, "error.auth.staff_only")
	}
	if err := s.Hidings.ShowMember(ctx, id); err != nil {
		return err
	}
	publish(ctx, s.Events, s.Clock, actor, "member.participation_show", Subject{"member", id}, "hidden", "", "")
	return nil
}

// HiddenFromParticipation returns the hidings by member id.
func (s *Members) HiddenFromParticipation(ctx context.Context) (map[string]*ParticipationHiding, error) {
	hs, err := s.Hidings.HiddenMembers(ctx)
	out := make(map[string]*ParticipationHiding, len(hs))
	for _, h := range hs {
		out[h.MemberID] = h
	}
	return out, err
}
