package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// today is the current date in Europe/Stockholm.
func (s *Server) today() app.Date { return app.DateOf(s.deps.Clock.Now()) }

// createConsultation checks and stores a new consultation and records it
// in the audit log.
func (s *Server) createConsultation(c *fiber.Ctx, in app.ConsultationInput) (*app.Consultation, error) {
	con, err := app.NewConsultation(in, s.deps.Clock.Now())
	if err != nil {
		return nil, err
	}
	if err := s.checkConsultationLinks(c, con); err != nil {
		return nil, err
	}
	if err := s.deps.Consultations.CreateConsultation(c.UserContext(), con); err != nil {
		return nil, err
	}
	s.audit(c, currentUser(c), "consultation.create", "consultation", con.ID, "", string(con.Status))
	return con, nil
}

// reviseConsultation applies edit to consultation id at version (0: the
// current one) and stores it if still at that version. A status change is
// recorded in the audit log on its own.
func (s *Server) reviseConsultation(c *fiber.Ctx, id string, version int, edit func(*app.ConsultationInput)) (*app.Consultation, error) {
	old, err := s.deps.Consultations.ConsultationByID(c.UserContext(), id)
	if err != nil {
		return nil, err
	}
	if version != 0 && version != old.Version {
		return nil, staleError("Remissen")
	}
	in := old.Input()
	edit(&in)
	next, err := old.Revise(in, s.deps.Clock.Now())
	if err != nil {
		return nil, err
	}
	if err := s.checkConsultationLinks(c, next); err != nil {
		return nil, err
	}
	if err := s.deps.Consultations.UpdateConsultation(c.UserContext(), next); err != nil {
		return nil, err
	}
	u := currentUser(c)
	s.audit(c, u, "consultation.update", "consultation", next.ID, strconv.Itoa(old.Version), strconv.Itoa(next.Version))
	if next.Status != old.Status {
		s.audit(c, u, "consultation.status", "consultation", next.ID, string(old.Status), string(next.Status))
	}
	return next, nil
}

func staleError(what string) error {
	return app.Errorf(app.ECONFLICT, "%s har ändrats av någon annan. Läs in den igen och försök på nytt.", what)
}

// checkConsultationLinks checks that the linked issues and statement exist.
func (s *Server) checkConsultationLinks(c *fiber.Ctx, con *app.Consultation) error {
	p := app.Problems{}
	for _, id := range con.IssueIDs {
		if _, err := s.deps.Issues.IssueByID(c.UserContext(), id); app.ErrorCode(err) == app.ENOTFOUND {
			p.Add("issue_ids", "Påverkansfrågan "+id+" finns inte.")
		} else if err != nil {
			return err
		}
	}
	if con.StatementID != "" && s.deps.Statements != nil {
		if _, err := s.deps.Statements.StatementByID(c.UserContext(), con.StatementID); app.ErrorCode(err) == app.ENOTFOUND {
			p.Add("statement_id", "Ställningstagandet finns inte.")
		} else if err != nil {
			return err
		}
	}
	return p.Err()
}
