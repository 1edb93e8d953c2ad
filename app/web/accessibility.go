package web

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// accessibilityPage is the accessibility statement
// (tillgänglighetsredogörelse) after the model of the Swedish Agency for
// Digital Government (DIGG), with a form for reporting barriers. What the
// form sends is stored and read by the secretariat.
type accessibilityPage struct {
	Layout
	Form  *Form
	Tests a11yTests
}

func (s *Server) accessibilityForm(c *fiber.Ctx) (accessibilityPage, error) {
	p := accessibilityPage{Layout: s.layout(c, "public.a11y.title")}
	p.Form = s.newForm(p.Layout)
	p.Form.Values["page"] = c.Query("sida")
	reports, err := loadA11yReports()
	p.Tests = newA11yTests(reports)
	return p, err
}

func (s *Server) accessibilityPage(c *fiber.Ctx) error {
	p, err := s.accessibilityForm(c)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "accessibility", p)
}

func (s *Server) accessibilityFeedbackForm(c *fiber.Ctx) error {
	values := formValues(c, "page", "message", "name", "email")
	if c.FormValue("website") != "" { // a field people never see: only robots fill it in
		return s.redirectWithFlash(c, "/tillganglighet#synpunkter", "public.a11y.thanks")
	}
	_, err := s.deps.Feedback.Add(c.UserContext(), values["page"], values["message"], values["name"], values["email"], currentLang(c))
	if err == nil {
		return s.redirectWithFlash(c, "/tillganglighet#synpunkter", "public.a11y.thanks")
	}
	p, perr := s.accessibilityForm(c)
	if perr != nil {
		return perr
	}
	return s.rerender(c, err, "accessibility", &p, p.Form, values)
}

// feedbackListPage shows the secretariat what visitors reported.
type feedbackListPage struct {
	Layout
	Items []feedbackRow
	Total int
}

type feedbackRow struct {
	At, AtISO, Page, Message, Name, Email, Lang string
}

func (s *Server) feedbackListPage(c *fiber.Ctx) error {
	items, total, err := s.deps.Feedback.List(c.UserContext(), app.Page{Number: 1, Size: 200})
	if err != nil {
		return err
	}
	p := feedbackListPage{Layout: s.layout(c, "public.feedback.title"), Total: total}
	for _, f := range items {
		local := f.CreatedAt.In(app.Stockholm)
		p.Items = append(p.Items, feedbackRow{At: local.Format("2006-01-02 15:04"), AtISO: local.Format(time.RFC3339),
			Page: f.Page, Message: f.Message, Name: f.Name, Email: f.Email, Lang: f.Lang})
	}
	return s.render(c, fiber.StatusOK, "accessibility_feedback", p)
}
