package web

import "github.com/gofiber/fiber/v2"

// searchRoutes registers the search pages (on site) and API (on api).
// Both answer anyone from the public index; scope=internal needs a
// signed-in user (the handlers check, so the public form stays open).
func (s *Server) searchRoutes(site, api fiber.Router) {
	site.Get("/sok", s.searchPage)
	api.Get("/search", s.apiSearch)
}
