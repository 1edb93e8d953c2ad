package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// routes registers every route. The role each needs is stated here, in
// one place, and the role table test walks them.
func (s *Server) routes() {
	s.middleware()
	a := s.app
	staff := requireRole(app.RoleAdmin, app.RoleSecretariat)
	admin := requireRole(app.RoleAdmin)
	lim := s.loginLimiters()

	a.Get("/healthz", s.healthz)
	a.Get("/readyz", s.readyz)
	a.Get("/metrics", s.metricsHandler())
	a.Get("/static/*", s.serveAsset)

	a.Get("/", s.homePage)
	a.Get("/logga-in", s.loginPage)
	a.Post("/logga-in", anonymousForm, readAttempt, lim[0], lim[1], s.handled(s.loginForm))
	a.Post("/logga-ut", anonymousForm, s.logoutForm)
	a.Get("/oversikt", requireUser, s.dashboardPage)

	a.Get("/admin/medlemmar", admin, s.adminMembersPage)
	a.Get("/admin/medlemmar/ny", admin, s.adminMemberNewPage)
	a.Post("/admin/medlemmar/ny", admin, s.adminMemberCreate)
	a.Get("/admin/medlemmar/:id", admin, s.adminMemberEditPage)
	a.Post("/admin/medlemmar/:id", admin, s.adminMemberUpdate)
	a.Get("/admin/anvandare", admin, s.adminUsersPage)
	a.Get("/admin/anvandare/ny", admin, s.adminUserNewPage)
	a.Post("/admin/anvandare/ny", admin, s.adminUserCreate)
	a.Get("/admin/anvandare/:id", admin, s.adminUserEditPage)
	a.Post("/admin/anvandare/:id", admin, s.adminUserUpdate)

	s.feedRoutes(a)
	api := a.Group("/api/v1")
	api.Post("/auth/login", readAttempt, lim[0], lim[1], s.handled(s.apiLogin))
	api.Post("/auth/logout", s.apiLogout)
	api.Get("/me", requireUser, s.apiMe)
	api.Get("/members", requireUser, s.apiListMembers)
	api.Post("/members", admin, s.apiCreateMember)
	api.Get("/members/:id", requireUser, s.apiGetMember)
	api.Patch("/members/:id", admin, s.apiUpdateMember)
	api.Get("/users", staff, s.apiListUsers)
	api.Post("/users", admin, s.apiCreateUser)
	api.Get("/users/:id", requireUser, s.apiGetUser)
	api.Patch("/users/:id", admin, s.apiUpdateUser)
	s.accountRoutes(a, api, admin) // password reset and invitations
	s.consultationRoutes(a, api)
	s.issueRoutes(a, api)
	s.statementRoutes(a, api)
	s.searchRoutes(a, api)
	s.importRoutes(a, api)
	s.triageRoutes(a, api)
	s.auditLogRoutes(a)
	s.exportRoutes(a, api)
	s.publicRoutes(a, api)
	s.notifySettingsRoutes(a)
	s.publogRoutes(a)
	s.apiDocsRoutes(a, api)
	s.notificationRoutes(a, api)
	s.externalResponseRoutes(a, api)
	api.All("/*", s.apiNotFound)
}

// handled answers a handler's error on the spot, so that middleware
// wrapping it (the login limiters) sees the real status.
func (s *Server) handled(h fiber.Handler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if err := h(c); err != nil {
			return s.handleError(c, err)
		}
		return nil
	}
}
