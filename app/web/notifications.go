package web

import (
	"context"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// notificationRoutes: the signed-in user's own notifications, as JSON and
// as the inbox page, and following a statement.
func (s *Server) notificationRoutes(a fiber.Router, api fiber.Router) {
	api.Get("/notifications", requireUser, s.apiNotifications)
	api.Post("/notifications/read", requireUser, s.apiNotificationsRead)
	api.Get("/mentions", requireUser, s.apiMentions)
	a.Get("/internt/notiser", requireUser, s.inboxPage)
	a.Post("/internt/notiser/las", requireUser, s.inboxReadForm)
	a.Post("/internt/bevaka", requireUser, s.followForm)
}

// notificationOut is a notification in the API, in the request's language.
type notificationOut struct {
	ID        string     `json:"id"`
	Kind      string     `json:"kind"`
	Title     string     `json:"title"`
	Body      string     `json:"body"`
	URL       string     `json:"url"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at"`
}

type notificationsOut struct {
	Items  []notificationOut `json:"items"`
	Total  int               `json:"total"`
	Unread int               `json:"unread"`
}

func (s *Server) notificationJSON(c *fiber.Ctx, n *app.Notification) notificationOut {
	msgs := s.messages(c)
	out := notificationOut{ID: n.ID, Kind: string(n.Kind), Title: translate(msgs, n.Title), Body: translate(msgs, n.Body),
		URL: n.URL, CreatedAt: n.CreatedAt}
	if !n.ReadAt.IsZero() {
		out.ReadAt = &n.ReadAt
	}
	return out
}

// apiNotifications: GET /api/v1/notifications[?unread=true].
func (s *Server) apiNotifications(c *fiber.Ctx) error {
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	unread, err := boolParam(c.Query("unread"))
	if err != nil {
		return err
	}
	l, err := s.deps.Notifications.List(c.UserContext(), currentUser(c), unread, page)
	if err != nil {
		return err
	}
	out := notificationsOut{Items: make([]notificationOut, len(l.Items)), Total: l.Total, Unread: l.Unread}
	for i, n := range l.Items {
		out.Items[i] = s.notificationJSON(c, n)
	}
	return c.JSON(out)
}

func boolParam(v string) (bool, error) {
	switch v {
	case "", "false", "0":
		return false, nil
	case "true", "1":
		return true, nil
	}
	return false, app.FieldError("unread", app.Msg("error.field.one_of", "allowed", "true, false"))
}

type readIn struct {
	IDs []string `json:"ids" validate:"max=500,dive,max=64"`
	All bool     `json:"all"`
}

type readOut struct {
	Marked int `json:"marked"`
	Unread int `json:"unread"`
}

// apiNotificationsRead: POST /api/v1/notifications/read {ids} or {all}.
func (s *Server) apiNotificationsRead(c *fiber.Ctx) error {
	var in readIn
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	return s.markRead(c, in.IDs, in.All, func(n, unread int) error {
		return c.JSON(readOut{Marked: n, Unread: unread})
	})
}

func (s *Server) markRead(c *fiber.Ctx, ids []string, all bool, answer func(n, unread int) error) error {
	ctx, u := c.UserContext(), currentUser(c)
	n, err := s.deps.Notifications.MarkAsRead(ctx, u, ids, all)
	if err != nil {
		return err
	}
	unread, err := s.deps.Notifications.Unread(ctx, u)
	if err != nil {
		return err
	}
	return answer(n, unread)
}

type inboxPage struct {
	Layout
	Items      []inboxItem
	Total      int
	UnreadOnly bool
	PrevURL    string
	NextURL    string
}

type inboxItem struct {
	ID, URL, At, AtISO, KindLabel string
	TitleHTML, BodyHTML           template.HTML // translated, the titles and names in them marked as Swedish
	Unread                        bool
}

// inboxPage: /internt/notiser lists the user's notifications, newest
// first, unread ones marked; ?olasta=1 shows only those.
func (s *Server) inboxPage(c *fiber.Ctx) error {
	p := inboxPage{Layout: s.layout(c, "inbox.title"), UnreadOnly: c.Query("olasta") == "1"}
	n, _ := strconv.Atoi(c.Query("sida"))
	page, err := app.NormalPage(max(n, 1), 30)
	if err != nil {
		return err
	}
	l, err := s.deps.Notifications.List(c.UserContext(), currentUser(c), p.UnreadOnly, page)
	if err != nil {
		return err
	}
	p.Total = l.Total
	for _, n := range l.Items {
		p.Items = append(p.Items, inboxItemOf(p.Layout, n))
	}
	link := func(n int) string {
		q := url.Values{"sida": {strconv.Itoa(n)}}
		if p.UnreadOnly {
			q.Set("olasta", "1")
		}
		return "/internt/notiser?" + q.Encode()
	}
	if page.Number > 1 {
		p.PrevURL = link(page.Number - 1)
	}
	if page.Number*page.Size < l.Total {
		p.NextURL = link(page.Number + 1)
	}
	return s.render(c, fiber.StatusOK, "inbox", p)
}

// inboxReadForm marks one notification (id) or all of them read, then
// goes to the notification's page (go) or back to the inbox.
func (s *Server) inboxReadForm(c *fiber.Ctx) error {
	id, all := c.FormValue("id"), c.FormValue("all") == "1"
	var ids []string
	if id != "" {
		ids = []string{id}
	}
	return s.markRead(c, ids, all, func(int, int) error {
		if to := c.FormValue("go"); isLocalPath(to) {
			return c.Redirect(to, fiber.StatusSeeOther)
		}
		return s.redirectWithFlash(c, "/internt/notiser", "inbox.marked")
	})
}

// isLocalPath reports whether to is a path on this site, never another
// host ("//evil.example" or "/\evil.example" included).
func isLocalPath(to string) bool {
	return strings.HasPrefix(to, "/") && !strings.HasPrefix(to, "//") && !strings.ContainsAny(to, "\\\r\n")
}

// followForm: POST /internt/bevaka {type, id, on, back} follows or stops
// following a subject, then goes back.
func (s *Server) followForm(c *fiber.Ctx) error {
	sub := app.Subject{Type: c.FormValue("type"), ID: c.FormValue("id")}
	on := c.FormValue("on") == "1"
	if err := s.deps.Notifications.Follow(c.UserContext(), currentUser(c), sub, on); err != nil {
		return err
	}
	back := c.FormValue("back")
	if !isLocalPath(back) {
		back = "/oversikt"
	}
	key := "follow.off"
	if on {
		key = "follow.on"
	}
	return s.redirectWithFlash(c, back, key)
}

type mentionOut struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Title  string `json:"title"`
	Detail string `json:"detail"`
}

