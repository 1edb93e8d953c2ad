package web

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// suggestionIn is a suggestion as the API takes it: block is "title",
// "summary" or a body block's number in base_version.
type suggestionIn struct {
	Block       json.RawMessage `json:"block" validate:"required"`
	Text        string          `json:"text" validate:"max=20000"`
	BaseVersion int             `json:"base_version" validate:"required,min=1"`
}

// suggestionOut is a suggestion in the API; state is "outdated" for an
// open suggestion whose block has changed since.
type suggestionOut struct {
	ID          string     `json:"id"`
	Block       any        `json:"block"`
	Text        string     `json:"text"`
	BaseText    string     `json:"base_text"`
	AuthorID    string     `json:"author_id"`
	AuthorName  string     `json:"author_name"`
	BaseVersion int        `json:"base_version"`
	State       string     `json:"state"`
	Reason      string     `json:"reason,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	DecidedAt   *time.Time `json:"decided_at"`
}

func suggestionJSON(sg *app.Suggestion) suggestionOut {
	out := suggestionOut{ID: sg.ID, Block: sg.Block, Text: sg.Text, BaseText: sg.BaseText, AuthorID: sg.AuthorID,
		AuthorName: sg.AuthorName, BaseVersion: sg.BaseVersion, State: sg.State, Reason: sg.Reason, CreatedAt: sg.CreatedAt}
	if n, err := strconv.Atoi(sg.Block); err == nil {
		out.Block = n
	}
	if !sg.DecidedAt.IsZero() {
		out.DecidedAt = &sg.DecidedAt
	}
	return out
}

// blockParam reads a block given as a number or as "title"/"summary".
func blockParam(raw json.RawMessage) string {
	var n int
	if json.Unmarshal(raw, &n) == nil {
		return strconv.Itoa(n)
	}
	var s string
	_ = json.Unmarshal(raw, &s)
	return strings.TrimSpace(s)
}

// apiSuggest: POST /api/v1/statements/{id}/suggestions → 201.
func (s *Server) apiSuggest(c *fiber.Ctx) error {
	var in suggestionIn
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	sg, err := s.deps.Statements.Suggest(c.UserContext(), currentUser(c), c.Params("id"),
		app.SuggestionInput{Block: blockParam(in.Block), Text: in.Text, BaseVersion: in.BaseVersion})
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(suggestionJSON(sg))
}

// apiSuggestions: GET /api/v1/statements/{id}/suggestions lists the open
// ones (?state=all: every one).
func (s *Server) apiSuggestions(c *fiber.Ctx) error {
	_, list, err := s.deps.Statements.SuggestionsOf(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	out := list[:0]
	for _, sg := range list {
		if c.Query("state") == "all" || sg.State == app.SuggestionOpen {
			out = append(out, sg)
		}
	}
	return c.JSON(listJSON(out, len(out), suggestionJSON))
}

// apiAcceptSuggestion: POST …/suggestions/{sid}/accept → the statement
// with the new revision.
func (s *Server) apiAcceptSuggestion(c *fiber.Ctx) error {
	st, err := s.deps.Statements.Accept(c.UserContext(), currentUser(c), c.Params("id"), c.Params("sid"))
	if err != nil {
		return err
	}
	return c.JSON(statementJSON(st))
}

type rejectIn struct {
	Reason string `json:"reason" validate:"max=2000"`
}

// apiRejectSuggestion: POST …/suggestions/{sid}/reject {reason}.
func (s *Server) apiRejectSuggestion(c *fiber.Ctx) error {
	var in rejectIn
	if len(c.Body()) > 0 {
		if err := decodeJSON(c, &in); err != nil {
			return err
		}
	}
	sg, err := s.deps.Statements.Reject(c.UserContext(), currentUser(c), c.Params("id"), c.Params("sid"), in.Reason)
	if err != nil {
		return err
	}
	return c.JSON(suggestionJSON(sg))
}
