package web

import (
	"github.com/gofiber/fiber/v2"
)

type healthAnswer struct {
	Status string `json:"status"`
	Store  string `json:"store,omitempty"`
	Search string `json:"search,omitempty"`
}

// healthz: the process is up.
func (s *Server) healthz(c *fiber.Ctx) error {
	return c.JSON(healthAnswer{Status: "ok"})
}

// readyz: the store answers (503 if not). The search engine is reported
// but does not make the app unready: writes succeed while it is down and
// the index catches up.
func (s *Server) readyz(c *fiber.Ctx) error {
	ans := healthAnswer{Status: "ok", Store: "ok", Search: "ok"}
	if err := s.deps.Ready(c.UserContext()); err != nil {
		s.log.Warn("readiness: store unreachable", "err", err)
		ans.Status, ans.Store = "unavailable", "unreachable"
		c.Status(fiber.StatusServiceUnavailable)
	}
	if s.deps.Search == nil {
		ans.Search = "off"
	} else if err := s.deps.Search.Ping(c.UserContext()); err != nil {
		s.log.Warn("readiness: search unreachable", "err", err)
		ans.Search = "unreachable"
	}
	return c.JSON(ans)
}
