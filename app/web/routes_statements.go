package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// statementRoutes registers the statement pages (on site) and API (on api).
// Anything about one statement answers 404, never 401 or 403, to anonymous
// callers unless it is published: nobody learns what exists without
// signing in. Staff-only actions answer 403 to signed-in members.
func (s *Server) statementRoutes(site, api fiber.Router) {
	staff := requireRole(app.RoleAdmin, app.RoleSecretariat)
	hide := hideFromAnonymous

	api.Get("/statements", s.apiListStatements)
	api.Post("/statements", requireUser, s.apiCreateStatement)
	api.Get("/statements/audit", hide, staff, s.apiStatementAudit)
	api.Post("/preview", requireUser, s.apiPreview)
	api.Get("/statements/:id", s.apiGetStatement)
	api.Patch("/statements/:id", hide, s.apiPatchStatement)
	api.Get("/statements/:id/revisions", hide, s.apiListRevisions)
	api.Get("/statements/:id/revisions/:n", hide, s.apiGetRevision)
	api.Post("/statements/:id/revisions/:n/restore", hide, s.apiRestore)
	api.Get("/statements/:id/diff", hide, s.apiDiff)
	api.Get("/statements/:id/comments", hide, s.apiListComments)
	api.Post("/statements/:id/comments", hide, s.apiCreateComment)
	api.Patch("/statements/:id/comments/:cid", hide, s.apiEditComment)
	api.Delete("/statements/:id/comments/:cid", hide, s.apiDeleteComment)
	api.Post("/statements/:id/comments/:cid/resolve", hide, s.apiResolveComment)
	api.Post("/statements/:id/comments/:cid/reopen", hide, s.apiReopenComment)
	api.Post("/statements/:id/presence", hide, s.apiPresence)
	api.Get("/statements/:id/suggestions", hide, s.apiSuggestions)
	api.Post("/statements/:id/suggestions", hide, s.apiSuggest)
	api.Post("/statements/:id/suggestions/:sid/accept", hide, s.apiAcceptSuggestion)
	api.Post("/statements/:id/suggestions/:sid/reject", hide, s.apiRejectSuggestion)
	api.Get("/statements/:id/signing", hide, s.apiBoard)
	api.Post("/statements/:id/signing", hide, staff, s.apiOpenSigning)
	api.Get("/statements/:id/signatures", hide, s.apiListSignatures)
	api.Post("/statements/:id/signatures", hide, s.apiSign)
	api.Post("/statements/:id/remind", hide, staff, s.apiRemind)
	api.Post("/statements/:id/publish", hide, staff, s.statementAction(publishStep))
	api.Post("/statements/:id/withdraw", hide, staff, s.statementAction(withdrawStep))
	api.Post("/statements/:id/reopen", hide, staff, s.statementAction(reopenStep))
	api.Put("/statements/:id/quorum", hide, staff, s.apiSetQuorum)
	api.Put("/statements/:id/reference", hide, staff, s.apiSetReference)
	api.Get("/statements/:id/audit", hide, staff, s.apiStatementAudit)

	site.Get("/stallningstaganden/:slug", s.publicStatementPage)
	in := "/internt/stallningstaganden"
	site.Get(in, requireUser, s.statementListPage)
	site.Get(in+"/ny", requireUser, s.statementNewPage)
	site.Post(in+"/ny", requireUser, s.statementCreateForm)
	site.Get(in+"/logg", hide, staff, s.statementLogPage)
	site.Get(in+"/:id", hide, s.statementPage)
	site.Post(in+"/:id", hide, s.statementSaveForm)
	site.Get(in+"/:id/versioner", hide, s.revisionsPage)
	site.Get(in+"/:id/versioner/:n", hide, s.revisionPage)
	site.Post(in+"/:id/versioner/:n/aterstall", hide, s.restoreForm)
	site.Get(in+"/:id/jamfor", hide, s.diffPage)
	site.Post(in+"/:id/kommentarer", hide, s.commentForm)
	site.Post(in+"/:id/kommentarer/:cid/lost", hide, s.resolveForm)
	site.Post(in+"/:id/kommentarer/:cid/ateroppna", hide, s.reopenThreadForm)
	site.Post(in+"/:id/kommentarer/:cid/andra", hide, s.editCommentForm)
	site.Post(in+"/:id/kommentarer/:cid/ta-bort", hide, s.deleteCommentForm)
	site.Post(in+"/:id/forslag", hide, s.suggestForm)
	site.Post(in+"/:id/forslag/:sid/godta", hide, s.decideSuggestionForm(true))
	site.Post(in+"/:id/forslag/:sid/avsla", hide, s.decideSuggestionForm(false))
	site.Get(in+"/:id/signering", hide, s.signingPage)
	site.Post(in+"/:id/signering", hide, s.signForm)
	site.Post(in+"/:id/signering/oppna", hide, staff, s.openSigningForm)
	site.Post(in+"/:id/paminn", hide, staff, s.remindForm)
	site.Post(in+"/:id/kvorum", hide, staff, s.quorumForm)
	site.Post(in+"/:id/diarienummer", hide, staff, s.referenceForm)
	for _, step := range []statementStep{publishStep, withdrawStep, reopenStep} {
		site.Get(in+"/:id/"+step.path, hide, staff, s.stepConfirmPage(step))
		site.Post(in+"/:id/"+step.path, hide, staff, s.stepForm(step))
	}
	site.Get(in+"/:id/logg", hide, staff, s.statementLogPage)
}
