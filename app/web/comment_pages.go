package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// commentForm adds a comment or a reply; errors re-render the statement
// page with the comment form marked.
func (s *Server) commentForm(c *fiber.Ctx) error {
	anchor, _ := strconv.Atoi(c.FormValue("anchor"))
	in := app.CommentInput{Body: c.FormValue("body"), Anchor: anchor, ParentID: c.FormValue("parent_id")}
	cm, err := s.deps.Statements.Comment(c.UserContext(), currentUser(c), c.Params("id"), in)
	if err == nil {
		return s.redirectWithFlash(c, statementURL(cm.StatementID)+"#kommentar-"+threadOf(cm), "comments.created")
	}
	st, rerr := s.deps.Statements.Get(c.UserContext(), c.Params("id"))
	if rerr != nil {
		return rerr
	}
	p, perr := s.statementView(c, st)
	if perr != nil {
		return perr
	}
	return s.rerender(c, err, "statement", p, p.CommentForm.Form, formValues(c, "body", "anchor", "parent_id"))
}

func threadOf(cm *app.Comment) string {
	if cm.ParentID != "" {
		return cm.ParentID
	}
	return cm.ID
}

func (s *Server) resolveForm(c *fiber.Ctx) error {
	id, cid := c.Params("id"), c.Params("cid")
	if err := s.deps.Statements.Resolve(c.UserContext(), currentUser(c), id, cid); err != nil {
		return err
	}
	return s.redirectWithFlash(c, statementURL(id)+"#kommentar-"+cid, "comments.resolved")
}
