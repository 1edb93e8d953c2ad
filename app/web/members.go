package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

type memberCreateInput struct {
	Name             string `json:"name" validate:"required,max=120"`
	MunicipalityCode string `json:"municipality_code" validate:"required,len=4,numeric"`
	County           string `json:"county" validate:"max=80"`
}

type memberPatchInput struct {
	Name             *string `json:"name" validate:"omitnil,min=1,max=120"`
	MunicipalityCode *string `json:"municipality_code" validate:"omitnil,len=4,numeric"`
	County           *string `json:"county" validate:"omitnil,max=80"`
	Active           *bool   `json:"active"`
}

func (s *Server) apiListMembers(c *fiber.Ctx) error {
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	f := app.MemberFilter{Page: page, ActiveOnly: c.Query("active") == "true"}
	items, total, err := s.deps.Members.List(c.UserContext(), f)
	if err != nil {
		return err
	}
	return c.JSON(listJSON(items, total, memberJSON))
}

func (s *Server) apiGetMember(c *fiber.Ctx) error {
	m, err := s.deps.Members.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(memberJSON(m))
}

func (s *Server) apiCreateMember(c *fiber.Ctx) error {
	var in memberCreateInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	m, err := s.createMember(c, in)
	if err != nil {
		return err
	}
	c.Location("/api/v1/members/" + m.ID)
	return c.Status(fiber.StatusCreated).JSON(memberJSON(m))
}

func (s *Server) createMember(c *fiber.Ctx, in memberCreateInput) (*app.Member, error) {
	return s.deps.Members.Create(c.UserContext(), currentUser(c), in.Name, in.MunicipalityCode, in.County)
}

func (s *Server) apiUpdateMember(c *fiber.Ctx) error {
	var in memberPatchInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	m, err := s.updateMember(c, c.Params("id"), in)
	if err != nil {
		return err
	}
	return c.JSON(memberJSON(m))
}

func (s *Server) updateMember(c *fiber.Ctx, id string, in memberPatchInput) (*app.Member, error) {
	up := app.MemberUpdate{Name: in.Name, MunicipalityCode: in.MunicipalityCode, County: in.County, Active: in.Active}
	return s.deps.Members.Update(c.UserContext(), currentUser(c), id, up)
}
