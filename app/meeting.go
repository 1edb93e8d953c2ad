package app

import (
	"context"
	"sort"
	"strings"
	"time"
)

// BoardBody is the municipal body that meets: kommunstyrelsen (KS, the
// municipal executive board) or its working committee (KSAU). A member can
// only sign a joint response after one of them has decided.
type BoardBody string

// The bodies whose meetings members record.
const (
	BodyKS   BoardBody = "KS"
	BodyKSAU BoardBody = "KSAU"
)

// BoardMeeting is one meeting date of a member's board.
type BoardMeeting struct {
	ID        string
	MemberID  string
	Body      BoardBody
	On        Date
	Note      string
	CreatedAt time.Time
}

// MeetingFilter narrows a listing of board meetings; zero fields do not.
// From and To are inclusive.
type MeetingFilter struct {
	MemberID string
	From, To Date
	Page     Page
}

// MeetingStore keeps board meetings. Create returns ECONFLICT when the
// member already has that body meeting on that date; lookups and deletes
// of unknown ids return ENOTFOUND.
type MeetingStore interface {
	CreateMeeting(ctx context.Context, m *BoardMeeting) error
	MeetingByID(ctx context.Context, id string) (*BoardMeeting, error)
	DeleteMeeting(ctx context.Context, id string) error
	// ListMeetings lists meetings by date, earliest first.
	ListMeetings(ctx context.Context, f MeetingFilter) ([]*BoardMeeting, int, error)
}

// NewBoardMeeting checks and returns a meeting of memberID's body on the
// date on (YYYY-MM-DD). The caller checks that the member exists.
func NewBoardMeeting(memberID, body, on, note string, now time.Time) (*BoardMeeting, error) {
	p := Problems{}
	m := &BoardMeeting{MemberID: strings.TrimSpace(memberID), Body: BoardBody(strings.TrimSpace(body)), CreatedAt: now}
	if m.MemberID == "" {
		p.Add("member_id", "error.meeting.member_required")
	}
	if m.Body != BodyKS && m.Body != BodyKSAU {
		p.Add("body", "error.meeting.body")
	}
	m.On = readDate(p, "on", on, true)
	if !m.On.IsZero() && m.On.Before(DateOf(now).AddDays(-maxMeetingAgeDays)) {
		p.Add("on", "error.meeting.too_old")
	}
	m.Note = readText(p, "note", note, maxShortText, false)
	return m, p.Err()
}

// maxMeetingAgeDays is how far back a meeting may be recorded: a year.
const maxMeetingAgeDays = 366

// Warnings are catalogue keys for what to look at twice: a meeting on a
// weekend or a public holiday is likely a typing mistake.
func (m *BoardMeeting) Warnings() []string {
	if m.On.IsZero() || IsWorkingDay(m.On) {
		return nil
	}
	return []string{Msg("error.meeting.not_working_day", "date", m.On)}
}

// MemberMeetings is one member's board meetings that fall in time for a
// decision before a consultation's signatures are due.
type MemberMeetings struct {
	Member   *Member
	Meetings []*BoardMeeting
}

// InTime reports whether the member has any meeting in time.
func (m MemberMeetings) InTime() bool { return len(m.Meetings) > 0 }

// MeetingsInTime returns, for every member, its meetings from today up to
// and including signaturesDue, by date; a member with none cannot decide
// in time. Members keep their order.
func MeetingsInTime(members []*Member, meetings []*BoardMeeting, today, signaturesDue Date) []MemberMeetings {
	byMember := map[string][]*BoardMeeting{}
	for _, m := range meetings {
		if !m.On.Before(today) && !signaturesDue.Before(m.On) {
			byMember[m.MemberID] = append(byMember[m.MemberID], m)
		}
	}
	out := make([]MemberMeetings, 0, len(members))
	for _, mem := range members {
		ms := byMember[mem.ID]
		sortMeetings(ms)
		out = append(out, MemberMeetings{Member: mem, Meetings: ms})
	}
	return out
}

func sortMeetings(ms []*BoardMeeting) {
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].On.Before(ms[j].On) })
}
