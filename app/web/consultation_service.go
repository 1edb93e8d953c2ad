package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// today is the current date in Europe/Stockholm.
func (s *Server) today() app.Date { return app.DateOf(s.deps.Clock.Now()) }

func (s *Server) createConsultation(c *fiber.Ctx, in app.ConsultationInput) (*app.Consultation, error) {
	return s.deps.Consultations.Create(c.UserContext(), currentUser(c), in)
}

func (s *Server) reviseConsultation(c *fiber.Ctx, id string, version int, edit func(*app.ConsultationInput)) (*app.Consultation, error) {
	return s.deps.Consultations.Revise(c.UserContext(), currentUser(c), id, version, edit)
}
