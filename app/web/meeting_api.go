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
	items, total, err := s.deps.Meetings.List(c.UserContext(), f)
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

func (s *Server) createMeeting(c *fiber.Ctx, in meetingIn) (*app.BoardMeeting, error) {
	return s.deps.Meetings.Create(c.UserContext(), currentUser(c), in.MemberID, in.Body, in.On, in.Note)
}

func (s *Server) deleteMeeting(c *fiber.Ctx, id string) error {
	return s.deps.Meetings.Delete(c.UserContext(), currentUser(c), id)
}
