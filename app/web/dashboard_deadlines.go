package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// watchDays is how far ahead the secretariat's deadline watch looks.
const watchDays = 90

type deadlineWatchPage struct {
	Layout
	Upcoming  []deadlineRow
	AtRisk    []consultationRow
	Signing   []signingRow
	Timeline  timelineView
	Moved     []movedRow    // deadlines moved by imports
	NoMail    bool          // no SMTP: reminders are listed here instead
	Reminders []reminderRow // due now
}

type deadlineRow struct {
	Date, Kind, KindLabel, Title, Href, Reference, Traffic, TrafficLabel string
	Left                                                                 int
}

type signingRow struct {
	Title, Href, SignBy string
	Signed, Declined    int
}

// deadlineWatchPage: the secretariat's watch — what falls due in the next
// 90 days (as a timeline picture and a table), what is at risk, and what
// awaits signatures.
func (s *Server) deadlineWatchPage(c *fiber.Ctx) error {
	p := deadlineWatchPage{Layout: s.layout(c, "watch.title")}
	items, err := s.upcoming(c, watchDays)
	if err != nil {
		return err
	}
	for _, it := range items {
		p.Upcoming = append(p.Upcoming, deadlineRowOf(p.Layout, it))
	}
	if p.AtRisk, err = s.atRisk(c, p.Layout); err != nil {
		return err
	}
	signing, err := s.signingStatements(c)
	if err != nil {
		return err
	}
	for _, st := range signing {
		p.Signing = append(p.Signing, signingRowOf(st))
	}
	p.Timeline = buildTimeline(p.Layout, items, s.today(), watchDays)
	if err := s.watchAlerts(c, &p); err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "dashboard_deadlines", p)
}

func deadlineRowOf(l Layout, it app.DeadlineItem) deadlineRow {
	r := deadlineRow{Date: it.On.String(), Kind: string(it.Kind), KindLabel: l.T("watch.kind." + string(it.Kind)),
		Title: it.Title, Reference: it.Reference, Left: it.WorkingDaysLeft, Traffic: string(it.Traffic)}
	if it.Traffic != "" {
		r.TrafficLabel = l.T("consultations.traffic." + string(it.Traffic))
	}
	r.Href = "/internt/remisser/" + it.ConsultationID
	if it.StatementID != "" {
		r.Href = "/internt/stallningstaganden/" + it.StatementID
	}
	return r
}

// atRisk lists the open consultations whose light is amber or red.
func (s *Server) atRisk(c *fiber.Ctx, l Layout) ([]consultationRow, error) {
	today := s.today()
	cs, _, err := s.deps.Consultations.List(c.UserContext(), app.ConsultationFilter{Today: today})
	var out []consultationRow
	for _, x := range cs {
		if t := x.Traffic(today); t == app.TrafficAtRisk || t == app.TrafficOverdue {
			out = append(out, consultationRowOf(l, x, today))
		}
	}
	return out, err
}

func signingRowOf(st *app.Statement) signingRow {
	r := signingRow{Title: st.Title, Href: "/internt/stallningstaganden/" + st.ID + "/signering", SignBy: st.SignBy.String()}
	for _, g := range st.Signatures {
		switch g.Decision {
		case app.DecisionSigned:
			r.Signed++
		case app.DecisionDeclined:
			r.Declined++
		}
	}
	return r
}
