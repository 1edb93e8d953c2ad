package web

import (
	"html/template"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// presenceOut is who else has the draft open now.
type presenceOut struct {
	Others []presentOut `json:"others"`
	Text   string       `json:"text"` // the sentence the editor shows
}

type presentOut struct {
	Name string `json:"name"`
}

// apiPresence: POST /api/v1/statements/{id}/presence, the editor's
// heartbeat every ten seconds; it answers who else has the draft open.
func (s *Server) apiPresence(c *fiber.Ctx) error {
	others, err := s.deps.Statements.HereNow(c.UserContext(), currentUser(c), c.Params("id"))
	if err != nil {
		return err
	}
	out := presenceOut{Others: []presentOut{}, Text: s.presenceText(c, others)}
	for _, p := range others {
		out.Others = append(out.Others, presentOut{Name: p.Name})
	}
	return c.JSON(out)
}

// presenceText says who else has the draft open, or that nobody has.
func (s *Server) presenceText(c *fiber.Ctx, others []app.Presence) string {
	label, names := s.presenceParts(c, others)
	if names == "" {
		return label
	}
	return label + " " + names
}

// presenceHTML is presenceText for the page, the names marked as Swedish
// on a page in another language.
func (s *Server) presenceHTML(c *fiber.Ctx, others []app.Presence) template.HTML {
	label, names := s.presenceParts(c, others)
	h := template.HTML(template.HTMLEscapeString(label)) // #nosec: escaped
	if names == "" {
		return h
	}
	return h + " " + markContent(currentLang(c) != contentLanguage, names)
}

// presenceParts are the sentence and the names it lists.
func (s *Server) presenceParts(c *fiber.Ctx, others []app.Presence) (label, names string) {
	m := s.views.messages[currentLang(c)]
	if len(others) == 0 {
		return m["presence.alone"], ""
	}
	list := make([]string, len(others))
	for i, p := range others {
		list[i] = p.Name
	}
	return m["presence.others"], strings.Join(list, ", ")
}
