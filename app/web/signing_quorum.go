package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// quorumInput is the body of PUT /api/v1/statements/{id}/quorum.
type quorumInput struct {
	Quorum  *int `json:"quorum" validate:"required,gte=0,lte=10000"`
	Version int  `json:"version" validate:"gte=0"`
}

// apiSetQuorum sets the least number of signing members a statement needs
// before it is published (0: none).
func (s *Server) apiSetQuorum(c *fiber.Ctx) error {
	var in quorumInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	st, err := s.deps.Statements.SetQuorum(c.UserContext(), currentUser(c), c.Params("id"), in.Version, *in.Quorum)
	if err != nil {
		return err
	}
	return c.JSON(statementJSON(st))
}

// quorumForm sets the quorum from the signing board.
func (s *Server) quorumForm(c *fiber.Ctx) error {
	quorum, err := strconv.Atoi(c.FormValue("quorum"))
	if err != nil {
		err = app.FieldError("quorum", "error.statement.quorum_integer")
	} else {
		version, _ := strconv.Atoi(c.FormValue("version"))
		_, err = s.deps.Statements.SetQuorum(c.UserContext(), currentUser(c), c.Params("id"), version, quorum)
	}
	if err == nil {
		return s.redirectWithFlash(c, statementURL(c.Params("id"))+"/signering", "steps.quorum_saved")
	}
	p, perr := s.signingView(c)
	if perr != nil {
		return perr
	}
	values := formValues(c, "quorum")
	values["version"] = p.QuorumForm.Values["version"]
	return s.rerender(c, err, "signing", p, p.QuorumForm.Form, values)
}

// referenceInput is the body of PUT /api/v1/statements/{id}/reference.
type referenceInput struct {
	Reference *string `json:"reference" validate:"required,max=60"`
	Version   int     `json:"version" validate:"gte=0"`
}

// apiSetReference registers the network's own diarienummer of a statement
// ("Vår referens"); "" clears it.
func (s *Server) apiSetReference(c *fiber.Ctx) error {
	var in referenceInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	st, err := s.deps.Statements.SetReference(c.UserContext(), currentUser(c), c.Params("id"), in.Version, *in.Reference)
	if err != nil {
		return err
	}
	return c.JSON(statementJSON(st))
}

// referenceForm registers the diarienummer from the signing board.
func (s *Server) referenceForm(c *fiber.Ctx) error {
	version, _ := strconv.Atoi(c.FormValue("version"))
	_, err := s.deps.Statements.SetReference(c.UserContext(), currentUser(c), c.Params("id"), version, c.FormValue("reference"))
	if err == nil {
		return s.redirectWithFlash(c, statementURL(c.Params("id"))+"/signering", "steps.reference_saved")
	}
	p, perr := s.signingView(c)
	if perr != nil {
		return perr
	}
	values := formValues(c, "reference")
	values["version"] = p.ReferenceForm.Values["version"]
	return s.rerender(c, err, "signing", p, p.ReferenceForm.Form, values)
}
