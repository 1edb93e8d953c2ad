package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// issueFilterParams reads ?status=&topic=&priority=&public=.
func issueFilterParams(c *fiber.Ctx) (app.IssueFilter, error) {
	f := app.IssueFilter{Status: strings.TrimSpace(c.Query("status")), Topic: strings.TrimSpace(c.Query("topic")),
		Priority: strings.TrimSpace(c.Query("priority")), PublicOnly: c.Query("public") == "true"}
	p := app.Problems{}
	if f.Status != "" && !oneOf(f.Status, app.IssueStatuses) {
		p.Add("status", "Ska vara ett av: "+strings.Join(app.IssueStatuses, ", ")+".")
	}
	if f.Priority != "" && !oneOf(f.Priority, app.IssuePriorities) {
		p.Add("priority", "Ska vara ett av: "+strings.Join(app.IssuePriorities, ", ")+".")
	}
	return f, p.Err()
}

func oneOf(s string, set []string) bool {
	for _, x := range set {
		if s == x {
			return true
		}
	}
	return false
}

func (s *Server) apiListIssues(c *fiber.Ctx) error {
	f, err := issueFilterParams(c)
	if err != nil {
		return err
	}
	if f.Page, err = pageParams(c); err != nil {
		return err
	}
	items, total, err := s.deps.Issues.List(c.UserContext(), f)
	if err != nil {
		return err
	}
	return c.JSON(listJSON(items, total, issueJSON))
}

func (s *Server) apiGetIssue(c *fiber.Ctx) error {
	i, err := s.deps.Issues.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(issueJSON(i))
}

func (s *Server) apiCreateIssue(c *fiber.Ctx) error {
	var in issueIn
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	i, err := s.createIssue(c, in.input())
	if err != nil {
		return err
	}
	c.Location("/api/v1/issues/" + i.ID)
	return c.Status(fiber.StatusCreated).JSON(issueJSON(i))
}

func (s *Server) apiPatchIssue(c *fiber.Ctx) error {
	var p issuePatch
	if err := decodeJSON(c, &p); err != nil {
		return err
	}
	version := 0
	if p.Version != nil {
		version = *p.Version
	}
	i, err := s.reviseIssue(c, c.Params("id"), version, p.apply)
	if err != nil {
		return err
	}
	return c.JSON(issueJSON(i))
}

func (s *Server) apiAddIssueAction(c *fiber.Ctx) error {
	var in actionIn
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	i, err := s.addIssueAction(c, c.Params("id"), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(issueJSON(i))
}
