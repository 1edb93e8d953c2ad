package web

import (
	"context"
	"html/template"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// The secretariat's side of a consultation: its responsible officer, its
// internal notes, and "Skriv svar", which opens (or creates) the draft
// response linked to it.

// noteView is one internal note as the page shows it.
type noteView struct {
	Who, At, AtISO string
	HTML           template.HTML // rendered and sanitised
}

// ownership fills the responsible officer, the choices of one and the
// notes (staff only: notes are the secretariat's).
func (s *Server) ownership(ctx context.Context, p *consultationPage) error {
	p.NoteForm, p.ResponsibleForm = s.newForm(p.Layout), s.newForm(p.Layout)
	p.ResponsibleForm.Values["responsible_id"] = p.C.ResponsibleID
	if p.C.ResponsibleID != "" {
		if u, err := s.deps.Users.Get(ctx, p.C.ResponsibleID); err == nil {
			p.Responsible = u.Name
		}
	}
	if !p.CanEdit {
		return nil
	}
	staff, err := s.staffOptions(ctx, p.Layout)
	if err != nil {
		return err
	}
	p.StaffOptions = append([]Option{{Value: "", Label: p.T("consultations.no_responsible")}}, staff[1:]...)
	notes, err := s.deps.Consultations.Notes(ctx, p.C.ID)
	for _, n := range notes {
		local := n.CreatedAt.In(app.Stockholm)
		p.Notes = append(p.Notes, noteView{Who: n.AuthorName, At: local.Format("2006-01-02 15:04"),
			AtISO: local.Format("2006-01-02T15:04:05Z07:00"), HTML: renderMarkdown(n.Body)})
	}
	return err
}

// consultationResponsibleForm sets the responsible officer.
func (s *Server) consultationResponsibleForm(c *fiber.Ctx) error {
	who := c.FormValue("responsible_id")
	con, err := s.reviseConsultation(c, c.Params("id"), 0, func(in *app.ConsultationInput) { in.ResponsibleID = who })
	if err == nil {
		return s.redirectWithFlash(c, "/internt/remisser/"+con.ID, "consultations.responsible_saved")
	}
	return s.consultationFormFailed(c, err, func(p *consultationPage) *Form { return p.ResponsibleForm },
		map[string]string{"responsible_id": who})
}

// consultationNoteForm adds an internal note.
func (s *Server) consultationNoteForm(c *fiber.Ctx) error {
	body := c.FormValue("body")
	_, err := s.deps.Consultations.AddNote(c.UserContext(), currentUser(c), c.Params("id"), body)
	if err == nil {
		return s.redirectWithFlash(c, "/internt/remisser/"+c.Params("id")+"#anteckningar", "consultations.note_saved")
	}
	return s.consultationFormFailed(c, err, func(p *consultationPage) *Form { return p.NoteForm },
		map[string]string{"body": body})
}

// consultationFormFailed shows the consultation page again with a form's
// errors and values.
func (s *Server) consultationFormFailed(c *fiber.Ctx, err error, form func(*consultationPage) *Form, values map[string]string) error {
	code := app.ErrorCode(err)
	if code != app.EINVALID && code != app.ECONFLICT {
		return err
	}
	con, gerr := s.deps.Consultations.Get(c.UserContext(), c.Params("id"))
	if gerr != nil {
		return gerr
	}
	p, perr := s.consultationView(c, con)
	if perr != nil {
		return perr
	}
	return s.rerender(c, err, "consultation_detail", p, form(p), values)
}

// consultationWriteResponse is "Skriv svar": to the editor of the linked
// draft response, made now if there is none.
func (s *Server) consultationWriteResponse(c *fiber.Ctx) error {
	st, created, err := s.deps.Statements.WriteResponse(c.UserContext(), currentUser(c), c.Params("id"))
	if err != nil {
		return err
	}
	flash := "consultations.response_opened"
	if created {
		flash = "consultations.response_created"
	}
	return s.redirectWithFlash(c, "/internt/stallningstaganden/"+st.ID, flash)
}
