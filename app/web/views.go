package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/templates"
)

// views holds the parsed pages, the assets and the message catalogues.
type views struct {
	pages       map[string]map[string]*template.Template // by language, then name
	assets      map[string]*templates.Asset              // by name
	byURL       map[string]*templates.Asset
	messages    map[string]map[string]string
	networkName string
}

func loadViews(networkName string) (*views, error) {
	msgs, err := templates.Messages()
	if err != nil {
		return nil, err
	}
	assets, err := templates.Assets()
	if err != nil {
		return nil, err
	}
	v := &views{pages: map[string]map[string]*template.Template{}, assets: assets, byURL: map[string]*templates.Asset{},
		messages: msgs, networkName: networkName}
	for _, a := range assets {
		v.byURL[a.URL] = a
	}
	for _, lang := range []string{"sv", "en"} {
		if v.pages[lang], err = parsePages(lang); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// parsePages parses every page on the layouts with the template functions
// of a page in lang.
func parsePages(lang string) (map[string]*template.Template, error) {
	base, err := template.New("").Funcs(contentFuncs(lang)).ParseFS(templates.Views, "layouts/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse layouts: %w", err)
	}
	files, err := fs.Glob(templates.Views, "pages/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, f := range files {
		t, err := template.Must(base.Clone()).ParseFS(templates.Views, f)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", f, err)
		}
		pages[strings.TrimSuffix(path.Base(f), ".html")] = t
	}
	return pages, nil
}

// Layout is what every page shares; page views embed it.
type Layout struct {
	Lang         string
	OtherLang    string
	OtherLangURL string
	Title        string
	NetworkName  string
	Path         string
	CSRFToken    string
	Flash        string
	User         *UserView
	Unread       int // the signed-in user's unread notifications (the bell)
	msgs         map[string]string
	assets       map[string]*templates.Asset
}

// T returns the message for key in the page's language; a missing key
// shows as itself so that it is noticed (a test checks none is missing).
func (l Layout) T(key string) string {
	if m, ok := l.msgs[key]; ok {
		return m
	}
	return key
}

// Asset returns the content-hashed URL of a static file.
func (l Layout) Asset(name string) string {
	if a, ok := l.assets[name]; ok {
		return a.URL
	}
	return "/static/missing/" + name
}

// UserView is the signed-in user as pages show it.
type UserView struct {
	ID, Name, Title string
	Role            app.Role
}

// IsAdmin reports whether the user administers members and users.
func (u *UserView) IsAdmin() bool { return u.Role == app.RoleAdmin }

// layout builds the shared part of a page for this request.
func (s *Server) layout(c *fiber.Ctx, titleKey string) Layout {
	lang := currentLang(c)
	other := "en"
	if lang == "en" {
		other = "sv"
	}
	q := url.Values{"lang": {other}}
	l := Layout{Lang: lang, OtherLang: other, OtherLangURL: c.Path() + "?" + q.Encode(),
		NetworkName: s.cfg.NetworkName, Path: c.Path(), msgs: s.views.messages[lang], assets: s.views.assets}
	l.Title = l.T(titleKey)
	if u := currentUser(c); u != nil {
		l.User = &UserView{ID: u.ID, Name: u.Name, Title: u.Title, Role: u.Role}
		if n, err := s.deps.Notifications.Unread(c.UserContext(), u); err == nil {
			l.Unread = n
		} else {
			s.log.Warn("count unread notifications", "err", err)
		}
	}
	if se := currentSession(c); se != nil {
		l.CSRFToken = se.CSRFToken
	} else {
		l.CSRFToken = s.anonCSRF(c)
	}
	if key := c.Cookies(flashCookie); key != "" {
		if msg, ok := l.msgs[key]; ok {
			l.Flash = msg
		}
		s.clearFlash(c)
		// The page with the confirmation is not kept either: going back
		// to it in the browser's history loads it again, without.
		c.Set(fiber.HeaderCacheControl, "no-store")
	}
	return l
}

// clearFlash expires the flash cookie once it has been shown. It must name
// the Path it was set with: without it the browser keeps the original
// cookie and shows the message again on every later page below "/".
func (s *Server) clearFlash(c *fiber.Ctx) {
	c.Cookie(&fiber.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1, Expires: time.Unix(0, 0),
		HTTPOnly: true, Secure: s.secure, SameSite: fiber.CookieSameSiteLaxMode})
}

const flashCookie = "samsyn_flash"

// redirectWithFlash answers 303 to location with a message shown there.
func (s *Server) redirectWithFlash(c *fiber.Ctx, location, messageKey string) error {
	c.Cookie(&fiber.Cookie{Name: flashCookie, Value: messageKey, Path: "/", HTTPOnly: true,
		Secure: s.secure, SameSite: fiber.CookieSameSiteLaxMode})
	return c.Redirect(location, fiber.StatusSeeOther)
}

