package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// issueRoutes registers the advocacy issue pages (on site) and API (on
// api). Every signed-in user reads, public or not; staff write. Nothing
// here answers anonymous callers: the public issue page is elsewhere.
func (s *Server) issueRoutes(site, api fiber.Router) {
	staff := requireRole(app.RoleAdmin, app.RoleSecretariat)

	api.Get("/issues", requireUser, s.apiListIssues)
	api.Post("/issues", staff, s.apiCreateIssue)
	api.Get("/issues/:id", requireUser, s.apiGetIssue)
	api.Patch("/issues/:id", staff, s.apiPatchIssue)
	api.Post("/issues/:id/actions", staff, s.apiAddIssueAction)

	in := "/internt/fragor"
	site.Get(in, requireUser, s.issueListPage)
	site.Get(in+"/ny", staff, s.issueNewPage)
	site.Post(in+"/ny", staff, s.issueCreateForm)
	site.Get(in+"/:id", requireUser, s.issuePage)
	site.Get(in+"/:id/redigera", staff, s.issueEditPage)
	site.Post(in+"/:id/redigera", staff, s.issueUpdateForm)
	site.Post(in+"/:id/atgarder", staff, s.issueActionForm)
}
