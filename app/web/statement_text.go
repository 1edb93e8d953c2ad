package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// statementText: GET /stallningstaganden/{slug}.txt serves a published
// statement's canonical text (app.CanonicalText), exactly the bytes whose
// SHA-256 is the checksum the page shows and the signatures recorded, so
// that anyone can check it with sha256sum. Unpublished and withdrawn
// statements are 404.
func (s *Server) statementText(c *fiber.Ctx) error {
	st, err := s.downloadableStatement(c)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/plain; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+st.Slug+`.txt"`)
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set(fiber.HeaderCacheControl, "public, max-age=300")
	return c.Send(app.CanonicalText(st.Title, st.Summary, st.Body))
}
