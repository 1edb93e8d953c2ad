package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

type statementCreateInput struct {
	Kind           string   `json:"kind" validate:"required,oneof=position_paper joint_statement consultation_response"`
	Title          string   `json:"title" validate:"required,max=200"`
	Summary        string   `json:"summary" validate:"max=2000"`
	Body           string   `json:"body" validate:"max=200000"`
	Topics         []string `json:"topics" validate:"max=10,dive,max=40"`
	ConsultationID string   `json:"consultation_id" validate:"max=64"`
}

type statementPatchInput struct {
	Version int       `json:"version" validate:"required,gte=1"`
	Title   *string   `json:"title" validate:"omitnil,min=1,max=200"`
	Summary *string   `json:"summary" validate:"omitnil,max=2000"`
	Body    *string   `json:"body" validate:"omitnil,max=200000"`
	Topics  *[]string `json:"topics" validate:"omitnil,max=10,dive,max=40"`
}

// hideFromAnonymous answers 404 to anonymous callers, so that nobody
// learns without signing in whether an unpublished statement exists.
func hideFromAnonymous(c *fiber.Ctx) error {
	if currentUser(c) == nil {
		return app.Errorf(app.ENOTFOUND, "error.statement.not_found")
	}
	return c.Next()
}

// apiListStatements lists statements: published ones for anonymous
// callers, all (or ?status=) for signed-in users.
func (s *Server) apiListStatements(c *fiber.Ctx) error {
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	f := app.StatementFilter{Page: page, Status: app.StatementStatus(c.Query("status"))}
	switch f.Status {
	case "", app.StatementDraft, app.StatementSigning, app.StatementPublished, app.StatementWithdrawn:
	default:
		return app.FieldError("status", "Status ska vara draft, signing, published eller withdrawn.")
	}
	conv := statementJSON
	if currentUser(c) == nil {
		f.Status, conv = app.StatementPublished, publicStatementJSON
	}
	items, total, err := s.deps.Statements.List(c.UserContext(), f)
	if err != nil {
		return err
	}
	return c.JSON(listJSON(items, total, conv))
}

func (s *Server) apiGetStatement(c *fiber.Ctx) error {
	u := currentUser(c)
	st, err := s.deps.Statements.Visible(c.UserContext(), u, c.Params("id"))
	if err != nil {
		return err
	}
	if u == nil {
		return c.JSON(publicStatementJSON(st))
	}
	return c.JSON(statementJSON(st))
}

func (s *Server) apiCreateStatement(c *fiber.Ctx) error {
	var in statementCreateInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	st, err := s.deps.Statements.Create(c.UserContext(), currentUser(c), app.StatementInput{Kind: app.StatementKind(in.Kind),
		Title: in.Title, Summary: in.Summary, Body: in.Body, Topics: in.Topics, ConsultationID: in.ConsultationID})
	if err != nil {
		return err
	}
	c.Location("/api/v1/statements/" + st.ID)
	return c.Status(fiber.StatusCreated).JSON(statementJSON(st))
}

// conflictBody is a 409 with the statement as it now stands, so that the
// client can show what changed and save again.
type conflictBody struct {
	Error   errorDetail  `json:"error"`
	Current statementOut `json:"current"`
}

func (s *Server) apiPatchStatement(c *fiber.Ctx) error {
	var in statementPatchInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	ctx := c.UserContext()
	st, err := s.deps.Statements.Get(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	edit := app.StatementEdit{Version: in.Version, Title: deref(in.Title, st.Title), Summary: deref(in.Summary, st.Summary),
		Body: deref(in.Body, st.Body), Topics: st.Topics}
	if in.Topics != nil {
		edit.Topics = *in.Topics
	}
	saved, err := s.deps.Statements.Edit(ctx, currentUser(c), st.ID, edit)
	if app.ErrorCode(err) == app.ECONFLICT {
		return s.answerConflict(c, err, st.ID)
	}
	if err != nil {
		return err
	}
	return c.JSON(statementJSON(saved))
}

func (s *Server) answerConflict(c *fiber.Ctx, err error, id string) error {
	cur, rerr := s.deps.Statements.Get(c.UserContext(), id)
	if rerr != nil {
		return err
	}
	return c.Status(fiber.StatusConflict).JSON(conflictBody{Error: errorDetail{Code: app.ECONFLICT,
		Message: s.errorMessage(c, err), Fields: s.errorFields(c, err)}, Current: statementJSON(cur)})
}

func deref(p *string, def string) string {
	if p == nil {
		return def
	}
	return *p
}

type previewInput struct {
	Body string `json:"body" validate:"max=200000"`
}

type previewOut struct {
	HTML string `json:"html"`
}

// apiPreview renders Markdown through the one pipeline, for the editor's
// live preview.
func (s *Server) apiPreview(c *fiber.Ctx) error {
	var in previewInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	return c.JSON(previewOut{HTML: string(renderMarkdown(in.Body))})
}
