package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// consultationRoutes registers the consultation register, the members'
// board meetings and the secretariat's deadline watch: pages (on site) and
// API (on api). Every signed-in user reads; staff write consultations;
// a member user records its own member's meetings, staff any member's.
func (s *Server) consultationRoutes(site, api fiber.Router) {
	staff := requireRole(app.RoleAdmin, app.RoleSecretariat)

	api.Get("/consultations", requireUser, s.apiListConsultations)
	api.Post("/consultations", staff, s.apiCreateConsultation)
	api.Get("/consultations/:id", requireUser, s.apiGetConsultation)
	api.Patch("/consultations/:id", staff, s.apiPatchConsultation)
	api.Get("/deadlines", requireUser, s.apiDeadlines)
	api.Get("/meetings", requireUser, s.apiListMeetings)
	api.Post("/meetings", requireUser, s.apiCreateMeeting)
	api.Delete("/meetings/:id", requireUser, s.apiDeleteMeeting)

	in := "/internt/remisser"
	site.Get(in, requireUser, s.consultationListPage)
	site.Get(in+"/ny", staff, s.consultationNewPage)
	site.Post(in+"/ny", staff, s.consultationCreateForm)
	site.Get(in+"/:id", requireUser, s.consultationPage)
	site.Get(in+"/:id/redigera", staff, s.consultationEditPage)
	site.Post(in+"/:id/redigera", staff, s.consultationUpdateForm)
	site.Post(in+"/:id/status", staff, s.consultationStatusForm)
	site.Post(in+"/:id/ansvarig", staff, s.consultationResponsibleForm)
	site.Post(in+"/:id/anteckningar", staff, s.consultationNoteForm)
	site.Post(in+"/:id/skriv-svar", requireUser, s.consultationWriteResponse)
	site.Get("/internt/moten", requireUser, s.meetingsPage)
	site.Post("/internt/moten", requireUser, s.meetingCreateForm)
	site.Post("/internt/moten/:id/ta-bort", requireUser, s.meetingDeleteForm)
	site.Get("/internt/bevakning", staff, s.deadlineWatchPage)
}
