package web

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

const statementsPath = "/internt/stallningstaganden"

func statementURL(id string) string { return statementsPath + "/" + id }

// localTime formats an instant in Stockholm time, for pages.
func localTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(app.Stockholm).Format("2006-01-02 15:04")
}

type statementRow struct {
	ID, Title, KindKey, StatusKey, Updated, UpdatedISO string
	Signed                                             int
}

type statementListPage struct {
	Layout
	Rows    []statementRow
	Total   int
	Status  string
	Tabs    []Option
	IsStaff bool
}

func (s *Server) statementListPage(c *fiber.Ctx) error {
	p := statementListPage{Layout: s.layout(c, "statements.title"), Status: c.Query("status"), IsStaff: currentUser(c).IsStaff()}
	f := app.StatementFilter{Status: app.StatementStatus(p.Status), Page: app.Page{Number: 1, Size: 100}}
	for _, st := range []string{"", "draft", "signing", "published", "withdrawn"} {
		p.Tabs = append(p.Tabs, Option{Value: st, Label: p.T("statements.tab_" + tabKey(st)), Selected: st == p.Status})
	}
	items, total, err := s.deps.Statements.List(c.UserContext(), f)
	if err != nil {
		return err
	}
	p.Total = total
	for _, st := range items {
		p.Rows = append(p.Rows, statementRow{ID: st.ID, Title: st.Title, KindKey: "kind." + string(st.Kind),
			StatusKey: "statements.status_" + string(st.Status), Updated: localTime(st.UpdatedAt),
			UpdatedISO: st.UpdatedAt.Format(time.RFC3339), Signed: len(st.SigningMembers())})
	}
	return s.render(c, fiber.StatusOK, "statement_list", p)
}

func tabKey(status string) string {
	if status == "" {
		return "all"
	}
	return status
}

type statementNewPage struct {
	Layout
	Form          stmtForm
	Kinds         []Option
	Consultations []Option
}

func (s *Server) newStatementView(c *fiber.Ctx) (statementNewPage, error) {
	p := statementNewPage{Layout: s.layout(c, "statements.new")}
	p.Form = s.newStmtForm(p.Layout)
	p.Form.Values["kind"] = string(app.KindJointStatement)
	for _, k := range []app.StatementKind{app.KindJointStatement, app.KindPositionPaper, app.KindConsultationResponse} {
		p.Kinds = append(p.Kinds, Option{Value: string(k), Label: p.T("kind." + string(k))})
	}
	p.Consultations = []Option{{Value: "", Label: p.T("statements.no_consultation")}}
	list, _, err := s.deps.Consultations.List(c.UserContext(), app.ConsultationFilter{Page: app.Page{Number: 1, Size: 200}})
	for _, k := range list {
		p.Consultations = append(p.Consultations, contentOption(k.ID, strings.TrimSpace(k.Reference+" "+k.Title)))
	}
	return p, err
}

func (s *Server) statementNewPage(c *fiber.Ctx) error {
	p, err := s.newStatementView(c)
	if err != nil {
		return err
	}
	if id := c.Query("remiss"); id != "" {
		p.Form.Values["kind"], p.Form.Values["consultation_id"] = string(app.KindConsultationResponse), id
	}
	return s.render(c, fiber.StatusOK, "statement_new", p)
}

func (s *Server) statementCreateForm(c *fiber.Ctx) error {
	in := app.StatementInput{Kind: app.StatementKind(c.FormValue("kind")), Title: c.FormValue("title"),
		Summary: c.FormValue("summary"), Body: c.FormValue("body"), Topics: app.SplitStatementTopics(c.FormValue("topics")),
		ConsultationID: c.FormValue("consultation_id")}
	st, err := s.deps.Statements.Create(c.UserContext(), currentUser(c), in)
	if err == nil {
		return s.redirectWithFlash(c, statementURL(st.ID), "statements.created")
	}
	p, perr := s.newStatementView(c)
	if perr != nil {
		return perr
	}
	return s.rerender(c, err, "statement_new", &p, p.Form.Form,
		formValues(c, "kind", "title", "summary", "body", "topics", "consultation_id"))
}
