package web

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

type issueFormPage struct {
	Layout
	Heading, Action, Cancel string
	Form                    *Form
	StatusOptions           []Option
	PrioOptions             []Option
	MemberOptions           []Option
	ConsultationOptions     []Option
	StatementOptions        []Option
}

var issueFields = []string{"title", "summary", "body", "topics", "priority", "status", "public", "version"}

func (s *Server) issueForm(c *fiber.Ctx, i *app.Issue) (*issueFormPage, error) {
	p := &issueFormPage{Layout: s.layout(c, "issues.new"), Action: "/internt/fragor/ny", Cancel: "/internt/fragor"}
	p.Form = s.newForm(p.Layout)
	p.Form.Values = map[string]string{"status": "active", "priority": "medium"}
	var in app.IssueInput
	if i != nil {
		p.Layout.Title = p.T("issues.edit")
		p.Action, p.Cancel = "/internt/fragor/"+i.ID+"/redigera", "/internt/fragor/"+i.ID
		in = i.Input()
		p.Form.Values = map[string]string{"title": in.Title, "summary": in.Summary, "body": in.Body,
			"topics": strings.Join(in.Topics, ", "), "priority": in.Priority, "status": in.Status,
			"public": strconv.FormatBool(in.Public), "version": strconv.Itoa(i.Version)}
	}
	p.Heading = p.Title
	p.StatusOptions = issueOptions(p.Layout, "issues.status.", app.IssueStatuses)[1:]
	p.PrioOptions = issueOptions(p.Layout, "issues.priority.", app.IssuePriorities)[1:]
	return p, s.issueLinkOptions(c, p, in)
}

// issueLinkOptions lists the members, consultations and statements an
// issue may link to, marking those in in.
func (s *Server) issueLinkOptions(c *fiber.Ctx, p *issueFormPage, in app.IssueInput) error {
	ctx := c.UserContext()
	mark := func(ids []string) map[string]bool {
		m := map[string]bool{}
		for _, id := range ids {
			m[id] = true
		}
		return m
	}
	owners, cons, stmts := mark(in.OwnerMemberIDs), mark(in.ConsultationIDs), mark(in.StatementIDs)
	members, _, err := s.deps.Members.List(ctx, app.MemberFilter{ActiveOnly: true})
	if err != nil {
		return err
	}
	for _, m := range members {
		p.MemberOptions = append(p.MemberOptions, Option{Value: m.ID, Label: m.Name, Selected: owners[m.ID], Content: true})
	}
	cs, _, err := s.deps.Consultations.List(ctx, app.ConsultationFilter{})
	if err != nil {
		return err
	}
	for _, x := range cs {
		p.ConsultationOptions = append(p.ConsultationOptions, Option{Value: x.ID, Label: x.Reference + " " + x.Title, Selected: cons[x.ID], Content: true})
	}
	if s.deps.Statements == nil {
		return nil
	}
	ss, _, err := s.deps.Statements.List(ctx, app.StatementFilter{})
	for _, st := range ss {
		p.StatementOptions = append(p.StatementOptions, Option{Value: st.ID, Label: st.Title, Selected: stmts[st.ID], Content: true})
	}
	return err
}

func multi(c *fiber.Ctx, name string) []string {
	var out []string
	for _, v := range c.Request().PostArgs().PeekMulti(name) {
		out = append(out, string(v))
	}
	return out
}

func issueFormInput(c *fiber.Ctx) app.IssueInput {
	return app.IssueInput{Title: c.FormValue("title"), Summary: c.FormValue("summary"), Body: c.FormValue("body"),
		Topics: strings.Split(c.FormValue("topics"), ","), Priority: c.FormValue("priority"), Status: c.FormValue("status"),
		Public: c.FormValue("public") == "true", OwnerMemberIDs: multi(c, "owner_member_ids"),
		ConsultationIDs: multi(c, "consultation_ids"), StatementIDs: multi(c, "statement_ids")}
}

func (s *Server) issueNewPage(c *fiber.Ctx) error {
	p, err := s.issueForm(c, nil)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "issue_form", p)
}

func (s *Server) issueEditPage(c *fiber.Ctx) error {
	i, err := s.deps.Issues.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	p, err := s.issueForm(c, i)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "issue_form", p)
}

func (s *Server) issueCreateForm(c *fiber.Ctx) error {
	in := issueFormInput(c)
	i, err := s.createIssue(c, in)
	if err == nil {
		return s.redirectWithFlash(c, "/internt/fragor/"+i.ID, "issues.created")
	}
	return s.issueFormError(c, err, nil, in)
}

func (s *Server) issueUpdateForm(c *fiber.Ctx) error {
	old, err := s.deps.Issues.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	version, _ := atoiParam(c.FormValue("version"))
	in := issueFormInput(c)
	i, err := s.reviseIssue(c, old.ID, max(version, 0), func(dst *app.IssueInput) { *dst = in })
	if err == nil {
		return s.redirectWithFlash(c, "/internt/fragor/"+i.ID, "issues.saved")
	}
	return s.issueFormError(c, err, old, in)
}

func (s *Server) issueFormError(c *fiber.Ctx, err error, old *app.Issue, in app.IssueInput) error {
	p, perr := s.issueForm(c, old)
	if perr != nil {
		return perr
	}
	p.MemberOptions, p.ConsultationOptions, p.StatementOptions = nil, nil, nil
	if perr := s.issueLinkOptions(c, p, in); perr != nil {
		return perr
	}
	return s.rerender(c, err, "issue_form", p, p.Form, formValues(c, issueFields...))
}
