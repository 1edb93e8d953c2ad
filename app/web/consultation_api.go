package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

func (s *Server) apiListConsultations(c *fiber.Ctx) error {
	f, err := consultationFilterParams(c, s.today())
	if err != nil {
		return err
	}
	if f.Page, err = pageParams(c); err != nil {
		return err
	}
	items, total, err := s.deps.Consultations.List(c.UserContext(), f)
	if err != nil {
		return err
	}
	today := s.today()
	return c.JSON(listJSON(items, total, func(x *app.Consultation) consultationOut { return consultationJSON(x, today) }))
}

// consultationFilterParams reads ?status=&issuer=&topic=&ref=&deadline_from=&deadline_to=.
func consultationFilterParams(c *fiber.Ctx, today app.Date) (app.ConsultationFilter, error) {
	f := app.ConsultationFilter{Status: strings.TrimSpace(c.Query("status")), Issuer: strings.TrimSpace(c.Query("issuer")),
		Topic: strings.TrimSpace(c.Query("topic")), Today: today}
	p := app.Problems{}
	if st := app.ConsultationStatus(f.Status); f.Status != "" && !st.Stored() && st != app.ConsultationMissed {
		p.Add("status", "Okänd status.")
	}
	if ref := strings.TrimSpace(c.Query("ref")); ref != "" {
		key, ok := app.NormalizeReference(ref)
		if !ok {
			p.Add("ref", "Ange ett diarienummer eller betänkandenummer.")
		}
		f.Reference = key
	}
	f.DeadlineFrom = dateParam(p, "deadline_from", c.Query("deadline_from"))
	f.DeadlineTo = dateParam(p, "deadline_to", c.Query("deadline_to"))
	return f, p.Err()
}

func dateParam(p app.Problems, name, v string) app.Date {
	if v = strings.TrimSpace(v); v == "" {
		return app.Date{}
	}
	d, err := app.ParseDate(v)
	if err != nil {
		p.Add(name, "Ange datumet som ÅÅÅÅ-MM-DD.")
	}
	return d
}

func (s *Server) apiCreateConsultation(c *fiber.Ctx) error {
	var in consultationIn
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	con, err := s.createConsultation(c, in.input())
	if err != nil {
		return err
	}
	c.Location("/api/v1/consultations/" + con.ID)
	return c.Status(fiber.StatusCreated).JSON(consultationJSON(con, s.today()))
}

// consultationDetailOut adds the members' board meetings in time for the
// signatures-due date to a consultation.
type consultationDetailOut struct {
	consultationOut
	BoardMeetings []memberMeetingsOut `json:"board_meetings"`
}

type memberMeetingsOut struct {
	MemberID   string       `json:"member_id"`
	MemberName string       `json:"member_name"`
	InTime     bool         `json:"in_time"`
	Meetings   []meetingOut `json:"meetings"`
}

func (s *Server) apiGetConsultation(c *fiber.Ctx) error {
	con, err := s.deps.Consultations.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	plan, err := s.deps.Meetings.Plan(c.UserContext(), con) // every active member's board meetings up to signing
	if err != nil {
		return err
	}
	out := consultationDetailOut{consultationOut: consultationJSON(con, s.today()), BoardMeetings: []memberMeetingsOut{}}
	for _, mm := range plan {
		o := memberMeetingsOut{MemberID: mm.Member.ID, MemberName: mm.Member.Name, InTime: mm.InTime(), Meetings: []meetingOut{}}
		for _, m := range mm.Meetings {
			o.Meetings = append(o.Meetings, meetingJSON(m))
		}
		out.BoardMeetings = append(out.BoardMeetings, o)
	}
	return c.JSON(out)
}

func (s *Server) apiPatchConsultation(c *fiber.Ctx) error {
	var p consultationPatch
	if err := decodeJSON(c, &p); err != nil {
		return err
	}
	version := 0
	if p.Version != nil {
		version = *p.Version
	}
	con, err := s.reviseConsultation(c, c.Params("id"), version, p.apply)
	if err != nil {
		return err
	}
	return c.JSON(consultationJSON(con, s.today()))
}