// apiMentions: GET /api/v1/mentions?q= suggests people to @mention.
func (s *Server) apiMentions(c *fiber.Ctx) error {
	people, err := s.deps.Notifications.Mentionable(c.UserContext(), currentUser(c), c.Query("q"))
	if err != nil {
		return err
	}
	msgs := s.messages(c)
	out := list[mentionOut]{Items: []mentionOut{}, Total: len(people)}
	for _, p := range people {
		out.Items = append(out.Items, mentionOut{ID: p.ID, Name: p.Name, Title: p.Title, Detail: translate(msgs, p.Detail)})
	}
	return c.JSON(out)
}

// followForm is a page's button to follow what it shows, or to stop.
type followForm struct {
	CSRFToken, Type, ID, Back string
	On                        bool // followed now
	Status, Button            string
}

func followOf(l Layout, sub app.Subject, back string, on bool) followForm {
	f := followForm{CSRFToken: l.CSRFToken, Type: sub.Type, ID: sub.ID, Back: back, On: on,
		Status: l.T("follow.not_following"), Button: l.T("follow.follow")}
	if on {
		f.Status, f.Button = l.T("follow.following"), l.T("follow.unfollow")
	}
	return f
}

// followFormOf is the follow button of subject for the signed-in user,
// who follows it when they chose to.
func (s *Server) followFormOf(ctx context.Context, viewer *app.User, l Layout, sub app.Subject, back string) (followForm, error) {
	on, err := s.deps.Notifications.FollowsSubject(ctx, viewer, sub)
	return followOf(l, sub, back, on), err
}
