package web

import (
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/limiter"

	"github.com/samsyn/samsyn/app"
)

// loginLimiters throttle failed logins (OWASP ASVS 2.2.1): per account,
// and five times as many per client IP. Successful logins do not count.
func (s *Server) loginLimiters() [2]fiber.Handler {
	return s.accountLimiters("acct:", "ip:", limiter.Config{SkipSuccessfulRequests: true},
		"För många misslyckade inloggningar. Vänta en stund och försök igen.")
}

// accountLimiters are a pair of limiters on the login budget: LoginLimit
// per e-mail address and five times as many per client IP (ipPrefix), in
// the order to run them. The address is the attempt's (readAttempt), the
// very one the handler then uses, keyed with acctPrefix. base says which
// requests count; msg is the answer once one is reached.
func (s *Server) accountLimiters(acctPrefix, ipPrefix string, base limiter.Config, msg string) [2]fiber.Handler {
	base.Expiration = s.cfg.LoginWindow
	base.LimitReached = func(c *fiber.Ctx) error { return app.Errorf(app.ERATELIMITED, "%s", msg) }
	perAccount, perIP := base, base
	perAccount.Max = s.cfg.LoginLimit
	perAccount.KeyGenerator = func(c *fiber.Ctx) string {
		return acctPrefix + strings.ToLower(strings.TrimSpace(attempt(c).Email))
	}
	perIP.Max = 5 * s.cfg.LoginLimit
	perIP.KeyGenerator = func(c *fiber.Ctx) string { return ipPrefix + s.clientIP(c) }
	return [2]fiber.Handler{limiter.New(perIP), limiter.New(perAccount)}
}

const localAttempt = "samsyn.attempt"

// readAttempt reads the address and password of a login or reset request
// once, from the body only (never the query string), before the limiters:
// they key on the address and the handler uses the same one, so the two
// cannot disagree. The API takes JSON; the forms take form data (the
// middleware refuses anything else on them).
func readAttempt(c *fiber.Ctx) error {
	var in loginInput
	if isAPIPath(c) {
		var body struct {
			Email    string `json:"email"`
			Password string `json:"password"`
		}
		if err := decodeJSON(c, &body); err != nil {
			return err
		}
		in = loginInput(body)
	} else {
		in = loginInput{Email: bodyValue(c, "email"), Password: bodyValue(c, "password")}
	}
	in.Email, in.Password = strings.Clone(in.Email), strings.Clone(in.Password)
	c.Locals(localAttempt, &in)
	return c.Next()
}

// attempt is the request's login attempt (readAttempt); empty when none.
func attempt(c *fiber.Ctx) loginInput {
	if in, ok := c.Locals(localAttempt).(*loginInput); ok {
		return *in
	}
	return loginInput{}
}

type loginInput struct {
	Email    string `json:"email" form:"email" validate:"required,max=254"`
	Password string `json:"password" form:"password" validate:"required,max=128"`
}

// startSession logs in and sets the session cookie; a fresh session id is
// issued at every login (ASVS 3.2.1).
func (s *Server) startSession(c *fiber.Ctx, in loginInput) (*app.User, *app.Session, error) {
	if old := c.Cookies(s.sessionCookieName()); old != "" {
		if err := s.deps.Accounts.Logout(c.UserContext(), old); err != nil {
			return nil, nil, err
		}
	}
	u, se, secret, err := s.deps.Accounts.Login(c.UserContext(), in.Email, in.Password)
	if err != nil {
		return nil, nil, err
	}
	c.Cookie(&fiber.Cookie{Name: s.sessionCookieName(), Value: secret, Path: "/", HTTPOnly: true,
		Secure: s.secure, SameSite: fiber.CookieSameSiteLaxMode,
		Expires: time.Now().Add(s.deps.Accounts.AbsoluteTimeout)})
	return u, se, nil
}

func (s *Server) clearSessionCookie(c *fiber.Ctx) {
	c.Cookie(&fiber.Cookie{Name: s.sessionCookieName(), Value: "", Path: "/", HTTPOnly: true,
		Secure: s.secure, SameSite: fiber.CookieSameSiteLaxMode, Expires: time.Unix(1, 0), MaxAge: -1})
}

type loginAnswer struct {
	User      userOut `json:"user"`
	CSRFToken string  `json:"csrf_token"`
}

// apiLogin: POST /api/v1/auth/login {email, password} → the user and the
// CSRF token to send with later cookie-authenticated changes.
func (s *Server) apiLogin(c *fiber.Ctx) error {
	in := attempt(c)
	if err := validateStruct(c, &in); err != nil {
		return err
	}
	u, se, err := s.startSession(c, in)
	if err != nil {
		return err
	}
	return c.JSON(loginAnswer{User: userJSON(u), CSRFToken: se.CSRFToken})
}

// apiLogout: POST /api/v1/auth/logout ends the session.
func (s *Server) apiLogout(c *fiber.Ctx) error {
	if err := s.deps.Accounts.Logout(c.UserContext(), c.Cookies(s.sessionCookieName())); err != nil {
		return err
	}
	s.clearSessionCookie(c)
	return c.SendStatus(fiber.StatusNoContent)
}

// apiMe: GET /api/v1/me.
func (s *Server) apiMe(c *fiber.Ctx) error {
	me, err := s.meJSON(c, currentUser(c)) // the user and calendar_url (calendar.go)
	if err != nil {
		return err
	}
	return c.JSON(me)
}

type loginPage struct {
	Layout
	Form *Form
	Next string
}

func (s *Server) loginPage(c *fiber.Ctx) error {
	if currentUser(c) != nil {
		return c.Redirect("/oversikt", fiber.StatusSeeOther)
	}
	l := s.layout(c, "login.title")
	return s.render(c, fiber.StatusOK, "login", loginPage{Layout: l, Form: s.newForm(l), Next: safeNext(c.Query("next"))})
}

func (s *Server) loginForm(c *fiber.Ctx) error {
	in := attempt(c)
	next := safeNext(bodyValue(c, "next"))
	err := validateStruct(c, &in)
	if err == nil {
		_, _, err = s.startSession(c, in)
	}
	if err == nil {
		return s.redirectWithFlash(c, next, "login.welcome")
	}
	switch app.ErrorCode(err) {
	case app.EINVALID, app.EUNAUTHORIZED:
	default:
		return err
	}
	l := s.layout(c, "login.title")
	p := loginPage{Layout: l, Form: s.newForm(l), Next: next}
	p.Form.Values["email"] = in.Email
	p.Form.setError(err)
	if _, ok := p.Form.Errors["_form"]; ok {
		p.Form.Errors = map[string]string{"email": s.errorMessage(c, err)}
	}
	status := fiber.StatusUnprocessableEntity
	if app.ErrorCode(err) == app.EUNAUTHORIZED {
		status = fiber.StatusUnauthorized
	}
	return s.render(c, status, "login", p)
}

func (s *Server) logoutForm(c *fiber.Ctx) error {
	if err := s.deps.Accounts.Logout(c.UserContext(), c.Cookies(s.sessionCookieName())); err != nil {
		return err
	}
	s.clearSessionCookie(c)
	return s.redirectWithFlash(c, "/", "login.logged_out")
}

// safeNext keeps a post-login redirect on this site.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if next == "" || err != nil || u.IsAbs() || u.Host != "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/oversikt"
	}
	return next
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }
