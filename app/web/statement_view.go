package web

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// statementPage is the member view of one statement: the text split into
// paragraphs with their comment threads beside them, the editor while it
// is a draft, and the secretariat's actions.
type statementPage struct {
	Layout
	St                 *app.Statement
	KindKey, StatusKey string
	Paragraphs         []paragraphView
	General            []threadView // on the whole text
	Outdated           []threadView // whose words are gone from the text
	EditForm           stmtForm     // a comment being edited, when its edit was refused
	EditingID          string
	Editor             stmtForm
	CommentForm        stmtForm
	ActionForm         stmtForm
	Anchors            []Option
	CanEdit, IsStaff   bool
	CanComment         bool
	CanPublish         bool
	Conflict           *conflictView
	Today              string
	Updated, Edited    string
	PublishedAt        string
}

type paragraphView struct {
	N       int
	HTML    template.HTML
	Threads []threadView
}

// conflictView shows what others changed since the editor was opened.
type conflictView struct {
	Message              string
	From, To             int
	Title, Summary, Body template.HTML
}

// statementView builds the page for st; the editor holds st's text.
func (s *Server) statementView(c *fiber.Ctx, st *app.Statement) (*statementPage, error) {
	u := currentUser(c)
	p := &statementPage{Layout: s.layout(c, "statements.title"), St: st, KindKey: "kind." + string(st.Kind),
		StatusKey: "statements.status_" + string(st.Status), IsStaff: u.IsStaff(),
		CanEdit: st.Status == app.StatementDraft, Today: app.DateOf(s.deps.Clock.Now()).String(),
		Updated: localTime(st.UpdatedAt), Edited: localTime(st.EditedAt), PublishedAt: localTime(st.PublishedAt)}
	p.Title = st.Title
	p.CanComment = st.Status == app.StatementDraft || st.Status == app.StatementSigning
	p.CanPublish = p.IsStaff && (st.Status == app.StatementSigning ||
		(st.Status == app.StatementDraft && st.Kind == app.KindPositionPaper))
	p.Editor, p.CommentForm, p.ActionForm = s.newStmtForm(p.Layout), s.newStmtForm(p.Layout), s.newStmtForm(p.Layout)
	p.EditForm = s.newStmtForm(p.Layout)
	p.ActionForm.Values["sign_by"] = app.DateOf(s.deps.Clock.Now()).AddDays(14).String()
	p.Editor.Values = map[string]string{"title": st.Title, "summary": st.Summary, "body": st.Body,
		"topics": strings.Join(st.Topics, ", "), "version": strconv.Itoa(st.Version), "revision": strconv.Itoa(st.Revision)}
	comments, err := s.deps.Statements.CommentsOn(c.UserContext(), u, st)
	if err != nil {
		return nil, err
	}
	p.fillParagraphs(st, u, app.Threads(comments))
	return p, nil
}

func (s *Server) statementPage(c *fiber.Ctx) error {
	st, err := s.deps.Statements.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	p, err := s.statementView(c, st)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "statement", p)
}

// statementSaveForm saves the editor. A stale version re-renders the page
// with 409: the visitor's text stays in the editor, and a diff shows what
// others saved meanwhile, so that nothing is overwritten unseen.
func (s *Server) statementSaveForm(c *fiber.Ctx) error {
	ctx := c.UserContext()
	version, _ := strconv.Atoi(c.FormValue("version"))
	in := app.StatementEdit{Version: version, Title: c.FormValue("title"), Summary: c.FormValue("summary"),
		Body: c.FormValue("body"), Topics: app.SplitStatementTopics(c.FormValue("topics"))}
	saved, err := s.deps.Statements.Edit(ctx, currentUser(c), c.Params("id"), in)
	if err == nil {
		return s.redirectWithFlash(c, statementURL(saved.ID), "statements.saved")
	}
	st, rerr := s.deps.Statements.Get(ctx, c.Params("id"))
	if rerr != nil {
		return rerr
	}
	p, perr := s.statementView(c, st)
	if perr != nil {
		return perr
	}
	if app.ErrorCode(err) == app.ECONFLICT && st.Status == app.StatementDraft {
		p.Conflict = s.conflictDiff(c, st, err)
	}
	values := formValues(c, "title", "summary", "body", "topics", "version", "revision")
	if p.Conflict != nil {
		values["version"], values["revision"] = strconv.Itoa(st.Version), strconv.Itoa(st.Revision)
	}
	return s.rerender(c, err, "statement", p, p.Editor.Form, values)
}

// conflictDiff compares the revision the editor started from with the
// current one.
func (s *Server) conflictDiff(c *fiber.Ctx, st *app.Statement, err error) *conflictView {
	base, _ := strconv.Atoi(c.FormValue("revision"))
	v := &conflictView{Message: app.ErrorMessage(err), From: base, To: st.Revision}
	from, ferr := s.deps.Statements.Revision(c.UserContext(), st.ID, base)
	if ferr != nil {
		return v
	}
	d := app.DiffRevisions(from, app.RevisionOf(st))
	labels := s.diffLabels(c)
	v.Title, v.Summary, v.Body = diffHTML(d.Title, labels), diffHTML(d.Summary, labels), diffHTML(d.Body, labels)
	return v
}

func (s *Server) diffLabels(c *fiber.Ctx) diffWords {
	m := s.views.messages[currentLang(c)]
	return diffWords{Inserted: m["diff.inserted"], Deleted: m["diff.deleted"], End: m["diff.end"]}
}
