package web

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// The comment API: each comment answers where it sits now (anchor,
// outdated), the revision it was made on (version) and its quote.

func (s *Server) apiListComments(c *fiber.Ctx) error {
	items, err := s.deps.Statements.Comments(c.UserContext(), currentUser(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(listJSON(items, len(items), commentJSON))
}

type commentInput struct {
	Body     string `json:"body" validate:"required,max=5000"`
	Anchor   int    `json:"anchor" validate:"gte=0"`
	Quote    string `json:"quote" validate:"max=1000"`
	Version  int    `json:"version" validate:"gte=0"`
	ParentID string `json:"parent_id" validate:"max=64"`
}

func (s *Server) apiCreateComment(c *fiber.Ctx) error {
	var in commentInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	cm, err := s.deps.Statements.Comment(c.UserContext(), currentUser(c), c.Params("id"),
		app.CommentInput{Body: in.Body, Anchor: in.Anchor, Quote: in.Quote, Version: in.Version, ParentID: in.ParentID})
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(commentJSON(cm))
}

type commentEditInput struct {
	Body string `json:"body" validate:"required,max=5000"`
}

// apiEditComment: PATCH /statements/{id}/comments/{cid}, the author only.
func (s *Server) apiEditComment(c *fiber.Ctx) error {
	var in commentEditInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	cm, err := s.deps.Statements.EditComment(c.UserContext(), currentUser(c), c.Params("id"), c.Params("cid"), in.Body)
	if err != nil {
		return err
	}
	return c.JSON(commentJSON(cm))
}

// apiDeleteComment: DELETE /statements/{id}/comments/{cid}, the author only.
func (s *Server) apiDeleteComment(c *fiber.Ctx) error {
	if err := s.deps.Statements.DeleteComment(c.UserContext(), currentUser(c), c.Params("id"), c.Params("cid")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *Server) apiResolveComment(c *fiber.Ctx) error {
	cm, err := s.deps.Statements.Resolve(c.UserContext(), currentUser(c), c.Params("id"), c.Params("cid"))
	if err != nil {
		return err
	}
	return c.JSON(commentJSON(cm))
}

func (s *Server) apiReopenComment(c *fiber.Ctx) error {
	cm, err := s.deps.Statements.ReopenThread(c.UserContext(), currentUser(c), c.Params("id"), c.Params("cid"))
	if err != nil {
		return err
	}
	return c.JSON(commentJSON(cm))
}

type commentOut struct {
	ID         string           `json:"id"`
	ParentID   *string          `json:"parent_id"`
	Anchor     int              `json:"anchor"`
	Version    int              `json:"version"`
	Block      int              `json:"block"`
	Quote      string           `json:"quote"`
	Outdated   bool             `json:"outdated"`
	AuthorID   string           `json:"author_id"`
	AuthorName string           `json:"author_name"`
	Body       string           `json:"body"`
	Resolved   bool             `json:"resolved"`
	ResolvedAt *time.Time       `json:"resolved_at"`
	EditedAt   *time.Time       `json:"edited_at"`
	Deleted    bool             `json:"deleted"`
	DeletedAt  *time.Time       `json:"deleted_at"`
	History    []commentEditOut `json:"history"`
	CreatedAt  time.Time        `json:"created_at"`
}

// commentEditOut is an earlier body; only the secretariat gets them.
type commentEditOut struct {
	Body string    `json:"body"`
	At   time.Time `json:"at"`
}

func commentJSON(c *app.Comment) commentOut {
	out := commentOut{ID: c.ID, ParentID: optString(c.ParentID), Anchor: c.Anchor, Version: c.Version, Block: c.Block,
		Quote: c.Quote, Outdated: c.Outdated, AuthorID: c.AuthorID, AuthorName: c.AuthorName, Body: c.Body,
		Resolved: c.Resolved, ResolvedAt: optTime(c.ResolvedAt), EditedAt: optTime(c.EditedAt), Deleted: c.Deleted,
		DeletedAt: optTime(c.DeletedAt), History: []commentEditOut{}, CreatedAt: c.CreatedAt}
	for _, e := range c.History {
		out.History = append(out.History, commentEditOut{Body: e.Body, At: e.At})
	}
	return out
}
