package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

type adminUsersPage struct {
	Layout
	Users []userRow
	Total int
}

type userRow struct {
	*app.User
	RoleKey, MemberName string
	Invited             bool // has not yet chosen a password
}

func (s *Server) memberNames(c *fiber.Ctx) (map[string]string, []*app.Member, error) {
	members, _, err := s.deps.Members.List(c.UserContext(), app.MemberFilter{Page: app.Page{Number: 1, Size: 500}})
	names := map[string]string{}
	for _, m := range members {
		names[m.ID] = m.Name
	}
	return names, members, err
}

func (s *Server) adminUsersPage(c *fiber.Ctx) error {
	users, total, err := s.deps.Users.List(c.UserContext(), app.UserFilter{Page: app.Page{Number: 1, Size: 1000}})
	if err != nil {
		return err
	}
	names, _, err := s.memberNames(c)
	if err != nil {
		return err
	}
	p := adminUsersPage{Layout: s.layout(c, "users.title"), Total: total}
	for _, u := range users {
		p.Users = append(p.Users, userRow{User: u, RoleKey: "role." + string(u.Role), MemberName: names[u.MemberID],
			Invited: !u.HasPassword()})
	}
	return s.render(c, fiber.StatusOK, "admin_users", p)
}

type userFormPage struct {
	Layout
	Heading, Action, Email     string
	Editing                    bool
	Invited                    bool   // the user has not yet chosen a password
	InviteAction               string // where the admin sends a new invitation
	Form                       *Form
	RoleOptions, MemberOptions []Option
}

func (s *Server) userForm(c *fiber.Ctx, u *app.User) (userFormPage, error) {
	p := userFormPage{Layout: s.layout(c, "users.new"), Action: "/admin/anvandare/ny"}
	p.Form = s.newForm(p.Layout)
	p.Form.Values["role"] = string(app.RoleMember)
	if u != nil {
		p.Layout.Title = p.T("users.edit")
		p.Action, p.Editing, p.Email = "/admin/anvandare/"+u.ID, true, u.Email
		p.Invited, p.InviteAction = !u.HasPassword(), "/admin/anvandare/"+u.ID+"/inbjudan"
		p.Form.Values = map[string]string{"name": u.Name, "title": u.Title, "role": string(u.Role),
			"member_id": u.MemberID, "may_sign": strconv.FormatBool(u.MaySign), "active": strconv.FormatBool(u.Active)}
	}
	p.Heading = p.Title
	for _, r := range []app.Role{app.RoleMember, app.RoleSecretariat, app.RoleAdmin} {
		p.RoleOptions = append(p.RoleOptions, Option{Value: string(r), Label: p.T("role." + string(r))})
	}
	_, members, err := s.memberNames(c)
	p.MemberOptions = []Option{{Value: "", Label: p.T("users.no_member")}}
	for _, m := range members {
		p.MemberOptions = append(p.MemberOptions, contentOption(m.ID, m.Name))
	}
	return p, err
}

func (s *Server) adminUserNewPage(c *fiber.Ctx) error {
	p, err := s.userForm(c, nil)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "admin_user_form", p)
}

func (s *Server) adminUserEditPage(c *fiber.Ctx) error {
	u, err := s.deps.Users.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	p, err := s.userForm(c, u)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "admin_user_form", p)
}

var userFormFields = []string{"email", "name", "title", "role", "member_id", "may_sign", "active", "invite"}

func (s *Server) adminUserCreate(c *fiber.Ctx) error {
	in := userCreateInput{Email: c.FormValue("email"), Name: c.FormValue("name"), Title: c.FormValue("title"),
		Role: c.FormValue("role"), MemberID: c.FormValue("member_id"), MaySign: c.FormValue("may_sign") == "true",
		Password: bodyValue(c, "password"), Invite: c.FormValue("invite") == "true"}
	err := validateStruct(c, &in)
	var u *app.User
	if err == nil {
		u, err = s.createUser(c, in)
	}
	switch {
	case err == nil && !in.Invite:
		return s.redirectWithFlash(c, "/admin/anvandare", "users.created")
	case err == nil && s.sendInvitation(c, u):
		return s.redirectWithFlash(c, "/admin/anvandare", "accounts.invite.created")
	case err == nil:
		return s.redirectWithFlash(c, "/admin/anvandare/"+u.ID, "accounts.invite.created_not_sent")
	}
	p, perr := s.userForm(c, nil)
	if perr != nil {
		return perr
	}
	return s.rerender(c, err, "admin_user_form", &p, p.Form, formValues(c, userFormFields...))
}

func (s *Server) adminUserUpdate(c *fiber.Ctx) error {
	u, err := s.deps.Users.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	name, title, role, member := c.FormValue("name"), c.FormValue("title"), c.FormValue("role"), c.FormValue("member_id")
	maySign, active := c.FormValue("may_sign") == "true", c.FormValue("active") == "true"
	in := userPatchInput{Name: &name, Title: &title, Role: &role, MemberID: &member, MaySign: &maySign, Active: &active}
	if pw := bodyValue(c, "password"); pw != "" {
		in.Password = &pw
	}
	err = validateStruct(c, &in)
	if err == nil {
		_, err = s.updateUser(c, u.ID, in)
	}
	if err == nil {
		return s.redirectWithFlash(c, "/admin/anvandare", "users.saved")
	}
	p, perr := s.userForm(c, u)
	if perr != nil {
		return perr
	}
	return s.rerender(c, err, "admin_user_form", &p, p.Form, formValues(c, userFormFields...))
}
