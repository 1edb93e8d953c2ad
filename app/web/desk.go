package web

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// deskPage is /oversikt, the personal desk: what the signed-in user has to
// do, by when, by role (see app.Desks).
type deskPage struct {
	Layout
	MemberName string
	IsStaff    bool
	MaySign    bool
	Awaiting   []awaitingView
	Drafts     []draftView
	Comments   []inboxItem
	Signers    []string
	Deadlines  []deadlineRow
	AtRisk     []consultationRow
	Decisions  []decisionView
	Incoming   int
	Unread     int
	DeskDays   int
}

type awaitingView struct {
	Title, Href, SignBy, Meeting, MeetingOn string
	DaysLeft                                int
	Urgent, NoMeeting                       bool
}

type draftView struct{ Title, Href, EditedOn string }

type decisionView struct {
	Title, Href, SignBy              string
	Signed, Declined, Pending, Total int
	DaysLeft                         int
}

// dashboardPage: the personal desk.
func (s *Server) dashboardPage(c *fiber.Ctx) error {
	u := currentUser(c)
	d, err := s.deps.Desks.For(c.UserContext(), u)
	if err != nil {
		return err
	}
	p := deskPage{Layout: s.layout(c, "dashboard.title"), IsStaff: u.IsStaff(), MaySign: u.MaySign && !u.IsStaff(),
		Incoming: d.Incoming, Unread: d.Unread, DeskDays: app.DeskDays}
	if d.Member != nil {
		p.MemberName = d.Member.Name
	}
	for _, a := range d.Awaiting {
		p.Awaiting = append(p.Awaiting, awaitingOf(p.Layout, a))
	}
	for _, st := range d.Drafts {
		p.Drafts = append(p.Drafts, draftView{Title: st.Title, Href: statementURL(st.ID),
			EditedOn: app.DateOf(st.UpdatedAt).String()})
	}
	for _, n := range d.Notices {
		p.Comments = append(p.Comments, inboxItemOf(p.Layout, n))
	}
	for _, u := range d.Signers {
		name := u.Name
		if u.Title != "" {
			name += " (" + u.Title + ")"
		}
		p.Signers = append(p.Signers, name)
	}
	s.fillWatch(&p, d)
	return s.render(c, fiber.StatusOK, "dashboard", p)
}

func (s *Server) fillWatch(p *deskPage, d *app.Desk) {
	today := s.today()
	for _, it := range d.Deadlines {
		p.Deadlines = append(p.Deadlines, deadlineRowOf(p.Layout, it))
	}
	for _, c := range d.AtRisk {
		p.AtRisk = append(p.AtRisk, consultationRowOf(p.Layout, c, today))
	}
	for _, dc := range d.Decisions {
		p.Decisions = append(p.Decisions, decisionView{Title: dc.Statement.Title, Href: statementURL(dc.Statement.ID) + "/signering",
			SignBy: dc.Statement.SignBy.String(), Signed: dc.Signed, Declined: dc.Declined, Pending: dc.Pending,
			Total: dc.Signed + dc.Declined + dc.Pending, DaysLeft: dc.DaysLeft})
	}
}

func awaitingOf(l Layout, a app.AwaitingDecision) awaitingView {
	v := awaitingView{Title: a.Statement.Title, Href: statementURL(a.Statement.ID) + "/signering",
		SignBy: a.Statement.SignBy.String(), DaysLeft: a.DaysLeft, Urgent: a.DaysLeft <= 5, NoMeeting: a.Meeting == nil}
	if a.Meeting != nil {
		v.Meeting, v.MeetingOn = l.T("meetings.body."+string(a.Meeting.Body)), a.Meeting.On.String()
	}
	return v
}

func inboxItemOf(l Layout, n *app.Notification) inboxItem {
	local := n.CreatedAt.In(app.Stockholm)
	marked := l.Lang != contentLanguage
	return inboxItem{ID: n.ID, TitleHTML: translateMarked(l.msgs, n.Title, marked), BodyHTML: translateMarked(l.msgs, n.Body, marked), URL: n.URL,
		At: local.Format("2006-01-02 15:04"), AtISO: local.Format(time.RFC3339),
		KindLabel: l.T("notify.kind." + string(n.Kind)), Unread: n.ReadAt.IsZero()}
}
