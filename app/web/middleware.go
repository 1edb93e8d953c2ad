package web

import (
	"bytes"
	"context"
	"crypto/subtle"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/helmet"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/gofiber/fiber/v2/middleware/requestid"
	"github.com/google/uuid"

	"github.com/samsyn/samsyn/app"
)

// Locals keys.
const (
	localUser    = "samsyn.user"
	localSession = "samsyn.session"
	localBearer  = "samsyn.bearer"
	localLang    = "samsyn.lang"
)

// csp allows our own scripts, styles and images only: no inline script.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

func (s *Server) middleware() {
	s.app.Use(requestid.New(requestid.Config{Generator: uuid.NewString}))
	s.app.Use(s.deadline)
	s.app.Use(s.observe)
	s.app.Use(recover.New())
	hsts := 0
	if strings.HasPrefix(s.cfg.BaseURL, "https://") {
		hsts = 63072000
	}
	s.app.Use(helmet.New(helmet.Config{
		ContentSecurityPolicy: csp, ReferrerPolicy: "strict-origin-when-cross-origin",
		XFrameOptions: "DENY", HSTSMaxAge: hsts, CrossOriginEmbedderPolicy: "unsafe-none",
		PermissionPolicy: "camera=(), microphone=(), geolocation=()",
	}))
	s.app.Use(s.language)
	s.app.Use(s.authenticate)
	s.app.Use(s.checkCSRF)
}

// deadline gives each request a context that ends after RequestTimeout.
func (s *Server) deadline(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.RequestTimeout)
	defer cancel()
	c.SetUserContext(ctx)
	return c.Next()
}

// language picks Swedish unless the visitor chose English (?lang=en, kept
// in a cookie).
func (s *Server) language(c *fiber.Ctx) error {
	lang := c.Cookies("lang")
	if q := c.Query("lang"); q == "sv" || q == "en" {
		lang = q
		c.Cookie(&fiber.Cookie{Name: "lang", Value: q, Path: "/", MaxAge: 365 * 24 * 3600,
			HTTPOnly: true, Secure: s.secure, SameSite: fiber.CookieSameSiteLaxMode})
	}
	if lang != "en" {
		lang = "sv"
	}
	c.Locals(localLang, lang)
	return c.Next()
}

func (s *Server) sessionCookieName() string {
	if s.secure {
		return "__Host-samsyn_session"
	}
	return "samsyn_session"
}

// authenticate resolves a bearer token or a session cookie to a user. A
// bad token is refused; a stale cookie is cleared and the visitor goes on
// anonymously. An Authorization header of another scheme (Basic from a
// proxy or a browser's memory) is not ours and is ignored: public pages
// stay public, and protected routes answer 401 as to anyone anonymous.
func (s *Server) authenticate(c *fiber.Ctx) error {
	if s.cfg.MetricsToken != "" && c.Path() == "/metrics" {
		return c.Next() // its bearer is the metrics token, checked there
	}
	ctx := c.UserContext()
	if token, ok := bearerToken(c.Get(fiber.HeaderAuthorization)); ok {
		u, err := s.deps.Accounts.TokenUser(ctx, token)
		if err != nil {
			return err
		}
		c.Locals(localUser, u)
		c.Locals(localBearer, true)
		return c.Next()
	}
	if secret := c.Cookies(s.sessionCookieName()); secret != "" {
		u, se, err := s.deps.Accounts.SessionUser(ctx, secret)
		switch app.ErrorCode(err) {
		case "":
			c.Locals(localUser, u)
			c.Locals(localSession, se)
		case app.EUNAUTHORIZED:
			s.clearSessionCookie(c)
		default:
			return err
		}
	}
	return c.Next()
}

// bearerToken is the token of an Authorization header of the Bearer scheme
// (the scheme's name in any case, RFC 9110 section 11.1).
func bearerToken(h string) (string, bool) {
	h = strings.TrimSpace(h)
	if len(h) < 6 || !strings.EqualFold(h[:6], "Bearer") || (len(h) > 6 && h[6] != ' ') {
		return "", false
	}
	return strings.TrimSpace(h[6:]), true
}

// checkCSRF refuses a state change made with a session cookie unless it
// carries the session's CSRF token (form field _csrf in the body, or
// X-CSRF-Token; never the query string). Anonymous form posts must match
// the anonymous CSRF cookie. Anonymous JSON goes on to the route: to the
// API, as cross-site forms cannot send it; to a page, whose guard answers
// 401 or 404 as to any anonymous caller, and the pages anonymous callers
// may post to refuse it (anonymousForm). Bearer-token requests carry no
// ambient credentials.
func (s *Server) checkCSRF(c *fiber.Ctx) error {
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return c.Next()
	}
	if c.Locals(localBearer) != nil {
		return c.Next()
	}
	want := ""
	if se := currentSession(c); se != nil {
		want = se.CSRFToken
	} else if !isJSONRequest(c) {
		want = c.Cookies(anonCSRFCookie)
	} else {
		return c.Next() // JSON without a session: see above
	}
	got := c.Get("X-CSRF-Token")
	if got == "" {
		got = bodyValue(c, "_csrf")
	}
	if want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return app.Errorf(app.EFORBIDDEN, "Formuläret har gått ut eller saknar CSRF-token. Ladda om sidan och försök igen.")
	}
	return c.Next()
}

