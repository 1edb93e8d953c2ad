package web

import "github.com/gofiber/fiber/v2"

// statementRoutes registers the statement pages (on site) and API (on api).
func (s *Server) statementRoutes(site, api fiber.Router) {}
