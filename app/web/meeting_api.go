package web

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// meetingOut is the JSON shape of a board meeting.
type meetingOut struct {
	ID        string    `json:"id"`
	MemberID  string    `json:"member_id"`
	Body      string    `json:"body"`
	On        string    `json:"on"`
	Note      string    `json:"note"`
	CreatedAt time.Time `json:"created_at"`
}

func meetingJSON(m *app.BoardMeeting) meetingOut {
	return meetingOut{ID: m.ID, MemberID: m.MemberID, Body: string(m.Body), On: m.On.String(), Note: m.Note,
		CreatedAt: m.CreatedAt}
}

type meetingIn struct {
	MemberID string `json:"member_id"`
	Body     string `json:"body"`
	On       string `json:"on"`
	Note     string `json:"note"`
}

func (s *Server) apiListMeetings(c *fiber.Ctx) error {
	p := app.Problems{}
	f := app.MeetingFilter{MemberID: c.Query("member_id"), From: dateParam(p, "from", c.Query("from")),
		To: dateParam(p, "to", c.Query("to"))}
	if err := p.Err(); err != nil {
		return err
	}
	var err error
	if f.Page, err = pageParams(c); err != nil {
		return err
	}
	items, total, err := s.deps.Consultations.ListMeetings(c.UserContext(), f)
	if err != nil {
		return err
	}
	return c.JSON(listJSON(items, total, meetingJSON))
}

func (s *Server) apiCreateMeeting(c *fiber.Ctx) error {
	var in meetingIn
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if in.MemberID == "" && currentUser(c).MemberID != "" {
		in.MemberID = currentUser(c).MemberID
	}
	m, err := s.createMeeting(c, in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(meetingJSON(m))
}

func (s *Server) apiDeleteMeeting(c *fiber.Ctx) error {
	if err := s.deleteMeeting(c, c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// mayEditMeetings reports whether u may record memberID's meetings: staff
// for any member, a member user for its own.
func mayEditMeetings(u *app.User, memberID string) bool {
	return u.IsStaff() || (u.MemberID != "" && u.MemberID == memberID)
}

func (s *Server) createMeeting(c *fiber.Ctx, in meetingIn) (*app.BoardMeeting, error) {
	m, err := app.NewBoardMeeting(in.MemberID, in.Body, in.On, in.Note, s.deps.Clock.Now())
	if err != nil {
		return nil, err
	}
	u := currentUser(c)
	if !mayEditMeetings(u, m.MemberID) {
		return nil, app.Errorf(app.EFORBIDDEN, "Du kan bara föra in din egen medlems sammanträden.")
	}
	if _, err := s.deps.Members.MemberByID(c.UserContext(), m.MemberID); app.ErrorCode(err) == app.ENOTFOUND {
		return nil, app.FieldError("member_id", "Medlemmen finns inte.")
	} else if err != nil {
		return nil, err
	}
	if err := s.deps.Consultations.CreateMeeting(c.UserContext(), m); err != nil {
		return nil, err
	}
	s.audit(c, u, "meeting.create", "member", m.MemberID, "", string(m.Body)+" "+m.On.String())
	return m, nil
}

func (s *Server) deleteMeeting(c *fiber.Ctx, id string) error {
	m, err := s.deps.Consultations.MeetingByID(c.UserContext(), id)
	if err != nil {
		return err
	}
	u := currentUser(c)
	if !mayEditMeetings(u, m.MemberID) {
		return app.Errorf(app.EFORBIDDEN, "Du kan bara ändra din egen medlems sammanträden.")
	}
	if err := s.deps.Consultations.DeleteMeeting(c.UserContext(), id); err != nil {
		return err
	}
	s.audit(c, u, "meeting.delete", "member", m.MemberID, string(m.Body)+" "+m.On.String(), "")
	return nil
}

// meetingPlan returns every active member's board meetings from today up
// to the consultation's signatures-due date.
func (s *Server) meetingPlan(c *fiber.Ctx, con *app.Consultation) ([]app.MemberMeetings, error) {
	_, sigs := con.Milestones()
	today := s.today()
	members, _, err := s.deps.Members.ListMembers(c.UserContext(), app.MemberFilter{ActiveOnly: true})
	if err != nil || sigs.IsZero() || sigs.Before(today) {
		return nil, err
	}
	meetings, _, err := s.deps.Consultations.ListMeetings(c.UserContext(), app.MeetingFilter{From: today, To: sigs})
	if err != nil {
		return nil, err
	}
	return app.MeetingsInTime(members, meetings, today, sigs), nil
}