// render executes a page into the response.
func (s *Server) render(c *fiber.Ctx, status int, page string, data any) error {
	t, ok := s.views.pages[currentLang(c)][page]
	if !ok {
		return fmt.Errorf("no page %q", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "base", data); err != nil {
		return fmt.Errorf("render %s: %w", page, err)
	}
	c.Status(status)
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return c.Send(buf.Bytes())
}

type errorPage struct {
	Layout
	Heading, Message string
}

var errorHeadings = map[int]string{
	fiber.StatusNotFound: "error.not_found", fiber.StatusUnauthorized: "error.unauthorized",
	fiber.StatusForbidden: "error.forbidden", fiber.StatusTooManyRequests: "error.rate_limited",
}

func (s *Server) renderError(c *fiber.Ctx, status int, d errorDetail) error {
	key, ok := errorHeadings[status]
	if !ok {
		key = "error.title"
	}
	p := errorPage{Layout: s.layout(c, key), Message: d.Message}
	p.Heading = p.Title
	if d.Code == app.EINTERNAL {
		p.Message = p.T("error.internal")
	}
	if err := s.render(c, status, "error", p); err != nil {
		s.log.Error("render error page", "err", err)
		return c.Status(status).SendString(d.Message)
	}
	return nil
}

// serveAsset serves a static file by its hashed URL, cached for a year.
func (s *Server) serveAsset(c *fiber.Ctx) error {
	a, ok := s.views.byURL[c.Path()]
	if !ok {
		return app.Errorf(app.ENOTFOUND, "Filen finns inte.")
	}
	c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	c.Set(fiber.HeaderContentType, a.ContentType)
	return c.Send(a.Body)
}

// Form holds a submitted form's values and field errors for re-rendering.
type Form struct {
	Values map[string]string
	Errors map[string]string
	msgs   map[string]string
	ids    map[string]string // a field's element id, where it is not "f-" + its name
	// Script is page.js, which the error summary loads to take focus: a
	// page without errors (or a confirmation) runs no script.
	Script string
}

// FieldID is the id of the element that holds field name, the target of
// its link in the error summary: "f-" + name unless SetID said otherwise
// (two forms on a page with a field of one name).
func (f *Form) FieldID(name string) string {
	if id, ok := f.ids[name]; ok {
		return id
	}
	return "f-" + name
}

// SetID records that field name is the element id on the page.
func (f *Form) SetID(name, id string) {
	if f.ids == nil {
		f.ids = map[string]string{}
	}
	f.ids[name] = id
}

func (s *Server) newForm(l Layout) *Form {
	return &Form{Values: map[string]string{}, Errors: map[string]string{}, msgs: l.msgs, Script: l.Asset("page.js")}
}

// T translates like Layout.T, for the partials that get the form.
func (f *Form) T(key string) string { return Layout{msgs: f.msgs}.T(key) }

// FieldView is one input as the partials render it.
type FieldView struct {
	Name, Type, Label, Hint, Error, Value, Autocomplete, Described string
	Required                                                       bool
	Options                                                        []Option
	// Content marks a field where people write Swedish text (a title, a
	// name, a note): the partials mark it lang="sv" on an English page.
	Content bool
	Rows    int  // a textarea's height
	Wide    bool // a textarea as wide as the text column
}

// Area makes v a textarea of rows lines, wide or not, for the "textarea"
// partial.
func (v FieldView) Area(rows int, wide bool) FieldView {
	v.Type, v.Rows, v.Wide = "textarea", rows, wide
	return v
}

// Option is one choice of a select.
type Option struct {
	Value, Label string
	Selected     bool
	Content      bool // Label is stored content (a name, a title): lang="sv"
}

// contentOption is a choice labelled with stored content.
func contentOption(value, label string) Option {
	return Option{Value: value, Label: label, Content: true}
}

// Field describes an input named name; its label is "field.<name>" and
// its hint "hint.<name>" when the catalogue has one.
func (f *Form) Field(name, typ, autocomplete string, required bool) FieldView {
	v := FieldView{Name: name, Type: typ, Label: f.T("field." + name), Value: f.Values[name],
		Error: f.Errors[name], Autocomplete: autocomplete, Required: required,
		Content: typ == "text" || typ == "textarea" || typ == "search"}
	if h := "hint." + name; f.T(h) != h {
		v.Hint = f.T(h)
	}
	if typ == "password" {
		v.Value = ""
	}
	var ids []string
	if v.Hint != "" {
		ids = append(ids, "h-"+name)
	}
	if v.Error != "" {
		ids = append(ids, "e-"+name)
	}
	v.Described = strings.Join(ids, " ")
	return v
}

// Select describes a select named name with opts, marking the current value.
func (f *Form) Select(name string, opts []Option) FieldView {
	v := f.Field(name, "select", "", false)
	for _, o := range opts {
		o.Selected = o.Value == f.Values[name]
		v.Options = append(v.Options, o)
	}
	return v
}

// HasErrors reports whether any field has an error.
func (f *Form) HasErrors() bool { return len(f.Errors) > 0 }

// FieldMessage is one entry of the error summary: its link goes to the
// field (ID), except for an error of the whole form ("_form"), which has
// no field to go to.
type FieldMessage struct{ Name, Message, ID string }

// ErrorList lists the errors in a stable order for the summary.
func (f *Form) ErrorList() []FieldMessage {
	out := make([]FieldMessage, 0, len(f.Errors))
	for k, v := range f.Errors {
		m := FieldMessage{Name: k, Message: v}
		if k != "_form" {
			m.ID = f.FieldID(k)
		}
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// setError records err on the form, in the form's language: field
// messages, or the message as a form-wide error under "_form".
func (f *Form) setError(err error) {
	for k, v := range app.ErrorFields(err) {
		f.Errors[k] = translate(f.msgs, v)
	}
	if len(f.Errors) == 0 {
		f.Errors["_form"] = translate(f.msgs, app.ErrorMessage(err))
	}
}
