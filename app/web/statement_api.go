package web

import (
	"errors"
	"github.com/gofiber/fiber/v2"
	"strconv"

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
// client can show what changed and save again; an edit conflict lists the
// blocks both sides changed.
type conflictBody struct {
	Error     errorDetail   `json:"error"`
	Conflicts []conflictOut `json:"conflicts,omitempty"`
	Current   statementOut  `json:"current"`
}

// conflictOut is one block both sides changed: block is "title",
// "summary", "topics" or the body block's number in the current text.
type conflictOut struct {
	Block  any    `json:"block"`
	Base   string `json:"base"`
	Theirs string `json:"theirs"`
	Yours  string `json:"yours"`
}

func conflictsJSON(cs []app.BlockConflict) []conflictOut {
	out := make([]conflictOut, len(cs))
	for i, k := range cs {
		out[i] = conflictOut{Block: k.Block, Base: k.Base, Theirs: k.Theirs, Yours: k.Yours}
		if n, err := strconv.Atoi(k.Block); err == nil {
			out[i].Block = n
		}
	}
	return out
}

// savedOut is a saved statement and whether others' changes were merged.
type savedOut struct {
	statementOut
	Merged bool `json:"merged"`
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
	saved, err := s.deps.Statements.Save(ctx, currentUser(c), st.ID, edit)
	if code := app.ErrorCode(err); code == app.ECONFLICT || code == app.EEDITCONFLICT {
		return s.answerConflict(c, err, st.ID)
	}
	if err != nil {
		return err
	}
	return c.JSON(savedOut{statementOut: statementJSON(saved.Statement), Merged: saved.Merged})
}

func (s *Server) answerConflict(c *fiber.Ctx, err error, id string) error {
	body := conflictBody{Error: errorDetail{Code: app.ErrorCode(err), Message: s.errorMessage(c, err),
		Fields: s.errorFields(c, err)}}
	var ec *app.EditConflict
	if errors.As(err, &ec) {
		body.Conflicts, body.Current = conflictsJSON(ec.Conflicts), statementJSON(ec.Current)
		return c.Status(fiber.StatusConflict).JSON(body)
	}
	cur, rerr := s.deps.Statements.Get(c.UserContext(), id)
	if rerr != nil {
		return err
	}
	body.Current = statementJSON(cur)
	return c.Status(fiber.StatusConflict).JSON(body)
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
