package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// publicCalendarFeed: GET /remisser.ics, the public iCalendar feed of the
// network's open consultations: their last answer dates only, never the
// internal milestones. A consultation is in it under the same rule as the
// start page's open consultations (app.OpenPublicConsultations): it still
// awaits an answer and a public issue links it.
func (s *Server) publicCalendarFeed(c *fiber.Ctx) error {
	ctx := c.UserContext()
	cons, err := s.allConsultations(ctx)
	if err != nil {
		return err
	}
	issues, err := s.publicIssues(ctx)
	if err != nil {
		return err
	}
	today := s.today()
	shown := map[string]bool{}
	for _, pc := range app.OpenPublicConsultations(cons, issues, today) {
		shown[pc.ID] = true
	}
	open := make([]*app.Consultation, 0, len(shown))
	for _, con := range cons {
		if shown[con.ID] {
			open = append(open, con)
		}
	}
	events := app.CalendarEvents(open, today, false)
	for i := range events {
		events[i].UID = "public-" + events[i].UID
		events[i].Path = "/remisser" // the internal page is not for visitors
	}
	body := s.writeICS(events, s.cfg.NetworkName+" – öppna remisser", s.deps.Clock.Now())
	c.Set(fiber.HeaderContentType, "text/calendar; charset=utf-8")
	c.Set(fiber.HeaderCacheControl, "public, max-age=900")
	return c.SendString(body)
}
