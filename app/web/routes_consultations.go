package web

import "github.com/gofiber/fiber/v2"

// consultationRoutes registers the consultation pages (on site) and API (on api).
func (s *Server) consultationRoutes(site, api fiber.Router) {}
