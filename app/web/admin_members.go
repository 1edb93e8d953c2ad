package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

type adminMembersPage struct {
	Layout
	Members []*app.Member
	Total   int
}

func (s *Server) adminMembersPage(c *fiber.Ctx) error {
	items, total, err := s.deps.Members.List(c.UserContext(), app.MemberFilter{Page: app.Page{Number: 1, Size: 500}})
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "admin_members", adminMembersPage{Layout: s.layout(c, "members.title"), Members: items, Total: total})
}

type memberFormPage struct {
	Layout
	Heading, Action string
	Editing         bool
	Form            *Form
}

func (s *Server) memberForm(c *fiber.Ctx, m *app.Member) memberFormPage {
	p := memberFormPage{Layout: s.layout(c, "members.new"), Action: "/admin/medlemmar/ny"}
	p.Form = s.newForm(p.Layout)
	if m != nil {
		p.Layout.Title = p.T("members.edit")
		p.Action, p.Editing = "/admin/medlemmar/"+m.ID, true
		p.Form.Values = map[string]string{"name": m.Name, "municipality_code": m.MunicipalityCode,
			"county": m.County, "active": strconv.FormatBool(m.Active)}
	}
	p.Heading = p.Title
	return p
}

func (s *Server) adminMemberNewPage(c *fiber.Ctx) error {
	return s.render(c, fiber.StatusOK, "admin_member_form", s.memberForm(c, nil))
}

func (s *Server) adminMemberEditPage(c *fiber.Ctx) error {
	m, err := s.deps.Members.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "admin_member_form", s.memberForm(c, m))
}

func (s *Server) adminMemberCreate(c *fiber.Ctx) error {
	in := memberCreateInput{Name: c.FormValue("name"), MunicipalityCode: c.FormValue("municipality_code"), County: c.FormValue("county")}
	err := validateStruct(c, &in)
	if err == nil {
		_, err = s.createMember(c, in)
	}
	if err == nil {
		return s.redirectWithFlash(c, "/admin/medlemmar", "members.created")
	}
	p := s.memberForm(c, nil)
	return s.rerender(c, err, "admin_member_form", &p, p.Form, formValues(c, "name", "municipality_code", "county"))
}

func (s *Server) adminMemberUpdate(c *fiber.Ctx) error {
	m, err := s.deps.Members.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	name, code, county := c.FormValue("name"), c.FormValue("municipality_code"), c.FormValue("county")
	active := c.FormValue("active") == "true"
	in := memberPatchInput{Name: &name, MunicipalityCode: &code, County: &county, Active: &active}
	err = validateStruct(c, &in)
	if err == nil {
		_, err = s.updateMember(c, m.ID, in)
	}
	if err == nil {
		return s.redirectWithFlash(c, "/admin/medlemmar", "members.saved")
	}
	p := s.memberForm(c, m)
	return s.rerender(c, err, "admin_member_form", &p, p.Form, formValues(c, "name", "municipality_code", "county", "active"))
}

// rerender shows a form again with the submitted values and the errors of
// err (422, or 409 for a conflict); other errors go to the error handler.
func (s *Server) rerender(c *fiber.Ctx, err error, page string, data any, f *Form, values map[string]string) error {
	status := fiber.StatusUnprocessableEntity
	switch app.ErrorCode(err) {
	case app.EINVALID:
	case app.ECONFLICT, app.EEDITCONFLICT:
		status = fiber.StatusConflict
	default:
		return err
	}
	f.Values = values
	f.setError(err)
	return s.render(c, status, page, data)
}

func formValues(c *fiber.Ctx, names ...string) map[string]string {
	out := map[string]string{}
	for _, n := range names {
		out[n] = c.FormValue(n)
	}
	return out
}
