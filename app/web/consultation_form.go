package web

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

type consultationFormPage struct {
	Layout
	Heading, Action, Cancel string
	Editing                 bool
	Form                    *Form
	StatusOptions           []Option
	IssueOptions            []Option
	StatementOptions        []Option
}

// consultationFields are the form's fields.
var consultationFields = []string{"title", "reference", "report_number", "issuer", "source_url", "received_on",
	"deadline", "draft_due", "signatures_due", "status", "decline_reason", "topics", "documents", "statement_id", "version"}

func (s *Server) consultationForm(c *fiber.Ctx, con *app.Consultation) (*consultationFormPage, error) {
	p := &consultationFormPage{Layout: s.layout(c, "consultations.new"), Action: "/internt/remisser/ny", Cancel: "/internt/remisser"}
	p.Form = s.newForm(p.Layout)
	statuses := app.StoredStatuses
	p.Form.Values["status"] = string(app.ConsultationIncoming)
	if con != nil {
		p.Layout.Title = p.T("consultations.edit")
		p.Action, p.Cancel, p.Editing = "/internt/remisser/"+con.ID+"/redigera", "/internt/remisser/"+con.ID, true
		p.Form.Values = consultationFormValues(con)
		statuses = append([]app.ConsultationStatus{con.Status}, app.NextStatuses(con.Status)...)
	}
	p.Heading = p.Title
	p.StatusOptions = statusOptions(p.Layout, "", statuses...)
	return p, s.linkOptions(c, p, con)
}

func consultationFormValues(con *app.Consultation) map[string]string {
	in := con.Input()
	var docs []string
	for _, l := range con.Documents {
		docs = append(docs, l.Title+" | "+l.URL)
	}
	return map[string]string{"title": in.Title, "reference": in.Reference, "report_number": in.ReportNumber,
		"issuer": in.Issuer, "source_url": in.SourceURL, "received_on": in.ReceivedOn, "deadline": in.Deadline,
		"draft_due": in.DraftDue, "signatures_due": in.SignaturesDue, "status": in.Status,
		"decline_reason": in.DeclineReason, "topics": strings.Join(in.Topics, ", "),
		"documents": strings.Join(docs, "\n"), "statement_id": in.StatementID, "version": strconv.Itoa(con.Version)}
}

// linkOptions lists the issues and statements a consultation may link to.
func (s *Server) linkOptions(c *fiber.Ctx, p *consultationFormPage, con *app.Consultation) error {
	linked := map[string]bool{}
	if con != nil {
		for _, id := range con.IssueIDs {
			linked[id] = true
		}
	}
	issues, _, err := s.deps.Issues.List(c.UserContext(), app.IssueFilter{})
	if err != nil {
		return err
	}
	for _, i := range issues {
		p.IssueOptions = append(p.IssueOptions, Option{Value: i.ID, Label: i.Title, Selected: linked[i.ID], Content: true})
	}
	p.StatementOptions = []Option{{Value: "", Label: p.T("consultations.no_statement")}}
	if s.deps.Statements == nil {
		return nil
	}
	stmts, _, err := s.deps.Statements.List(c.UserContext(), app.StatementFilter{})
	for _, st := range stmts {
		p.StatementOptions = append(p.StatementOptions, contentOption(st.ID, st.Title))
	}
	return err
}

// consultationFormInput reads the posted form.
func consultationFormInput(c *fiber.Ctx) app.ConsultationInput {
	in := app.ConsultationInput{Title: c.FormValue("title"), Reference: c.FormValue("reference"),
		ReportNumber: c.FormValue("report_number"), Issuer: c.FormValue("issuer"), SourceURL: c.FormValue("source_url"),
		ReceivedOn: c.FormValue("received_on"), Deadline: c.FormValue("deadline"), DraftDue: c.FormValue("draft_due"),
		SignaturesDue: c.FormValue("signatures_due"), Status: c.FormValue("status"),
		DeclineReason: c.FormValue("decline_reason"), StatementID: c.FormValue("statement_id"),
		Topics: strings.Split(c.FormValue("topics"), ",")}
	for _, v := range c.Request().PostArgs().PeekMulti("issue_ids") {
		in.IssueIDs = append(in.IssueIDs, string(v))
	}
	for _, line := range strings.Split(c.FormValue("documents"), "\n") {
		title, link, found := strings.Cut(line, "|")
		if !found {
			title, link = "", title
		}
		in.Documents = append(in.Documents, app.Link{Title: title, URL: link})
	}
	return in
}

func (s *Server) consultationNewPage(c *fiber.Ctx) error {
	p, err := s.consultationForm(c, nil)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "consultation_form", p)
}

func (s *Server) consultationEditPage(c *fiber.Ctx) error {
	con, err := s.deps.Consultations.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	p, err := s.consultationForm(c, con)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "consultation_form", p)
}

func (s *Server) consultationCreateForm(c *fiber.Ctx) error {
	con, err := s.createConsultation(c, consultationFormInput(c))
	if err == nil {
		return s.redirectWithFlash(c, "/internt/remisser/"+con.ID, "consultations.created")
	}
	return s.consultationFormError(c, err, nil)
}

func (s *Server) consultationUpdateForm(c *fiber.Ctx) error {
	old, err := s.deps.Consultations.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	version, _ := atoiParam(c.FormValue("version"))
	in := consultationFormInput(c)
	con, err := s.reviseConsultation(c, old.ID, max(version, 0), func(dst *app.ConsultationInput) { *dst = in })
	if err == nil {
		return s.redirectWithFlash(c, "/internt/remisser/"+con.ID, "consultations.saved")
	}
	return s.consultationFormError(c, err, old)
}

// consultationFormError shows the form again with the posted values.
func (s *Server) consultationFormError(c *fiber.Ctx, err error, old *app.Consultation) error {
	p, perr := s.consultationForm(c, old)
	if perr != nil {
		return perr
	}
	posted := map[string]bool{}
	for _, v := range c.Request().PostArgs().PeekMulti("issue_ids") {
		posted[string(v)] = true
	}
	for i := range p.IssueOptions {
		p.IssueOptions[i].Selected = posted[p.IssueOptions[i].Value]
	}
	return s.rerender(c, err, "consultation_form", p, p.Form, formValues(c, consultationFields...))
}
