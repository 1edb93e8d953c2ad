package web

import (
	"html/template"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// positionsPage lists an issue's standing positions
// (/internt/fragor/{id}/positioner); staff add and edit them and record
// the statements each was used in.
type positionsPage struct {
	Layout
	Issue      *app.Issue
	Positions  []positionRow
	CanEdit    bool
	NewForm    *Form
	Statements []Option
	APIURL     string
}

type positionRow struct {
	P       *app.Position
	Form    *Form
	UsedIn  []linkItem
	FormID  string
	Snippet string
}

func (s *Server) positionsView(c *fiber.Ctx) (*positionsPage, error) {
	ctx := c.UserContext()
	issue, err := s.deps.Issues.Get(ctx, c.Params("id"))
	if err != nil {
		return nil, err
	}
	list, err := s.deps.Positions.List(ctx, issue.ID)
	if err != nil {
		return nil, err
	}
	sts, _, err := s.deps.Statements.List(ctx, app.StatementFilter{})
	if err != nil {
		return nil, err
	}
	p := &positionsPage{Layout: s.layout(c, "public.positions.title"), Issue: issue, CanEdit: currentUser(c).IsStaff(),
		APIURL: "/api/v1/issues/" + issue.ID + "/positions"}
	p.NewForm = s.newForm(p.Layout)
	p.NewForm.Values["public"] = "true"
	byID := map[string]*app.Statement{}
	for _, st := range sts {
		byID[st.ID] = st
		p.Statements = append(p.Statements, Option{Value: st.ID, Label: st.Title + " (" + p.T("public.part.status."+string(st.Status)) + ")", Content: true})
	}
	for _, pos := range list {
		row := positionRow{P: pos, Form: s.newForm(p.Layout), FormID: "p-" + pos.ID, Snippet: positionSnippet(pos)}
		row.Form.SetID("title", row.FormID+"-title")
		row.Form.SetID("text", row.FormID+"-text")
		row.Form.Values = map[string]string{"title": pos.Title, "text": pos.Text, "public": strconv.FormatBool(pos.Public),
			"retired": strconv.FormatBool(pos.Retired), "version": strconv.Itoa(pos.Version)}
		for _, id := range pos.UsedIn {
			if st, ok := byID[id]; ok {
				row.UsedIn = append(row.UsedIn, linkItem{Title: st.Title, URL: "/internt/stallningstaganden/" + st.ID})
			}
		}
		p.Positions = append(p.Positions, row)
	}
	return p, nil
}

// positionSnippet is the Markdown a draft gets when a position is
// inserted: the text as a paragraph.
func positionSnippet(p *app.Position) string { return p.Text + "\n" }

func (s *Server) positionsPage(c *fiber.Ctx) error {
	p, err := s.positionsView(c)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "position_list", p)
}

func positionInput(values map[string]string) app.PositionInput {
	return app.PositionInput{Title: values["title"], Text: values["text"], Public: values["public"] == "true",
		Retired: values["retired"] == "true"}
}

func (s *Server) positionCreateForm(c *fiber.Ctx) error {
	p, err := s.positionsView(c)
	if err != nil {
		return err
	}
	values := formValues(c, "title", "text", "public")
	_, err = s.deps.Positions.Create(c.UserContext(), currentUser(c), p.Issue.ID, positionInput(values))
	if err == nil {
		return s.redirectWithFlash(c, "/internt/fragor/"+p.Issue.ID+"/positioner", "public.positions.created")
	}
	return s.rerender(c, err, "position_list", p, p.NewForm, values)
}

// positionOf finds the position of the URL among the page's rows.
func (p *positionsPage) positionOf(id string) (*positionRow, error) {
	for i := range p.Positions {
		if p.Positions[i].P.ID == id {
			return &p.Positions[i], nil
		}
	}
	return nil, app.Errorf(app.ENOTFOUND, "Ståndpunkten finns inte.")
}

func (s *Server) positionUpdateForm(c *fiber.Ctx) error {
	return s.changePosition(c, []string{"title", "text", "public", "retired", "version"},
		func(pos *app.Position, version int, values map[string]string) (*app.Position, error) {
			return s.deps.Positions.Revise(c.UserContext(), currentUser(c), pos, version, positionInput(values))
		})
}

func (s *Server) positionUseForm(c *fiber.Ctx) error {
	return s.changePosition(c, []string{"statement_id", "version"},
		func(pos *app.Position, version int, values map[string]string) (*app.Position, error) {
			return s.deps.Positions.MarkUsed(c.UserContext(), currentUser(c), pos, version, values["statement_id"])
		})
}

