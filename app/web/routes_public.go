package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// publicRoutes registers the public face of the network and the
// secretariat's overviews behind it: the consultation archive and its
// outcomes, public issues and their standing positions, member pages,
// participation, and the accessibility statement with its feedback.
// Public pages show published things only (DESIGN.md rule 1); the rule of
// what a consultation may show is in app/archive.go.
func (s *Server) publicRoutes(site, api fiber.Router) {
	staff := requireRole(app.RoleAdmin, app.RoleSecretariat)

	site.Get("/remisser", s.archivePage)
	site.Get("/fragor", s.publicIssuesPage)
	site.Get("/fragor/:slug", s.publicIssuePage)
	site.Get("/medlemmar", s.publicMembersPage)
	site.Get("/medlemmar/:slug", s.publicMemberPage)
	site.Get("/deltagande", s.participationPage(true))
	site.Get("/tillganglighet", s.accessibilityPage)
	site.Post("/tillganglighet", anonymousForm, s.accessibilityFeedbackForm)

	site.Get("/internt/deltagande", staff, s.participationPage(false))
	site.Post("/internt/deltagande/dolj", staff, s.participationHideForm)
	site.Post("/internt/deltagande/:id/visa", staff, s.participationShowForm)
	site.Get("/internt/tillganglighet-synpunkter", staff, s.feedbackListPage)
	site.Get("/internt/remisser/:id/utfall", staff, s.outcomePage)
	site.Post("/internt/remisser/:id/utfall", staff, s.outcomeForm)
	site.Post("/internt/remisser/:id/utfall/handelse", staff, s.followUpForm)
	site.Get("/internt/fragor/:id/positioner", requireUser, s.positionsPage)
	site.Post("/internt/fragor/:id/positioner", staff, s.positionCreateForm)
	site.Post("/internt/fragor/:id/positioner/:pid", staff, s.positionUpdateForm)
	site.Post("/internt/fragor/:id/positioner/:pid/anvand", staff, s.positionUseForm)
	site.Get("/internt/stallningstaganden/:id/positioner", hideFromAnonymous, s.draftPositionsPage)

	api.Get("/issues/:id/positions", requireUser, s.apiIssuePositions)
	api.Get("/statements/:id/positions", hideFromAnonymous, s.apiStatementPositions)
}
