package web

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/regeringen"
)

// importRoutes registers the intake of remisser from regeringen.se (staff)
// and the calendar feeds (see calendar.go).
func (s *Server) importRoutes(site, api fiber.Router) {
	staff := requireRole(app.RoleAdmin, app.RoleSecretariat)
	site.Get("/admin/import", staff, s.importPage)
	site.Post("/admin/import", staff, s.importForm)
	s.calendarRoutes(site, api)
}

// importLog is the log of what imports saw.
func (s *Server) importLog() (app.ImportLog, error) {
	if s.deps.Imports == nil {
		return nil, errors.New("no import log configured")
	}
	return s.deps.Imports, nil
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
	imports, err := s.importLog()
	if err != nil {
		return err
	}
	p.Changes, err = app.ChangedDeadlines(c.UserContext(), imports, s.deps.Consultations, s.deps.Clock.Now().Add(-importSince))
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
	page, err := s.readImportPage(c)
	if err != nil {
		return s.rerender(c, err, "import", &p, p.Form, formValues(c, "remiss_url"))
	}
	imports, err := s.importLog()
	if err != nil {
		return err
	}
	im := &app.RemissImporter{Consultations: s.deps.Consultations, Imports: imports, Audit: s.deps.Audit, Actor: currentUser(c)}
	p.Summary, p.Done = map[string]int{}, true
	for _, r := range page.Remisser {
		res, err := im.Import(c.UserContext(), r.Intake(), s.deps.Clock.Now())
		if err != nil {
			return err
		}
		v := importResultView{ImportResult: res, Reason: translate(s.messages(c), res.Reason)}
		if res.ConsultationID != "" {
			v.Href = "/internt/remisser/" + res.ConsultationID
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
func (s *Server) readImportPage(c *fiber.Ctx) (*regeringen.Page, error) {
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
		page, err := regeringen.Parse(f, nil)
		return page, onField(err, "remiss_file")
	case rawURL != "":
		if !regeringen.OnRegeringen(rawURL) {
			return nil, app.FieldError("remiss_url", "Ange en adress på https://www.regeringen.se/.")
		}
		page, err := regeringen.Fetch(c.UserContext(), regeringenClient, rawURL)
		return page, onField(err, "remiss_url")
	}
	return nil, app.FieldError("remiss_file", "Välj en sparad sida från regeringen.se eller ange en adress.")
}

// onField puts the message of a parse error on the form field it came
// from; other errors pass unchanged.
func onField(err error, field string) error {
	switch app.ErrorCode(err) {
	case app.EINVALID, app.ETOOLARGE:
		return app.FieldError(field, app.ErrorMessage(err))
	}
	return err
}

// regeringenClient fetches pages from regeringen.se and follows redirects
// only within it.
var regeringenClient = &http.Client{
	Timeout: regeringen.FetchTimeout,
	CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 || !regeringen.OnRegeringen(req.URL.String()) {
			return errors.New("redirect away from regeringen.se")
		}
		return nil
	},
}

// importSince is how far back the import page and the dashboard look for
// moved deadlines.
const importSince = 30 * 24 * time.Hour
