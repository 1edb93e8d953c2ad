package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

type userCreateInput struct {
	Email    string `json:"email" validate:"required,email,max=254"`
	Name     string `json:"name" validate:"required,max=120"`
	Title    string `json:"title" validate:"max=120"`
	Role     string `json:"role" validate:"required,oneof=admin secretariat member"`
	MemberID string `json:"member_id" validate:"max=64"`
	MaySign  bool   `json:"may_sign"`
	// Password is required unless Invite: then the user gets an e-mailed
	// link to choose one.
	Password string `json:"password" validate:"required_without=Invite,omitempty,min=12,max=128"`
	Invite   bool   `json:"invite"`
}

type userPatchInput struct {
	Name     *string `json:"name" validate:"omitnil,min=1,max=120"`
	Title    *string `json:"title" validate:"omitnil,max=120"`
	Role     *string `json:"role" validate:"omitnil,oneof=admin secretariat member"`
	MemberID *string `json:"member_id" validate:"omitnil,max=64"`
	MaySign  *bool   `json:"may_sign"`
	Active   *bool   `json:"active"`
	Password *string `json:"password" validate:"omitnil,min=12,max=128"`
	Version  *int    `json:"version"`
}

func (s *Server) apiListUsers(c *fiber.Ctx) error {
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	items, total, err := s.deps.Users.List(c.UserContext(), app.UserFilter{Page: page, MemberID: c.Query("member_id")})
	if err != nil {
		return err
	}
	return c.JSON(listJSON(items, total, userJSON))
}

// apiGetUser shows a user to staff, to the user, and to colleagues of the
// same member; to anyone else it does not exist.
func (s *Server) apiGetUser(c *fiber.Ctx) error {
	u, err := s.deps.Users.Visible(c.UserContext(), currentUser(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(userJSON(u))
}

func (s *Server) apiCreateUser(c *fiber.Ctx) error {
	var in userCreateInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	u, err := s.createUser(c, in)
	if err != nil {
		return err
	}
	out := userCreatedOut{userOut: userJSON(u)}
	if in.Invite {
		sent := s.sendInvitation(c, u)
		out.InvitationSent = &sent
	}
	c.Location("/api/v1/users/" + u.ID)
	return c.Status(fiber.StatusCreated).JSON(out)
}

func (s *Server) createUser(c *fiber.Ctx, in userCreateInput) (*app.User, error) {
	nin := app.NewUserInput{Email: in.Email, Name: in.Name, Title: in.Title, Password: in.Password,
		Role: app.Role(in.Role), MemberID: in.MemberID, MaySign: in.MaySign}
	return s.deps.Users.Create(c.UserContext(), currentUser(c), nin, in.Invite)
}

func (s *Server) apiUpdateUser(c *fiber.Ctx) error {
	var in userPatchInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	u, err := s.updateUser(c, c.Params("id"), in)
	if err != nil {
		return err
	}
	return c.JSON(userJSON(u))
}

func (s *Server) updateUser(c *fiber.Ctx, id string, in userPatchInput) (*app.User, error) {
	p := app.UserPatch{Version: in.Version, UserUpdate: app.UserUpdate{Name: in.Name, Title: in.Title,
		MemberID: in.MemberID, MaySign: in.MaySign, Active: in.Active, Password: in.Password}}
	if in.Role != nil {
		r := app.Role(*in.Role)
		p.Role = &r
	}
	return s.deps.Users.Update(c.UserContext(), currentUser(c), id, p)
}
