package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// movedRow is a consultation whose deadline an import moved.
type movedRow struct {
	Title, Href, Previous, Now, ChangedOn string
}

// reminderRow is a reminder due now, listed when no mail server is set.
type reminderRow struct {
	Title, Href, KindLabel, Due string
	Left                        int
}

// watchAlerts adds to the watch what imports moved in the last 30 days and,
// without SMTP, the reminders that would have been e-mailed.
func (s *Server) watchAlerts(c *fiber.Ctx, p *deadlineWatchPage) error {
	ctx := c.UserContext()
	moved, err := s.deps.Consultations.ChangedDeadlines(ctx, s.deps.Clock.Now().Add(-app.ImportSince))
	if err != nil {
		return err
	}
	for _, m := range moved {
		p.Moved = append(p.Moved, movedRow{Title: m.Consultation.Title, Href: "/internt/remisser/" + m.Consultation.ID,
			Previous: m.Previous.String(), Now: m.Consultation.Deadline.String(), ChangedOn: app.DateOf(m.ChangedAt).String()})
	}
	if s.deps.AccountLinks.CanMail() == nil {
		return nil
	}
	p.NoMail = true
	cs, _, err := s.deps.Consultations.List(ctx, app.ConsultationFilter{})
	if err != nil {
		return err
	}
	for _, r := range app.DueReminders(cs, s.today()) {
		p.Reminders = append(p.Reminders, reminderRow{Title: r.Title, Href: r.Path, Due: r.Due.String(),
			KindLabel: p.T("watch.kind." + string(r.Kind)), Left: r.WorkingDaysLeft})
	}
	return nil
}
