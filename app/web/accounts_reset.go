package web

import (
	"context"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// AccountField describes an input like Field, labelled from the accounts
// catalogue ("accounts.field.<name>", "accounts.hint.<name>"), with the
// autocomplete token given (new-password, username).
func (f *Form) AccountField(name, typ, autocomplete string, required bool) FieldView {
	v := f.Labelled("accounts", name, typ, required)
	v.Autocomplete = autocomplete
	return v
}

type forgotPage struct {
	Layout
	Form *Form
}

type forgotInput struct {
	Email string `form:"email" validate:"required,email,max=254"`
}

// forgotPage: GET /glomt-losenord asks for the account's e-mail address.
func (s *Server) forgotPage(c *fiber.Ctx) error {
	l := s.layout(c, "accounts.forgot.title")
	return s.render(c, fiber.StatusOK, "password_forgot", forgotPage{Layout: l, Form: s.newForm(l)})
}

// forgotForm: POST /glomt-losenord. A well-formed address always gets the
// same answer, at once: the look-up, and the mail if the account exists
// and is active, happen after the answer, so that neither the answer nor
// its timing tells whether the address has an account.
func (s *Server) forgotForm(c *fiber.Ctx) error {
	in := forgotInput{Email: strings.TrimSpace(attempt(c).Email)}
	if err := validateStruct(c, &in); err != nil {
		l := s.layout(c, "accounts.forgot.title")
		p := forgotPage{Layout: l, Form: s.newForm(l)}
		return s.rerender(c, err, "password_forgot", &p, p.Form, map[string]string{"email": in.Email})
	}
	email := strings.Clone(in.Email) // Fiber reuses the request's memory
	links := s.accountLinks()
	s.background(func(ctx context.Context) {
		if err := links.RequestReset(ctx, email); err != nil {
			s.log.Error("password reset request failed", "err", err)
		}
	})
	return s.redirectWithFlash(c, "/logga-in", "accounts.forgot.sent")
}

type passwordPage struct {
	Layout
	Form                          *Form
	Heading, Lead, Submit, Action string
	Email                         string
}

type invalidLinkPage struct {
	Layout
	Reset bool
}

// linkPage: GET /aterstall/{token} and /inbjudan/{token} show the form for
// the new password. Looking does not use the link up (mail scanners open
// links too).
func (s *Server) linkPage(purpose app.LinkPurpose) fiber.Handler {
	return func(c *fiber.Ctx) error {
		noStore(c)
		_, u, err := s.accountLinks().Check(c.UserContext(), c.Params("token"), purpose)
		if err != nil {
			return s.linkFailed(c, purpose, err)
		}
		return s.render(c, fiber.StatusOK, "account_password", s.passwordPage(c, purpose, u))
	}
}

type newPasswordInput struct {
	Password string `form:"password" validate:"required,max=128"`
	Confirm  string `form:"password_confirm" validate:"required,max=128"`
}

// linkForm: POST /aterstall/{token} and /inbjudan/{token} set the password
// and use the link up. A rejected password leaves the link usable.
func (s *Server) linkForm(purpose app.LinkPurpose) fiber.Handler {
	return func(c *fiber.Ctx) error {
		noStore(c)
		ctx, token, links := c.UserContext(), c.Params("token"), s.accountLinks()
		_, u, err := links.Check(ctx, token, purpose)
		if err != nil {
			return s.linkFailed(c, purpose, err)
		}
		in := newPasswordInput{Password: bodyValue(c, "password"), Confirm: bodyValue(c, "password_confirm")}
		err = validateStruct(c, &in)
		if err == nil && in.Password != in.Confirm {
			err = app.FieldError("password_confirm", s.views.messages[currentLang(c)]["accounts.error.mismatch"])
		}
		if err == nil {
			_, err = links.SetPassword(ctx, token, purpose, in.Password)
		}
		if err != nil {
			if app.ErrorCode(err) == app.ENOTFOUND {
				return s.linkFailed(c, purpose, err)
			}
			p := s.passwordPage(c, purpose, u)
			return s.rerender(c, err, "account_password", &p, p.Form, map[string]string{})
		}
		flash := "accounts.reset.done"
		if purpose == app.LinkInvite {
			flash = "accounts.invite.done"
		}
		return s.redirectWithFlash(c, "/logga-in", flash)
	}
}

func (s *Server) passwordPage(c *fiber.Ctx, purpose app.LinkPurpose, u *app.User) passwordPage {
	key := "accounts.reset"
	if purpose == app.LinkInvite {
		key = "accounts.invite"
	}
	l := s.layout(c, key+".title")
	return passwordPage{Layout: l, Form: s.newForm(l), Heading: l.Title, Lead: l.T(key + ".lead"),
		Submit: l.T(key + ".submit"), Action: purpose.Path() + c.Params("token"), Email: u.Email}
}

// linkFailed answers an unusable link with one page, 404, whatever the
// reason: unknown, used, expired, of the other purpose.
func (s *Server) linkFailed(c *fiber.Ctx, purpose app.LinkPurpose, err error) error {
	if app.ErrorCode(err) != app.ENOTFOUND {
		return err
	}
	p := invalidLinkPage{Layout: s.layout(c, "accounts.invalid.title"), Reset: purpose == app.LinkReset}
	return s.render(c, fiber.StatusNotFound, "account_link_invalid", p)
}
