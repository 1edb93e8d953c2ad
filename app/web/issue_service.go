package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

func (s *Server) createIssue(c *fiber.Ctx, in app.IssueInput) (*app.Issue, error) {
	i, err := app.NewIssue(in, s.deps.Clock.Now())
	if err != nil {
		return nil, err
	}
	if err := s.checkIssueLinks(c, i); err != nil {
		return nil, err
	}
	if err := s.deps.Issues.CreateIssue(c.UserContext(), i); err != nil {
		return nil, err
	}
	s.audit(c, currentUser(c), "issue.create", "issue", i.ID, "", "1")
	return i, nil
}

// reviseIssue applies edit to issue id at version (0: the current one).
func (s *Server) reviseIssue(c *fiber.Ctx, id string, version int, edit func(*app.IssueInput)) (*app.Issue, error) {
	old, err := s.deps.Issues.IssueByID(c.UserContext(), id)
	if err != nil {
		return nil, err
	}
	if version != 0 && version != old.Version {
		return nil, staleError("Påverkansfrågan")
	}
	in := old.Input()
	edit(&in)
	next, err := old.Revise(in, s.deps.Clock.Now())
	if err != nil {
		return nil, err
	}
	if err := s.checkIssueLinks(c, next); err != nil {
		return nil, err
	}
	if err := s.deps.Issues.UpdateIssue(c.UserContext(), next); err != nil {
		return nil, err
	}
	s.audit(c, currentUser(c), "issue.update", "issue", next.ID, strconv.Itoa(old.Version), strconv.Itoa(next.Version))
	return next, nil
}

func (s *Server) addIssueAction(c *fiber.Ctx, id string, in actionIn) (*app.Issue, error) {
	u := currentUser(c)
	if in.Date == "" {
		in.Date = s.today().String()
	}
	if in.Who == "" {
		in.Who = u.Name
	}
	a, err := app.NewIssueAction(in.Date, in.Who, in.Note, in.URL, u.ID, s.today())
	if err != nil {
		return nil, err
	}
	i, err := s.deps.Issues.AppendIssueAction(c.UserContext(), id, a, s.deps.Clock.Now())
	if err != nil {
		return nil, err
	}
	s.audit(c, u, "issue.action", "issue", i.ID, strconv.Itoa(i.Version-1), strconv.Itoa(i.Version))
	return i, nil
}

// checkIssueLinks checks that owners, consultations and statements exist.
func (s *Server) checkIssueLinks(c *fiber.Ctx, i *app.Issue) error {
	ctx, p := c.UserContext(), app.Problems{}
	check := func(field, msg string, ids []string, get func(string) error) error {
		for _, id := range ids {
			err := get(id)
			if app.ErrorCode(err) == app.ENOTFOUND {
				p.Add(field, msg)
			} else if err != nil {
				return err
			}
		}
		return nil
	}
	steps := []error{
		check("owner_member_ids", "En av medlemmarna finns inte.", i.OwnerMemberIDs, func(id string) error {
			_, err := s.deps.Members.MemberByID(ctx, id)
			return err
		}),
		check("consultation_ids", "En av remisserna finns inte.", i.ConsultationIDs, func(id string) error {
			_, err := s.deps.Consultations.ConsultationByID(ctx, id)
			return err
		}),
	}
	if s.deps.Statements != nil {
		steps = append(steps, check("statement_ids", "Ett av ställningstagandena finns inte.", i.StatementIDs, func(id string) error {
			_, err := s.deps.Statements.StatementByID(ctx, id)
			return err
		}))
	}
	for _, err := range steps {
		if err != nil {
			return err
		}
	}
	return p.Err()
}
