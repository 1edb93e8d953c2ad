package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// revisionPage shows one revision read-only, with a way to compare it
// with the current text and, for the draft's author and the secretariat,
// to restore it as a new revision.
type revisionPage struct {
	Layout
	St         *app.Statement
	Rev        *app.Revision
	At         string
	Blocks     []renderedBlock
	Current    bool
	CanRestore bool
	CompareURL string
	Form       stmtForm
}

// revisionNumber reads the :n of a revision route, or ENOTFOUND.
func revisionNumber(c *fiber.Ctx) (int, error) {
	n, err := strconv.Atoi(c.Params("n"))
	if err != nil || n < 1 {
		return 0, app.Errorf(app.ENOTFOUND, "error.statement.revision_not_found")
	}
	return n, nil
}

func (s *Server) revisionView(c *fiber.Ctx) (*revisionPage, error) {
	n, err := revisionNumber(c)
	if err != nil {
		return nil, err
	}
	st, rev, err := s.deps.Statements.RevisionAt(c.UserContext(), c.Params("id"), n)
	if err != nil {
		return nil, err
	}
	p := &revisionPage{Layout: s.layout(c, "revisions.one_title"), St: st, Rev: rev, At: localTime(rev.At),
		Blocks: renderBlocks(rev.Body), Current: rev.Number == st.Revision}
	p.Title = p.T("revisions.one_title") + " " + strconv.Itoa(rev.Number) + ": " + st.Title
	p.CanRestore = !p.Current && st.MayRestore(currentUser(c))
	if !p.Current {
		p.CompareURL = statementURL(st.ID) + "/jamfor?fran=" + strconv.Itoa(rev.Number) + "&till=" + strconv.Itoa(st.Revision)
	}
	p.Form = s.newStmtForm(p.Layout)
	p.Form.Values["version"] = strconv.Itoa(st.Version)
	return p, nil
}

func (s *Server) revisionPage(c *fiber.Ctx) error {
	p, err := s.revisionView(c)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "statement_revision", p)
}

// restoreForm restores a revision and returns to the statement; a refusal
// shows the revision again with the reason at the top.
func (s *Server) restoreForm(c *fiber.Ctx) error {
	n, err := revisionNumber(c)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(c.FormValue("version"))
	st, err := s.deps.Statements.Restore(c.UserContext(), currentUser(c), c.Params("id"), n, version)
	if err == nil {
		return s.redirectWithFlash(c, statementURL(st.ID), "revisions.restored")
	}
	if app.ErrorCode(err) == app.EFORBIDDEN || app.ErrorCode(err) == app.ENOTFOUND {
		return err
	}
	p, perr := s.revisionView(c)
	if perr != nil {
		return perr
	}
	return s.rerender(c, err, "statement_revision", p, p.Form.Form, map[string]string{"version": p.Form.Values["version"]})
}

type restoreInput struct {
	Version int `json:"version" validate:"required,gte=1"`
}

// apiRestore restores revision n as a new revision: POST
// /api/v1/statements/{id}/revisions/{n}/restore {"version": …}.
func (s *Server) apiRestore(c *fiber.Ctx) error {
	n, err := revisionNumber(c)
	if err != nil {
		return err
	}
	var in restoreInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	st, err := s.deps.Statements.Restore(c.UserContext(), currentUser(c), c.Params("id"), n, in.Version)
	if err != nil {
		return err
	}
	return c.JSON(statementJSON(st))
}

// apiGetRevision answers one revision.
func (s *Server) apiGetRevision(c *fiber.Ctx) error {
	n, err := revisionNumber(c)
	if err != nil {
		return err
	}
	rev, err := s.deps.Statements.Revision(c.UserContext(), c.Params("id"), n)
	if err != nil {
		return err
	}
	return c.JSON(revisionJSON(rev))
}