// changePosition applies change to the position of the URL at the version
// the form was read at.
func (s *Server) changePosition(c *fiber.Ctx, fields []string,
	change func(*app.Position, int, map[string]string) (*app.Position, error)) error {
	p, err := s.positionsView(c)
	if err != nil {
		return err
	}
	row, err := p.positionOf(c.Params("pid"))
	if err != nil {
		return err
	}
	values := formValues(c, fields...)
	version, verr := strconv.Atoi(values["version"])
	if verr != nil {
		version = -1 // not the stored version: a conflict
	}
	if _, err = change(row.P, version, values); err == nil {
		return s.redirectWithFlash(c, "/internt/fragor/"+p.Issue.ID+"/positioner#"+row.FormID, "public.positions.saved")
	}
	for k, v := range values {
		row.Form.Values[k] = v
	}
	return s.rerender(c, err, "position_list", p, row.Form, row.Form.Values)
}

// draftPositionsPage shows a statement beside the standing positions of
// its issues (/internt/stallningstaganden/{id}/positioner), so that the
// drafters can see where the text departs from them. It judges nothing:
// no text is compared.
type draftPositionsPage struct {
	Layout
	St     *app.Statement
	Body   template.HTML
	Issues []draftIssue
}

type draftIssue struct {
	Issue     *app.Issue
	Positions []*app.Position
}

func (s *Server) draftPositionsPage(c *fiber.Ctx) error {
	st, issues, positions, err := s.statementPositions(c)
	if err != nil {
		return err
	}
	p := draftPositionsPage{Layout: s.layout(c, "public.draftpos.title"), St: st, Body: renderMarkdown(st.Body)}
	for _, i := range issues {
		di := draftIssue{Issue: i}
		for _, pos := range positions {
			if pos.IssueID == i.ID && !pos.Retired {
				di.Positions = append(di.Positions, pos)
			}
		}
		p.Issues = append(p.Issues, di)
	}
	return s.render(c, fiber.StatusOK, "position_draft", p)
}

// statementPositions finds a statement, its issues and their positions.
func (s *Server) statementPositions(c *fiber.Ctx) (*app.Statement, []*app.Issue, []*app.Position, error) {
	ctx := c.UserContext()
	st, err := s.deps.Statements.Get(ctx, c.Params("id"))
	if err != nil {
		return nil, nil, nil, err
	}
	all, _, err := s.deps.Issues.List(ctx, app.IssueFilter{})
	if err != nil {
		return nil, nil, nil, err
	}
	issues := app.IssuesOfStatement(st, all)
	var ids []string
	for _, i := range issues {
		ids = append(ids, i.ID)
	}
	var positions []*app.Position
	if len(ids) > 0 {
		if positions, err = s.deps.Positions.List(ctx, ids...); err != nil {
			return nil, nil, nil, err
		}
	}
	return st, issues, positions, nil
}

// positionJSON is a standing position in the API. markdown is the text to
// insert into a draft.
type positionJSON struct {
	ID       string   `json:"id"`
	IssueID  string   `json:"issue_id"`
	Title    string   `json:"title"`
	Text     string   `json:"text"`
	Markdown string   `json:"markdown"`
	Public   bool     `json:"public"`
	Retired  bool     `json:"retired"`
	UsedIn   []string `json:"used_in"`
	Version  int      `json:"version"`
}

func positionsJSON(list []*app.Position) fiber.Map {
	items := make([]positionJSON, 0, len(list))
	for _, p := range list {
		used := p.UsedIn
		if used == nil {
			used = []string{}
		}
		items = append(items, positionJSON{ID: p.ID, IssueID: p.IssueID, Title: p.Title, Text: p.Text,
			Markdown: positionSnippet(p), Public: p.Public, Retired: p.Retired, UsedIn: used, Version: p.Version})
	}
	return fiber.Map{"items": items, "total": len(items)}
}

// apiIssuePositions: GET /api/v1/issues/{id}/positions.
func (s *Server) apiIssuePositions(c *fiber.Ctx) error {
	issue, err := s.deps.Issues.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	list, err := s.deps.Positions.List(c.UserContext(), issue.ID)
	if err != nil {
		return err
	}
	return c.JSON(positionsJSON(list))
}

// apiStatementPositions: GET /api/v1/statements/{id}/positions — the
// positions of the statement's issues, for the editor's insert menu.
func (s *Server) apiStatementPositions(c *fiber.Ctx) error {
	_, _, positions, err := s.statementPositions(c)
	if err != nil {
		return err
	}
	return c.JSON(positionsJSON(positions))
}
