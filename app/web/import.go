package web

import (
	"maps"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// importRoutes registers the intake of remisser from regeringen.se (staff)
// and the calendar feeds (see calendar.go).
func (s *Server) importRoutes(site, api fiber.Router) {
	staff := requireRole(app.RoleAdmin, app.RoleSecretariat)
	site.Get("/admin/import", staff, s.importPage)
	site.Post("/admin/import", staff, s.importForm)
	s.calendarRoutes(site, api)
}

type importPageView struct {
	Layout
	Form    *Form
	Results []importResultView
	Summary map[string]int
	Done    bool
	Changes []app.DeadlineChange // deadlines moved by imports lately
}

type importResultView struct {
	*app.ImportResult
	Href   string
	Reason string // translated
}

func (s *Server) newImportPage(c *fiber.Ctx) importPageView {
	p := importPageView{Layout: s.layout(c, "import.title")}
	p.Form = s.newForm(p.Layout)
	return p
}

// withChanges adds the deadlines moved by imports lately.
func (s *Server) withChanges(c *fiber.Ctx, p *importPageView) error {
	var err error
	p.Changes, err = s.deps.Imports.ChangedDeadlines(c.UserContext())
	return err
}

func (s *Server) importPage(c *fiber.Ctx) error {
	p := s.newImportPage(c)
	if err := s.withChanges(c, &p); err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "import", p)
}

// importForm reads an uploaded page or fetches one from regeringen.se,
// imports every remiss on it and shows what happened.
func (s *Server) importForm(c *fiber.Ctx) error {
	p := s.newImportPage(c)
	intakes, err := s.readImportPage(c)
	if err != nil {
		return s.rerender(c, err, "import", &p, p.Form, formValues(c, "remiss_url"))
	}
	results, err := s.deps.Imports.Import(c.UserContext(), currentUser(c), intakes)
	if err != nil {
		return err
	}
	p.Summary, p.Done = map[string]int{}, true
	for _, res := range results {
		v := importResultView{ImportResult: res, Reason: translate(s.messages(c), res.Reason)}
		switch {
		case res.ConsultationID != "":
			v.Href = "/internt/remisser/" + res.ConsultationID
		case res.TriageID != "":
			v.Href = "/internt/inkorg"
		}
		p.Results = append(p.Results, v)
		p.Summary[res.Outcome]++
	}
	if err := s.withChanges(c, &p); err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "import", p)
}

// readImportPage parses the uploaded file or the page at the given
// address; exactly one of them must be given.
func (s *Server) readImportPage(c *fiber.Ctx) ([]*app.RemissIntake, error) {
	rawURL := strings.TrimSpace(c.FormValue("remiss_url"))
	fh, _ := c.FormFile("remiss_file")
	if fh != nil && fh.Size == 0 {
		fh = nil
	}
	switch {
	case fh != nil && rawURL != "":
		return nil, app.FieldError("remiss_url", "Välj antingen en sparad sida eller en adress, inte båda.")
	case fh != nil:
		f, err := fh.Open()
		if err != nil {
			return nil, app.FieldError("remiss_file", "Filen kunde inte läsas.")
		}
		defer f.Close()
		intakes, err := s.deps.Imports.Parse(f)
		return intakes, onField(err, "remiss_file")
	case rawURL != "":
		intakes, err := s.deps.Imports.Fetch(c.UserContext(), rawURL)
		return intakes, onField(err, "remiss_url")
	}
	return nil, app.FieldError("remiss_file", "Välj en sparad sida från regeringen.se eller ange en adress.")
}

// onField puts the message of a parse or fetch error on the form field it
// came from: a fetch's own message about the address when it has one, else
// the error's message; other errors pass unchanged.
func onField(err error, field string) error {
	switch app.ErrorCode(err) {
	case app.EINVALID, app.ETOOLARGE:
		msg := app.ErrorMessage(err)
		if m, ok := app.ErrorFields(err)["url"]; ok {
			msg = m
		}
		if msg == app.MsgCheckFields { // say what is wrong, not where to look
			msg = firstField(app.ErrorFields(err), msg)
		}
		return &app.Error{Code: app.EINVALID, Message: msg, Fields: map[string]string{field: msg}}
	}
	return err
}

// firstField is the message of one of fields (sorted by name for a stable
// answer), else def.
func firstField(fields map[string]string, def string) string {
	keys := slices.Sorted(maps.Keys(fields))
	if len(keys) == 0 {
		return def
	}
	return fields[keys[0]]
}
