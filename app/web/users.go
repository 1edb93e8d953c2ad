package web

import (
	"strconv"

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
	items, total, err := s.deps.Users.ListUsers(c.UserContext(), app.UserFilter{Page: page, MemberID: c.Query("member_id")})
	if err != nil {
		return err
	}
	return c.JSON(listJSON(items, total, userJSON))
}

// apiGetUser shows a user to staff, to the user, and to colleagues of the
// same member; to anyone else it does not exist.
func (s *Server) apiGetUser(c *fiber.Ctx) error {
	me := currentUser(c)
	u, err := s.deps.Users.UserByID(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	if !me.IsStaff() && me.ID != u.ID && (me.MemberID == "" || me.MemberID != u.MemberID) {
		return app.Errorf(app.ENOTFOUND, "Användaren finns inte.")
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
	if err := s.checkMemberExists(c, in.MemberID); err != nil {
		return nil, err
	}
	u, err := s.newUserFrom(in) // accounts_invite.go
	if err != nil {
		return nil, err
	}
	if err := s.deps.Users.CreateUser(c.UserContext(), u); err != nil {
		return nil, err
	}
	s.audit(c, currentUser(c), "user.create", "user", u.ID, "", "1")
	return u, nil
}

// checkMemberExists answers 422 when a member id is given but unknown.
func (s *Server) checkMemberExists(c *fiber.Ctx, id string) error {
	if id == "" {
		return nil
	}
	_, err := s.deps.Members.MemberByID(c.UserContext(), id)
	if app.ErrorCode(err) == app.ENOTFOUND {
		return app.FieldError("member_id", "Medlemmen finns inte.")
	}
	return err
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

// updateUser applies a patch. Deactivating a user, changing the role or
// the password ends all of that user's sessions and tokens.
func (s *Server) updateUser(c *fiber.Ctx, id string, in userPatchInput) (*app.User, error) {
	ctx := c.UserContext()
	old, err := s.deps.Users.UserByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if in.Version != nil && *in.Version != old.Version {
		return nil, app.Errorf(app.ECONFLICT, "Användaren har ändrats av någon annan (version %d). Läs in den igen.", old.Version)
	}
	if in.MemberID != nil {
		if err := s.checkMemberExists(c, *in.MemberID); err != nil {
			return nil, err
		}
	}
	up := app.UserUpdate{Name: in.Name, Title: in.Title, MemberID: in.MemberID, MaySign: in.MaySign,
		Active: in.Active, Password: in.Password}
	if in.Role != nil {
		r := app.Role(*in.Role)
		up.Role = &r
	}
	u, err := old.Apply(up)
	if err != nil {
		return nil, err
	}
	if me := currentUser(c); me != nil && me.ID == u.ID && (!u.Active || u.Role != old.Role) {
		return nil, app.FieldError("role", "Du kan inte inaktivera dig själv eller ändra din egen roll.")
	}
	u.UpdatedAt = s.deps.Clock.Now()
	if err := s.deps.Users.UpdateUser(ctx, u); err != nil {
		return nil, err
	}
	if !u.Active || u.Role != old.Role || u.PasswordHash != old.PasswordHash || u.MemberID != old.MemberID {
		if err := s.deps.Accounts.EndUserAccess(ctx, u.ID); err != nil {
			return nil, err
		}
	}
	if u.PasswordHash != old.PasswordHash { // outstanding reset and invitation links stop working
		if err := s.deps.AccountLinks.DeleteUserAccountLinks(ctx, u.ID, ""); err != nil {
			return nil, err
		}
	}
	s.audit(c, currentUser(c), "user.update", "user", u.ID, strconv.Itoa(old.Version), strconv.Itoa(u.Version))
	return u, nil
}
