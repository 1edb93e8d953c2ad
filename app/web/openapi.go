package web

import (
	_ "embed"

	"github.com/gofiber/fiber/v2"
)

// openAPIDocument is the OpenAPI 3.1 description of everything under
// /api/v1. It is written by hand; a test checks that it is valid, that it
// names every registered route and that real answers match it.
//
//go:embed openapi/openapi.json
var openAPIDocument []byte

// OpenAPIDocument returns the embedded OpenAPI document (for tests and
// tools).
func OpenAPIDocument() []byte { return openAPIDocument }

// apiDocsRoutes registers the API's own description — the OpenAPI
// document and the readable page made from it — and the public calendar
// of open consultations. All are public.
func (s *Server) apiDocsRoutes(site, api fiber.Router) {
	api.Get("/openapi.json", s.openAPIJSON)
	site.Get("/api/docs", s.apiDocsPage)
	site.Get("/remisser.ics", s.publicCalendarFeed)
}

// openAPIJSON: GET /api/v1/openapi.json.
func (s *Server) openAPIJSON(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	c.Set(fiber.HeaderCacheControl, "public, max-age=300")
	return c.Send(openAPIDocument)
}
