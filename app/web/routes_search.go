package web

import "github.com/gofiber/fiber/v2"

// searchRoutes registers the search pages (on site) and API (on api).
func (s *Server) searchRoutes(site, api fiber.Router) {}
