package web

import (
	"html/template"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// suggestionView is an open suggestion on the statement page: what it
// would change, shown as insertions and deletions in the block.
type suggestionView struct {
	ID, Label, Author, At string
	Changes               template.HTML
	Outdated, CanDecide   bool
}

// suggestionsPart is the statement page's list of suggestions and the
// form to make one.
type suggestionsPart struct {
	Open   []suggestionView
	Blocks []Option
	Form   stmtForm
}

// withSuggestions adds st's open (and outdated) suggestions to p.
func (s *Server) withSuggestions(c *fiber.Ctx, p *statementPage, st *app.Statement) error {
	_, list, err := s.deps.Statements.SuggestionsOf(c.UserContext(), st.ID)
	if err != nil {
		return err
	}
	u, labels := currentUser(c), s.diffLabels(c)
	p.Suggestions.Form = s.newStmtForm(p.Layout)
	p.Suggestions.Form.SetID("block", "f-forslag-block")
	p.Suggestions.Form.SetID("text", "f-forslag-text")
	p.Suggestions.Form.Values["base_version"] = strconv.Itoa(st.Version)
	for _, sg := range list {
		state := sg.State
		if state != app.SuggestionOpen && state != app.SuggestionOutdated {
			continue
		}
		p.Suggestions.Open = append(p.Suggestions.Open, suggestionView{ID: sg.ID, Label: s.blockLabel(c, sg.Block),
			Author: sg.AuthorName, At: localTime(sg.CreatedAt), Outdated: state == app.SuggestionOutdated,
			Changes:   diffHTML(app.WordDiff(sg.BaseText, sg.Text), labels),
			CanDecide: state == app.SuggestionOpen && (u.IsStaff() || u.ID == st.AuthorID)})
	}
	p.Suggestions.Blocks = []Option{{Value: "title", Label: p.T("stmtfield.title")}, {Value: "summary", Label: p.T("stmtfield.summary")}}
	for _, b := range app.Blocks(st.Body) {
		p.Suggestions.Blocks = append(p.Suggestions.Blocks, Option{Value: strconv.Itoa(b.N), Label: s.blockLabel(c, strconv.Itoa(b.N)), Content: true})
	}
	return nil
}

// suggestForm: POST /internt/stallningstaganden/{id}/forslag.
func (s *Server) suggestForm(c *fiber.Ctx) error {
	base, _ := strconv.Atoi(c.FormValue("base_version"))
	_, err := s.deps.Statements.Suggest(c.UserContext(), currentUser(c), c.Params("id"),
		app.SuggestionInput{Block: c.FormValue("block"), Text: c.FormValue("text"), BaseVersion: base})
	if err == nil {
		return s.redirectWithFlash(c, statementURL(c.Params("id"))+"#forslag", "suggestions.created")
	}
	st, rerr := s.deps.Statements.Get(c.UserContext(), c.Params("id"))
	if rerr != nil {
		return rerr
	}
	p, perr := s.statementView(c, st)
	if perr != nil {
		return perr
	}
	return s.rerender(c, err, "statement", p, p.Suggestions.Form.Form, formValues(c, "block", "text", "base_version"))
}

// decideSuggestionForm: POST …/forslag/{sid}/godta and …/avsla.
func (s *Server) decideSuggestionForm(accept bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var err error
		flash := "suggestions.accepted"
		if accept {
			_, err = s.deps.Statements.Accept(c.UserContext(), currentUser(c), c.Params("id"), c.Params("sid"))
		} else {
			flash = "suggestions.rejected"
			_, err = s.deps.Statements.Reject(c.UserContext(), currentUser(c), c.Params("id"), c.Params("sid"), c.FormValue("reason"))
		}
		if err != nil {
			return err
		}
		return s.redirectWithFlash(c, statementURL(c.Params("id"))+"#forslag", flash)
	}
}
