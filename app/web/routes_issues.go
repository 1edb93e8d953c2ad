package web

import "github.com/gofiber/fiber/v2"

// issueRoutes registers the issue pages (on site) and API (on api).
func (s *Server) issueRoutes(site, api fiber.Router) {}
