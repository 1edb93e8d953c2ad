package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// notifySettingsRoutes registers the signed-in user's notification
// settings (/internt/installningar) and the page an e-mail's unsubscribe
// link opens (/avregistrera), which needs no login: its signed token is
// the credential.
func (s *Server) notifySettingsRoutes(site fiber.Router) {
	site.Get("/avregistrera", s.unsubscribePage)
	site.Post("/avregistrera", s.unsubscribeForm)
	site.Get("/internt/installningar", requireUser, s.settingsPage)
	site.Post("/internt/installningar", requireUser, s.settingsForm)
	site.Post("/internt/installningar/bevakningar", requireUser, s.unfollowForm)
}

// mailModes are the choices of each kind, in the order shown.
var mailModes = []app.MailMode{app.MailNone, app.MailNow, app.MailDigest}

type settingsView struct {
	Layout
	Form     *Form
	Mail     bool   // a mail server is configured
	MailTo   string // "E-post skickas till …"
	Langs    []modeChoice
	Kinds    []kindChoice
	Followed []followView
	Conflict bool
}

// kindChoice is one kind's radio group.
type kindChoice struct {
	Kind, Label string
	Modes       []modeChoice
}

type modeChoice struct {
	Value, Label string
	Checked      bool
}

// followView is one thing the user follows, with its unfollow form.
type followView struct {
	Type, TypeLabel, ID, Title, Href string
}

// settingsFormValues fills f with the stored choices: the language, the
// version and each kind's mail mode.
func settingsFormValues(f *Form, lang string, version int, mailFor func(app.NotifyKind) app.MailMode) {
	f.Values["lang"] = lang
	f.Values["version"] = strconv.Itoa(version)
	for _, k := range app.NotifyKinds {
		f.Values["mail."+string(k)] = string(mailFor(k))
	}
}

func (s *Server) settingsPage(c *fiber.Ctx) error {
	p, err := s.deps.Notifications.Prefs(c.UserContext(), currentUser(c))
	if err != nil {
		return err
	}
	l := s.layout(c, "settings.title")
	f := s.newForm(l)
	settingsFormValues(f, p.Language(), p.Version, p.MailFor)
	return s.renderSettings(c, fiber.StatusOK, l, f, false)
}

// renderSettings shows the form f (stored or as sent) and the follows.
func (s *Server) renderSettings(c *fiber.Ctx, status int, l Layout, f *Form, conflict bool) error {
	u := currentUser(c)
	v := settingsView{Layout: l, Form: f, Mail: s.deps.Notifications.Mail, Conflict: conflict}
	v.MailTo = translate(l.msgs, app.Msg("settings.mail_to", "email", u.Email))
	for _, lang := range []string{"sv", "en"} {
		v.Langs = append(v.Langs, modeChoice{Value: lang, Label: l.T("settings.lang." + lang), Checked: f.Values["lang"] == lang})
	}
	for _, k := range app.NotifyKinds {
		kc := kindChoice{Kind: string(k), Label: translate(l.msgs, app.NotifyKindLabel(k))}
		for _, m := range mailModes {
			kc.Modes = append(kc.Modes, modeChoice{Value: string(m), Label: l.T("settings.mode." + string(m)),
				Checked: f.Values["mail."+string(k)] == string(m)})
		}
		v.Kinds = append(v.Kinds, kc)
	}
	follows, err := s.followViews(c, l)
	if err != nil {
		return err
	}
	v.Followed = follows
	c.Set(fiber.HeaderCacheControl, "no-store")
	return s.render(c, status, "settings", v)
}

