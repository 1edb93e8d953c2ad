package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// commentForm adds a comment or a reply; errors re-render the statement
// page with the comment form marked and what was typed kept.
func (s *Server) commentForm(c *fiber.Ctx) error {
	anchor, _ := strconv.Atoi(c.FormValue("anchor"))
	version, _ := strconv.Atoi(c.FormValue("anchor_version")) // the revision the page showed
	in := app.CommentInput{Body: c.FormValue("body"), Anchor: anchor, Quote: c.FormValue("quote"), Version: version,
		ParentID: c.FormValue("parent_id")}
	cm, err := s.deps.Statements.Comment(c.UserContext(), currentUser(c), c.Params("id"), in)
	if err == nil {
		return s.redirectWithFlash(c, statementURL(cm.StatementID)+"#kommentar-"+threadOf(cm), "comments.created")
	}
	p, perr := s.commentPageAgain(c)
	if perr != nil {
		return perr
	}
	return s.rerender(c, err, "statement", p, p.CommentForm.Form, formValues(c, "body", "anchor", "quote", "parent_id"))
}

// commentPageAgain builds the statement page to show a refused comment
// form on.
func (s *Server) commentPageAgain(c *fiber.Ctx) (*statementPage, error) {
	st, err := s.deps.Statements.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return nil, err
	}
	return s.statementView(c, st)
}

func threadOf(cm *app.Comment) string {
	if cm.ParentID != "" {
		return cm.ParentID
	}
	return cm.ID
}

func (s *Server) resolveForm(c *fiber.Ctx) error {
	id, cid := c.Params("id"), c.Params("cid")
	if _, err := s.deps.Statements.Resolve(c.UserContext(), currentUser(c), id, cid); err != nil {
		return err
	}
	return s.redirectWithFlash(c, statementURL(id)+"#kommentar-"+cid, "comments.resolved")
}

func (s *Server) reopenThreadForm(c *fiber.Ctx) error {
	id, cid := c.Params("id"), c.Params("cid")
	if _, err := s.deps.Statements.ReopenThread(c.UserContext(), currentUser(c), id, cid); err != nil {
		return err
	}
	return s.redirectWithFlash(c, statementURL(id)+"#kommentar-"+cid, "comments.reopened")
}

// editCommentForm changes the visitor's own comment; a refused body is
// shown again in that comment's form.
func (s *Server) editCommentForm(c *fiber.Ctx) error {
	id, cid := c.Params("id"), c.Params("cid")
	cm, err := s.deps.Statements.EditComment(c.UserContext(), currentUser(c), id, cid, c.FormValue("body"))
	if err == nil {
		return s.redirectWithFlash(c, statementURL(id)+"#kommentar-"+threadOf(cm), "comments.edited")
	}
	p, perr := s.commentPageAgain(c)
	if perr != nil {
		return perr
	}
	p.EditingID = cid
	p.EditForm.SetID("body", "andra-"+cid)
	return s.rerender(c, err, "statement", p, p.EditForm.Form, formValues(c, "body"))
}

func (s *Server) deleteCommentForm(c *fiber.Ctx) error {
	id, cid := c.Params("id"), c.Params("cid")
	if err := s.deps.Statements.DeleteComment(c.UserContext(), currentUser(c), id, cid); err != nil {
		return err
	}
	return s.redirectWithFlash(c, statementURL(id)+"#kommentarer", "comments.deleted")
}
