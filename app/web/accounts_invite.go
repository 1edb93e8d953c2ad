package web

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// sendInvitation mails u an invitation link and reports whether it went
// out. The user exists either way; a failure is logged (never the link)
// and the admin can send the invitation again from the user's page.
func (s *Server) sendInvitation(c *fiber.Ctx, u *app.User) bool {
	if err := s.deps.Users.Invite(c.UserContext(), currentUser(c), u); err != nil {
		s.log.Error("invitation not sent", "user_id", u.ID, "err", err)
		return false
	}
	return true
}

// invite sends u a new invitation, answering a refused mail as 503.
func (s *Server) invite(c *fiber.Ctx, u *app.User) error {
	err := s.deps.Users.Invite(c.UserContext(), currentUser(c), u)
	if errors.Is(err, app.ErrMailNotSent) {
		s.log.Error("invitation not sent", "user_id", u.ID, "err", err)
		return app.Errorf(codeUnavailable, "Inbjudan kunde inte skickas: e-postservern tog inte emot den. Försök igen om en stund.")
	}
	if err != nil {
		return err
	}
	return nil
}

// adminUserInvite: POST /admin/anvandare/{id}/inbjudan sends the user a
// new invitation; older invitation links stop working.
func (s *Server) adminUserInvite(c *fiber.Ctx) error {
	u, err := s.deps.Users.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	err = s.invite(c, u)
	if err == nil {
		return s.redirectWithFlash(c, "/admin/anvandare/"+u.ID, "accounts.invite.sent")
	}
	p, perr := s.userForm(c, u)
	if perr != nil {
		return perr
	}
	return s.rerender(c, err, "admin_user_form", &p, p.Form, p.Form.Values)
}

// apiInviteUser: POST /api/v1/users/{id}/invitation → 204 when the
// invitation was mailed.
func (s *Server) apiInviteUser(c *fiber.Ctx) error {
	u, err := s.deps.Users.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	if err := s.invite(c, u); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// userCreatedOut answers POST /api/v1/users: the user, and with "invite"
// whether the invitation was mailed.
type userCreatedOut struct {
	userOut
	InvitationSent *bool `json:"invitation_sent,omitempty"`
}
