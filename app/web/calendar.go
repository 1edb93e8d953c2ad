package web

import (
	"errors"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// calendarRoutes registers the private calendar feeds: the feed itself,
// fetched without a login by calendar programs, and the page and API where
// users create, re-create and revoke theirs.
func (s *Server) calendarRoutes(site, api fiber.Router) {
	site.Get("/calendar/:token.ics", s.calendarFeed)
	site.Get("/internt/kalender", requireUser, s.calendarPage)
	site.Post("/internt/kalender", requireUser, s.calendarCreateForm)
	site.Post("/internt/kalender/aterkalla", requireUser, s.calendarRevokeForm)
	api.Post("/me/calendar", requireUser, s.apiCreateCalendar)
	api.Delete("/me/calendar", requireUser, s.apiRevokeCalendar)
}

// calendars wires the feed logic.
func (s *Server) calendars() (*app.Calendars, error) {
	if s.deps.Calendars == nil || s.deps.Calendars.Feeds == nil {
		return nil, errors.New("no calendar feed store configured")
	}
	return s.deps.Calendars, nil
}

func (s *Server) calendarURL(token string) string {
	return strings.TrimSuffix(s.cfg.BaseURL, "/") + "/calendar/" + token + ".ics"
}

// userCalendarURL is the address of u's feed, nil when u has none.
func (s *Server) userCalendarURL(c *fiber.Ctx, u *app.User) (*string, error) {
	cal, err := s.calendars()
	if err != nil {
		return nil, err
	}
	tok, err := cal.Token(c.UserContext(), u)
	switch {
	case app.ErrorCode(err) == app.ENOTFOUND:
		return nil, nil
	case err != nil:
		return nil, err
	}
	u2 := s.calendarURL(tok)
	return &u2, nil
}

// meOut is GET /api/v1/me: the user and the address of their calendar
// feed (null until they create one).
type meOut struct {
	userOut
	CalendarURL *string `json:"calendar_url"`
}

func (s *Server) meJSON(c *fiber.Ctx, u *app.User) (meOut, error) {
	url, err := s.userCalendarURL(c, u)
	return meOut{userOut: userJSON(u), CalendarURL: url}, err
}

type calendarOut struct {
	CalendarURL string `json:"calendar_url"`
}

// apiCreateCalendar: POST /api/v1/me/calendar gives the caller a new feed
// address; an earlier one stops working.
func (s *Server) apiCreateCalendar(c *fiber.Ctx) error {
	cal, err := s.calendars()
	if err != nil {
		return err
	}
	tok, err := cal.Create(c.UserContext(), currentUser(c))
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(calendarOut{CalendarURL: s.calendarURL(tok)})
}

// apiRevokeCalendar: DELETE /api/v1/me/calendar revokes the feed.
func (s *Server) apiRevokeCalendar(c *fiber.Ctx) error {
	cal, err := s.calendars()
	if err != nil {
		return err
	}
	if err := cal.Revoke(c.UserContext(), currentUser(c)); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

type calendarPageView struct {
	Layout
	FeedURL string
}

func (s *Server) calendarPage(c *fiber.Ctx) error {
	p := calendarPageView{Layout: s.layout(c, "calendar.title")}
	url, err := s.userCalendarURL(c, currentUser(c))
	if err != nil {
		return err
	}
	if url != nil {
		p.FeedURL = *url
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return s.render(c, fiber.StatusOK, "calendar", p)
}

func (s *Server) calendarCreateForm(c *fiber.Ctx) error {
	cal, err := s.calendars()
	if err != nil {
		return err
	}
	if _, err := cal.Create(c.UserContext(), currentUser(c)); err != nil {
		return err
	}
	return s.redirectWithFlash(c, "/internt/kalender", "calendar.created")
}

func (s *Server) calendarRevokeForm(c *fiber.Ctx) error {
	cal, err := s.calendars()
	if err != nil {
		return err
	}
	if err := cal.Revoke(c.UserContext(), currentUser(c)); err != nil {
		return err
	}
	return s.redirectWithFlash(c, "/internt/kalender", "calendar.revoked")
}

// calendarFeed: GET /calendar/{token}.ics. The token is the credential, so
// an unknown, revoked or malformed one is a plain 404. The request log
// shows the route pattern only, never the token.
func (s *Server) calendarFeed(c *fiber.Ctx) error {
	cal, err := s.calendars()
	if err != nil {
		return err
	}
	u, err := cal.UserOf(c.UserContext(), c.Params("token"))
	if err != nil {
		return err
	}
	events, err := cal.Events(c.UserContext(), u)
	if err != nil {
		return err
	}
	body := s.writeICS(events, s.cfg.NetworkName+" – remisser", s.deps.Clock.Now())
	c.Set(fiber.HeaderContentType, "text/calendar; charset=utf-8")
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	c.Set("X-Robots-Tag", "noindex")
	return c.SendString(body)
}

// writeICS writes events as an RFC 5545 calendar: CRLF line ends, lines
// folded at 75 octets, text escaped; every event lasts the whole day
// (DTSTART;VALUE=DATE, DTEND the next day), so it shows on its Stockholm
// date in every time zone.
func (s *Server) writeICS(events []app.CalendarEvent, name string, now time.Time) string {
	cal := ics.NewCalendarFor("Samsyn")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	cal.SetName(name)
	cal.SetXWRCalName(name)
	cal.SetXWRTimezone("Europe/Stockholm")
	cal.SetRefreshInterval("PT1H")
	base := strings.TrimSuffix(s.cfg.BaseURL, "/")
	for _, e := range events {
		ev := cal.AddEvent(e.UID)
		ev.SetDtStampTime(now)
		ev.SetAllDayStartAt(e.On.Time)
		ev.SetAllDayEndAt(e.On.AddDays(1).Time)
		ev.SetSummary(clean(e.Summary))
		ev.SetDescription(clean(e.Description))
		ev.SetURL(base + e.Path)
		ev.SetTimeTransparency(ics.TransparencyTransparent)
	}
	return cal.Serialize(ics.WithNewLineWindows)
}

// clean drops control characters (a CR or NUL has no place in a line)
// and keeps new lines, which the writer escapes.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' || r == 0x7f {
			return -1
		}
		return r
	}, s)
}
