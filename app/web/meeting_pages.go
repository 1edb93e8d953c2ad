package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

type meetingsPage struct {
	Layout
	MemberName    string // the member user's own member; "" for staff
	Rows          []meetingRow
	Form          *Form
	MemberOptions []Option // staff choose the member
	BodyOptions   []Option
	Filter        *Form // staff: whose meetings to list
	FilterOptions []Option
	Window        string // "member" or "soon": what the list holds
}

type meetingRow struct {
	ID, Member, Body, On, Note string
	CanDelete                  bool
	Warnings                   []string // translated
}

// meetingsPage: the board meetings from a month ago on; a member user sees
// and records its own member's, staff everyone's.
func (s *Server) meetingsPage(c *fiber.Ctx) error {
	p, err := s.meetingsView(c)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "meeting_list", p)
}

func (s *Server) meetingsView(c *fiber.Ctx) (*meetingsPage, error) {
	u := currentUser(c)
	p := &meetingsPage{Layout: s.layout(c, "meetings.title")}
	p.Form = s.newForm(p.Layout)
	p.Form.Values["body"] = string(app.BodyKS)
	p.BodyOptions = []Option{{Value: string(app.BodyKS), Label: p.T("meetings.body.KS")},
		{Value: string(app.BodyKSAU), Label: p.T("meetings.body.KSAU")}}
	members, _, err := s.deps.Members.List(c.UserContext(), app.MemberFilter{ActiveOnly: true})
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, m := range members {
		names[m.ID] = m.Name
		if u.IsStaff() {
			p.MemberOptions = append(p.MemberOptions, contentOption(m.ID, m.Name))
		}
	}
	f := s.meetingFilter(c, p, names)
	meetings, _, err := s.deps.Meetings.List(c.UserContext(), f)
	for _, m := range meetings {
		row := meetingRow{ID: m.ID, Member: names[m.MemberID], Body: string(m.Body),
			On: m.On.String(), Note: m.Note, CanDelete: s.deps.Meetings.MayEdit(u, m.MemberID)}
		for _, w := range m.Warnings() {
			row.Warnings = append(row.Warnings, translate(p.msgs, w))
		}
		p.Rows = append(p.Rows, row)
	}
	return p, err
}

func (s *Server) meetingCreateForm(c *fiber.Ctx) error {
	in := meetingIn{MemberID: c.FormValue("member_id"), Body: c.FormValue("body"), On: c.FormValue("on"), Note: c.FormValue("note")}
	if u := currentUser(c); !u.IsStaff() {
		in.MemberID = u.MemberID
	}
	_, err := s.createMeeting(c, in)
	if err == nil {
		return s.redirectWithFlash(c, "/internt/moten", "meetings.created")
	}
	p, perr := s.meetingsView(c)
	if perr != nil {
		return perr
	}
	return s.rerender(c, err, "meeting_list", p, p.Form, formValues(c, "member_id", "body", "on", "note"))
}

func (s *Server) meetingDeleteForm(c *fiber.Ctx) error {
	if err := s.deleteMeeting(c, c.Params("id")); err != nil {
		return err
	}
	return s.redirectWithFlash(c, "/internt/moten", "meetings.deleted")
}

// meetingFilter: a member user sees its own meetings from a month back;
// staff see one chosen member's the same way, or else every member's of
// the next 30 days.
func (s *Server) meetingFilter(c *fiber.Ctx, p *meetingsPage, names map[string]string) app.MeetingFilter {
	u, today := currentUser(c), s.today()
	f := app.MeetingFilter{From: today.AddDays(-30)}
	p.Window = "member"
	if !u.IsStaff() {
		f.MemberID, p.MemberName = u.MemberID, names[u.MemberID]
		return f
	}
	p.Filter = s.newForm(p.Layout)
	p.Filter.Values["member"] = c.Query("member")
	p.FilterOptions = append([]Option{{Value: "", Label: p.T("meetings.all_members")}}, p.MemberOptions...)
	if _, ok := names[c.Query("member")]; ok {
		f.MemberID = c.Query("member")
		return f
	}
	p.Window = "soon"
	f.From, f.To = today, today.AddDays(30)
	return f
}
