package web

import (
	"html/template"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

type issueListPage struct {
	Layout
	Filter                     *Form
	StatusOptions, PrioOptions []Option
	Rows                       []issueRow
	Total                      int
	CanEdit                    bool
}

type issueRow struct {
	ID, Title, Summary, StatusLabel, PriorityLabel string
	Topics                                         []string
	Public                                         bool
}

func issueOptions(l Layout, prefix string, values []string) []Option {
	out := []Option{{Value: "", Label: l.T("issues.any")}}
	for _, v := range values {
		out = append(out, Option{Value: v, Label: l.T(prefix + v)})
	}
	return out
}

// issueListPage: the advocacy issues, filtered by the query.
func (s *Server) issueListPage(c *fiber.Ctx) error {
	p := issueListPage{Layout: s.layout(c, "issues.title"), CanEdit: currentUser(c).IsStaff()}
	p.Filter = s.newForm(p.Layout)
	p.Filter.Values = formQuery(c, "status", "priority", "topic")
	p.StatusOptions = issueOptions(p.Layout, "issues.status.", app.IssueStatuses)
	p.PrioOptions = issueOptions(p.Layout, "issues.priority.", app.IssuePriorities)
	f, err := issueFilterParams(c)
	if err != nil {
		p.Filter.setError(err)
		return s.render(c, fiber.StatusUnprocessableEntity, "issue_list", p)
	}
	items, total, err := s.deps.Issues.List(c.UserContext(), f)
	if err != nil {
		return err
	}
	for _, i := range items {
		p.Rows = append(p.Rows, issueRow{ID: i.ID, Title: i.Title, Summary: i.Summary, Topics: i.Topics, Public: i.Public,
			StatusLabel: p.T("issues.status." + i.Status), PriorityLabel: p.T("issues.priority." + i.Priority)})
	}
	p.Total = total
	return s.render(c, fiber.StatusOK, "issue_list", p)
}

type issuePage struct {
	Layout
	Follow                    followForm
	I                         *app.Issue
	Row                       issueRow
	Body                      template.HTML
	Owners                    []string
	Consultations, Statements []linkView
	Actions                   []actionRow
	CanEdit                   bool
	ActionForm                *Form
	Allies                    *alliesView // other bodies beside the network on the issue's remisser
}

type actionRow struct{ Date, Who, Note, URL string }

func (s *Server) issuePage(c *fiber.Ctx) error {
	i, err := s.deps.Issues.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	p, err := s.issueView(c, i)
	if err != nil {
		return err
	}
	if p.Follow, err = s.followFormOf(c.UserContext(), currentUser(c), p.Layout, app.Subject{Type: "issue", ID: i.ID}, "/internt/fragor/"+i.ID); err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "issue_detail", p)
}

func (s *Server) issueView(c *fiber.Ctx, i *app.Issue) (*issuePage, error) {
	p := &issuePage{Layout: s.layout(c, "issues.detail"), I: i, Body: renderMarkdown(i.Body), CanEdit: currentUser(c).IsStaff()}
	p.Title = i.Title
	p.Row = issueRow{StatusLabel: p.T("issues.status." + i.Status), PriorityLabel: p.T("issues.priority." + i.Priority)}
	p.ActionForm = s.newForm(p.Layout)
	p.ActionForm.Values["date"] = s.today().String()
	for k := len(i.Log) - 1; k >= 0; k-- {
		a := i.Log[k]
		p.Actions = append(p.Actions, actionRow{Date: a.On.String(), Who: a.Who, Note: a.Note, URL: a.URL})
	}
	ctx := c.UserContext()
	for _, id := range i.OwnerMemberIDs {
		if m, err := s.deps.Members.Get(ctx, id); err == nil {
			p.Owners = append(p.Owners, m.Name)
		}
	}
	for _, id := range i.ConsultationIDs {
		if con, err := s.deps.Consultations.Get(ctx, id); err == nil {
			p.Consultations = append(p.Consultations, linkView{Title: con.Title, Href: "/internt/remisser/" + con.ID})
		}
	}
	for _, id := range i.StatementIDs {
		if s.deps.Statements == nil {
			break
		}
		if st, err := s.deps.Statements.Get(ctx, id); err == nil {
			p.Statements = append(p.Statements, linkView{Title: st.Title, Href: "/internt/stallningstaganden/" + st.ID})
		}
	}
	var err error
	p.Allies, err = s.alliesOf(c, p.Layout, i.ID)
	return p, err
}

// issueActionForm appends an entry to the issue's log.
func (s *Server) issueActionForm(c *fiber.Ctx) error {
	in := actionIn{Date: c.FormValue("date"), Who: c.FormValue("who"), Note: c.FormValue("note"), URL: c.FormValue("url")}
	i, err := s.addIssueAction(c, c.Params("id"), in)
	if err == nil {
		return s.redirectWithFlash(c, "/internt/fragor/"+i.ID, "issues.action_added")
	}
	old, gerr := s.deps.Issues.Get(c.UserContext(), c.Params("id"))
	if gerr != nil {
		return gerr
	}
	p, perr := s.issueView(c, old)
	if perr != nil {
		return perr
	}
	return s.rerender(c, err, "issue_detail", p, p.ActionForm, formValues(c, "date", "who", "note", "url"))
}