const anonCSRFCookie = "samsyn_csrf"

// anonCSRF returns the anonymous visitor's CSRF token, setting the cookie
// when there is none.
func (s *Server) anonCSRF(c *fiber.Ctx) string {
	if t := c.Cookies(anonCSRFCookie); len(t) == 64 {
		return t
	}
	t := app.RandomToken(32)
	c.Cookie(&fiber.Cookie{Name: anonCSRFCookie, Value: t, Path: "/", HTTPOnly: true,
		Secure: s.secure, SameSite: fiber.CookieSameSiteStrictMode})
	return t
}

// anonymousForm guards the pages anonymous visitors post to (login,
// logout, password reset, invitations, accessibility feedback): the body
// must be form data, read from the body alone, and it must carry the
// anonymous CSRF token unless the visitor has a session (checkCSRF then
// checked the session's). A JSON body beside fields in the query string
// is refused, so a limiter and a handler can never read two different
// requests. TestAnonymousFormRoutesRefuseOtherBodies walks every route.
func anonymousForm(c *fiber.Ctx) error {
	if !isFormRequest(c) && !(len(c.Body()) == 0 && c.Get(fiber.HeaderContentType) == "") {
		return app.Errorf(app.EBADREQUEST, "error.request.form_only")
	}
	if currentSession(c) != nil || c.Locals(localBearer) != nil {
		return c.Next()
	}
	want, got := c.Cookies(anonCSRFCookie), bodyValue(c, "_csrf")
	if got == "" {
		got = c.Get("X-CSRF-Token")
	}
	if want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return app.Errorf(app.EFORBIDDEN, "Formuläret har gått ut eller saknar CSRF-token. Ladda om sidan och försök igen.")
	}
	return c.Next()
}

// isFormRequest reports whether the body is form data, as fasthttp reads
// it (its own content-type tests, so the two agree).
func isFormRequest(c *fiber.Ctx) bool {
	ct := c.Request().Header.ContentType()
	return bytes.HasPrefix(ct, []byte(fiber.MIMEApplicationForm)) || len(c.Request().Header.MultipartFormBoundary()) > 0
}

// bodyValue reads a form field from the request body only, never from
// the query string (c.FormValue reads the query string first).
func bodyValue(c *fiber.Ctx, key string) string {
	if v := c.Request().PostArgs().Peek(key); v != nil {
		return string(v)
	}
	if len(c.Request().Header.MultipartFormBoundary()) == 0 {
		return ""
	}
	if f, err := c.MultipartForm(); err == nil && len(f.Value[key]) > 0 {
		return f.Value[key][0]
	}
	return ""
}

// isAPIPath reports whether the request is to the JSON API (routing
// ignores case, and so does this).
func isAPIPath(c *fiber.Ctx) bool { return strings.HasPrefix(strings.ToLower(c.Path()), "/api/") }

func isJSONRequest(c *fiber.Ctx) bool {
	return strings.HasPrefix(strings.ToLower(c.Get(fiber.HeaderContentType)), fiber.MIMEApplicationJSON)
}

func currentUser(c *fiber.Ctx) *app.User {
	u, _ := c.Locals(localUser).(*app.User)
	return u
}

func currentSession(c *fiber.Ctx) *app.Session {
	se, _ := c.Locals(localSession).(*app.Session)
	return se
}

func currentLang(c *fiber.Ctx) string {
	l, _ := c.Locals(localLang).(string)
	if l == "" {
		return "sv"
	}
	return l
}

// requireUser answers 401 to anonymous callers (HTML GETs are sent to the
// login page instead).
func requireUser(c *fiber.Ctx) error {
	if currentUser(c) != nil {
		return c.Next()
	}
	if !wantsJSON(c) && c.Method() == fiber.MethodGet {
		return c.Redirect("/logga-in?next="+urlQueryEscape(c.OriginalURL()), fiber.StatusSeeOther)
	}
	return app.Errorf(app.EUNAUTHORIZED, "error.auth.login_required")
}

// requireRole lets through users with one of roles; others get 403.
func requireRole(roles ...app.Role) fiber.Handler {
	return func(c *fiber.Ctx) error {
		u := currentUser(c)
		if u == nil {
			return requireUser(c)
		}
		for _, r := range roles {
			if u.Role == r {
				return c.Next()
			}
		}
		return app.Errorf(app.EFORBIDDEN, "Du saknar behörighet för detta.")
	}
}

// observe logs each request once and counts it for /metrics. It logs the
// route pattern, never the raw path or query, which may hold secrets.
func (s *Server) observe(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	if err != nil {
		if herr := s.handleError(c, err); herr != nil {
			s.log.Error("error handler failed", "err", herr)
		}
	}
	route := c.Route().Path
	status := c.Response().StatusCode()
	elapsed := time.Since(start)
	s.metrics.observe(c.Method(), route, status, elapsed)
	attrs := []any{"method", c.Method(), "route", route, "status", status,
		"ms", elapsed.Milliseconds(), "request_id", c.GetRespHeader(fiber.HeaderXRequestID)}
	if u := currentUser(c); u != nil {
		attrs = append(attrs, "user_id", u.ID)
	}
	s.log.Info("request", attrs...)
	return nil
}

func itoa(n int) string { return strconv.Itoa(n) }
