package web

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/limiter"

	"github.com/samsyn/samsyn/app"
)

// accountRoutes registers password reset and invitations: the anonymous
// pages reached from the login page and from e-mailed links, and the
// admin's invitation of a user.
func (s *Server) accountRoutes(site, api fiber.Router, admin fiber.Handler) {
	req := s.resetRequestLimiters()
	use := s.linkLimiter()
	site.Get("/glomt-losenord", s.forgotPage)
	site.Post("/glomt-losenord", anonymousForm, readAttempt, req[0], req[1], s.handled(s.forgotForm))
	for _, p := range []app.LinkPurpose{app.LinkReset, app.LinkInvite} {
		site.Get(p.Path()+":token", s.linkPage(p))
		site.Post(p.Path()+":token", anonymousForm, use, s.handled(s.linkForm(p)))
	}
	site.Post("/admin/anvandare/:id/inbjudan", admin, s.adminUserInvite)
	api.Post("/users/:id/invitation", admin, s.apiInviteUser)
}

// accountLinks is the link service.
func (s *Server) accountLinks() *app.AccountLinks { return s.deps.AccountLinks }

// resetRequestLimiters throttle reset requests like logins: per e-mail
// address, and five times as many per client IP. Only accepted requests
// count (each may send a mail); a form with errors sends nothing.
func (s *Server) resetRequestLimiters() [2]fiber.Handler {
	return s.accountLimiters("reset:", "reset-ip:", limiter.Config{SkipFailedRequests: true},
		"För många begäranden om nytt lösenord. Vänta en stund och försök igen.")
}

// linkLimiter throttles failed uses of links (unknown links, rejected
// passwords) per client IP, as many as failed logins per IP.
func (s *Server) linkLimiter() fiber.Handler {
	return limiter.New(limiter.Config{Max: 5 * s.cfg.LoginLimit, Expiration: s.cfg.LoginWindow,
		SkipSuccessfulRequests: true, KeyGenerator: func(c *fiber.Ctx) string { return "link-ip:" + s.clientIP(c) },
		LimitReached: func(c *fiber.Ctx) error {
			return app.Errorf(app.ERATELIMITED, "För många försök. Vänta en stund och försök igen.")
		}})
}

// background runs f after the answer, with its own deadline, so that how
// long a request takes tells nothing about what f found. Shutdown waits
// for it. f must not touch the Fiber context.
func (s *Server) background(f func(ctx context.Context)) {
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		f(ctx)
	}()
}

// waitBackground waits for background work, at most until ctx ends.
func (s *Server) waitBackground(ctx context.Context) {
	done := make(chan struct{})
	go func() {
		s.bg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
	}
}

// noStore keeps a page with a secret in its address out of caches and
// Referer headers.
func noStore(c *fiber.Ctx) {
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set("Referrer-Policy", "no-referrer")
}