// followViews lists what the user chose to follow, each named by its
// title where it still exists.
func (s *Server) followViews(c *fiber.Ctx, l Layout) ([]followView, error) {
	fs, err := s.deps.Notifications.Followed(c.UserContext(), currentUser(c))
	if err != nil {
		return nil, err
	}
	var out []followView
	for _, f := range fs {
		v := followView{Type: f.Subject.Type, TypeLabel: l.T("settings.type." + f.Subject.Type), ID: f.Subject.ID, Title: f.Subject.ID}
		ctx := c.UserContext()
		switch f.Subject.Type {
		case "statement":
			if st, err := s.deps.Statements.Get(ctx, f.Subject.ID); err == nil {
				v.Title, v.Href = st.Title, "/internt/stallningstaganden/"+st.ID
			}
		case "issue":
			if i, err := s.deps.Issues.Get(ctx, f.Subject.ID); err == nil {
				v.Title, v.Href = i.Title, "/internt/fragor/"+i.ID
			}
		case "consultation":
			if cn, err := s.deps.Consultations.Get(ctx, f.Subject.ID); err == nil {
				v.Title, v.Href = cn.Title, "/internt/remisser/"+cn.ID
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// settingsForm saves the choices. Invalid ones come back with 422; a
// save over a change made meanwhile comes back with 409, the choices as
// sent, and the stored version, so that saving again keeps them.
func (s *Server) settingsForm(c *fiber.Ctx) error {
	l := s.layout(c, "settings.title")
	f := s.newForm(l)
	p, err := s.deps.Notifications.Prefs(c.UserContext(), currentUser(c)) // replaced by what was sent
	if err != nil {
		return err
	}
	p.Lang, p.Mail = c.FormValue("lang"), map[app.NotifyKind]app.MailMode{}
	f.Values["lang"] = p.Lang
	for _, k := range app.NotifyKinds {
		if m := c.FormValue("mail." + string(k)); m != "" {
			p.Mail[k] = app.MailMode(m)
			f.Values["mail."+string(k)] = m
		}
	}
	p.Version, _ = strconv.Atoi(c.FormValue("version"))
	f.Values["version"] = strconv.Itoa(p.Version)
	err = s.deps.Notifications.SavePrefs(c.UserContext(), currentUser(c), p)
	switch app.ErrorCode(err) {
	case "":
		return s.redirectWithFlash(c, "/internt/installningar", "settings.saved")
	case app.EINVALID:
		f.setError(err)
		return s.renderSettings(c, fiber.StatusUnprocessableEntity, l, f, false)
	case app.ECONFLICT:
		stored, rerr := s.deps.Notifications.Prefs(c.UserContext(), currentUser(c))
		if rerr != nil {
			return rerr
		}
		f.Values["version"] = strconv.Itoa(stored.Version)
		return s.renderSettings(c, fiber.StatusConflict, l, f, true)
	}
	return err
}

// unfollowForm stops following one subject.
func (s *Server) unfollowForm(c *fiber.Ctx) error {
	subject := app.Subject{Type: c.FormValue("type"), ID: c.FormValue("id")}
	if err := s.deps.Notifications.Follow(c.UserContext(), currentUser(c), subject, false); err != nil {
		return err
	}
	return s.redirectWithFlash(c, "/internt/installningar", "settings.unfollowed")
}

type unsubscribeView struct {
	Layout
	Token string
	// Message says what the token asks (and asks to confirm), that it is
	// done already, or that it is done now.
	Message       string
	Already, Done bool
}

// unsubscribeHeaders keep the token out of caches, referrers and indexes.
func unsubscribeHeaders(c *fiber.Ctx) {
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set("Referrer-Policy", "no-referrer")
	c.Set("X-Robots-Tag", "noindex")
}

// unsubscribePage asks to confirm; it changes nothing, so that a mail
// program that opens links ahead of the reader unsubscribes no one.
func (s *Server) unsubscribePage(c *fiber.Ctx) error {
	unsubscribeHeaders(c)
	un, err := s.deps.Unsubscribes.Check(c.UserContext(), c.Query("t"))
	if err != nil {
		return err
	}
	return s.renderUnsubscribe(c, un, c.Query("t"), false)
}

func (s *Server) unsubscribeForm(c *fiber.Ctx) error {
	unsubscribeHeaders(c)
	tok := c.FormValue("t")
	un, err := s.deps.Unsubscribes.Unsubscribe(c.UserContext(), tok)
	if err != nil {
		return err
	}
	return s.renderUnsubscribe(c, un, tok, true)
}

func (s *Server) renderUnsubscribe(c *fiber.Ctx, un *app.Unsubscription, tok string, done bool) error {
	l := s.layout(c, "unsubscribe.title")
	kind := translate(l.msgs, app.NotifyKindLabel(un.Kind))
	v := unsubscribeView{Layout: l, Token: tok, Already: !done && un.Mode == app.MailNone, Done: done,
		Message: translate(l.msgs, app.Msg("unsubscribe.lead", "kind", kind, "network", s.cfg.NetworkName))}
	switch {
	case v.Done:
		v.Message = translate(l.msgs, app.Msg("unsubscribe.done", "kind", kind))
	case v.Already:
		v.Message = translate(l.msgs, app.Msg("unsubscribe.already", "kind", kind))
	}
	return s.render(c, fiber.StatusOK, "unsubscribe", v)
}
