package web

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

type homePage struct {
	Layout
	Statements []statementCard
}

type statementCard struct {
	Title, Slug, Summary, KindKey, PublishedOn string
}

// homePage: the public start page with the latest published statements.
func (s *Server) homePage(c *fiber.Ctx) error {
	p := homePage{Layout: s.layout(c, "home.title")}
	if s.deps.Statements != nil {
		items, _, err := s.deps.Statements.ListStatements(c.UserContext(),
			app.StatementFilter{Status: app.StatementPublished, Page: app.Page{Number: 1, Size: 6}})
		if err != nil {
			return err
		}
		for _, st := range items {
			p.Statements = append(p.Statements, statementCard{Title: st.Title, Slug: st.Slug, Summary: st.Summary,
				KindKey: "kind." + string(st.Kind), PublishedOn: app.DateOf(st.PublishedAt).String()})
		}
	}
	return s.render(c, fiber.StatusOK, "home", p)
}

type dashboardPage struct {
	Layout
	MemberName string
	Events     []eventRow
}

type eventRow struct{ At, AtISO, Who, What string }

// dashboardPage: the signed-in start page with recent activity.
func (s *Server) dashboardPage(c *fiber.Ctx) error {
	ctx := c.UserContext()
	u := currentUser(c)
	p := dashboardPage{Layout: s.layout(c, "dashboard.title")}
	if u.MemberID != "" {
		if m, err := s.deps.Members.MemberByID(ctx, u.MemberID); err == nil {
			p.MemberName = m.Name
		}
	}
	events, _, err := s.deps.Audit.ListAudit(ctx, app.AuditFilter{Page: app.Page{Number: 1, Size: 15}})
	if err != nil {
		return err
	}
	for _, e := range events {
		who := e.ActorName
		if who == "" {
			who = p.T("audit.system")
		}
		local := e.At.In(app.Stockholm)
		p.Events = append(p.Events, eventRow{At: local.Format("2006-01-02 15:04"), AtISO: local.Format(time.RFC3339),
			Who: who, What: p.T("audit." + e.Action)})
	}
	return s.render(c, fiber.StatusOK, "dashboard", p)
}
