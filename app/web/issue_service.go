package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

func (s *Server) createIssue(c *fiber.Ctx, in app.IssueInput) (*app.Issue, error) {
	return s.deps.Issues.Create(c.UserContext(), currentUser(c), in)
}

func (s *Server) reviseIssue(c *fiber.Ctx, id string, version int, edit func(*app.IssueInput)) (*app.Issue, error) {
	return s.deps.Issues.Revise(c.UserContext(), currentUser(c), id, version, edit)
}

func (s *Server) addIssueAction(c *fiber.Ctx, id string, in actionIn) (*app.Issue, error) {
	return s.deps.Issues.AddAction(c.UserContext(), currentUser(c), id,
		app.ActionInput{Date: in.Date, Who: in.Who, Note: in.Note, URL: in.URL})
}
