package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// deadlineOut is one date that falls due, in JSON.
type deadlineOut struct {
	Date            string  `json:"date"`
	Kind            string  `json:"kind"`
	ConsultationID  *string `json:"consultation_id"`
	StatementID     *string `json:"statement_id"`
	Title           string  `json:"title"`
	Reference       string  `json:"reference"`
	Status          string  `json:"status"`
	WorkingDaysLeft int     `json:"working_days_left"`
	Traffic         *string `json:"traffic"`
}

func deadlineJSON(it app.DeadlineItem) deadlineOut {
	return deadlineOut{Date: it.On.String(), Kind: string(it.Kind), ConsultationID: stringJSON(it.ConsultationID),
		StatementID: stringJSON(it.StatementID), Title: it.Title, Reference: it.Reference, Status: it.Status,
		WorkingDaysLeft: it.WorkingDaysLeft, Traffic: stringJSON(string(it.Traffic))}
}

// apiDeadlines answers what falls due within ?within=N days (default 30,
// 1 to 365), sorted by date.
func (s *Server) apiDeadlines(c *fiber.Ctx) error {
	within := 30
	if v := c.Query("within"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > app.MaxDeadlineWindow {
			return app.FieldError("within", "Ange antal dagar, 1 till 365.")
		}
		within = n
	}
	items, err := s.upcoming(c, within)
	if err != nil {
		return err
	}
	return c.JSON(listJSON(items, len(items), deadlineJSON))
}

// upcoming lists what falls due within days from today.
func (s *Server) upcoming(c *fiber.Ctx, days int) ([]app.DeadlineItem, error) {
	today := s.today()
	cs, _, err := s.deps.Consultations.List(c.UserContext(),
		app.ConsultationFilter{DeadlineFrom: today, Today: today})
	if err != nil {
		return nil, err
	}
	signing, err := s.signingStatements(c)
	if err != nil {
		return nil, err
	}
	return app.UpcomingDeadlines(cs, signing, today, days), nil
}

// signingStatements lists the statements out for signatures.
func (s *Server) signingStatements(c *fiber.Ctx) ([]*app.Statement, error) {
	if s.deps.Statements == nil {
		return nil, nil
	}
	ss, _, err := s.deps.Statements.List(c.UserContext(), app.StatementFilter{Status: app.StatementSigning})
	return ss, err
}
