package app

import "context"

// Meetings keeps the members' board meetings (KS, KSAU), where formal
// decisions to sign are taken.
type Meetings struct {
	Store   MeetingStore
	Members MemberStore
	Clock   Clock
	Events  *Events
}

// mayEditMeetings: staff, and a member's own users for its meetings.
func mayEditMeetings(u *User, memberID string) bool {
	return u != nil && (u.IsStaff() || (u.MemberID != "" && u.MemberID == memberID))
}

// MayEdit reports whether u may add or remove meetings of member memberID.
func (s *Meetings) MayEdit(u *User, memberID string) bool { return mayEditMeetings(u, memberID) }

// Create stores a board meeting of a member the actor may edit.
func (s *Meetings) Create(ctx context.Context, actor *User, memberID, body, on, note string) (*BoardMeeting, error) {
	m, err := NewBoardMeeting(memberID, body, on, note, s.Clock.Now())
	if err != nil {
		return nil, err
	}
	if !mayEditMeetings(actor, m.MemberID) {
		return nil, Errorf(EFORBIDDEN, "error.meeting.own_member_only")
	}
	if err := memberExists(ctx, s.Members, "member_id", m.MemberID); err != nil {
		return nil, err
	}
	if err := s.Store.CreateMeeting(ctx, m); err != nil {
		return nil, err
	}
	publish(ctx, s.Events, s.Clock, actor, "meeting.create", Subject{"member", m.MemberID}, "", string(m.Body)+" "+m.On.String(), "")
	return m, nil
}

// Delete removes meeting id of a member the actor may edit.
func (s *Meetings) Delete(ctx context.Context, actor *User, id string) error {
	m, err := s.Store.MeetingByID(ctx, id)
	if err != nil {
		return err
	}
	if !mayEditMeetings(actor, m.MemberID) {
		return Errorf(EFORBIDDEN, "error.meeting.own_member_change")
	}
	if err := s.Store.DeleteMeeting(ctx, id); err != nil {
		return err
	}
	publish(ctx, s.Events, s.Clock, actor, "meeting.delete", Subject{"member", m.MemberID}, string(m.Body)+" "+m.On.String(), "", "")
	return nil
}

// List returns one page of meetings and the total.
func (s *Meetings) List(ctx context.Context, f MeetingFilter) ([]*BoardMeeting, int, error) {
	return s.Store.ListMeetings(ctx, f)
}

// Plan returns every active member's board meetings from today up to the
// consultation's signatures-due date.
func (s *Meetings) Plan(ctx context.Context, con *Consultation) ([]MemberMeetings, error) {
	_, sigs := con.Milestones()
	today := DateOf(s.Clock.Now())
	members, _, err := s.Members.ListMembers(ctx, MemberFilter{ActiveOnly: true})
	if err != nil || sigs.IsZero() || sigs.Before(today) {
		return nil, err
	}
	meetings, _, err := s.Store.ListMeetings(ctx, MeetingFilter{From: today, To: sigs})
	if err != nil {
		return nil, err
	}
	return MeetingsInTime(members, meetings, today, sigs), nil
}
