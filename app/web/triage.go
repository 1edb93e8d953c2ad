package web

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// triageRoutes registers the triage inbox of remisser from listings
// (staff only): the API of the contract and the secretariat's page.
func (s *Server) triageRoutes(site, api fiber.Router) {
	staff := requireRole(app.RoleAdmin, app.RoleSecretariat)
	api.Get("/triage", staff, s.apiListTriage)
	api.Post("/triage/accept", staff, s.apiAcceptTriageMany)
	api.Post("/triage/dismiss", staff, s.apiDismissTriageMany)
	api.Post("/triage/:id/accept", staff, s.apiAcceptTriage)
	api.Post("/triage/:id/dismiss", staff, s.apiDismissTriage)
	api.Post("/triage/:id/restore", staff, s.apiRestoreTriage)
	site.Get("/internt/inkorg", staff, s.triagePage)
	site.Post("/internt/inkorg", staff, s.triageForm)
	site.Post("/internt/inkorg/:id/aterstall", staff, s.triageRestoreForm)
}

// triageOut is the JSON shape of a remiss in triage.
type triageOut struct {
	ID             string           `json:"id"`
	Title          string           `json:"title"`
	Reference      string           `json:"reference"`
	Issuer         string           `json:"issuer"`
	Deadline       *string          `json:"deadline"`
	SourceURL      string           `json:"source_url"`
	Relevance      float64          `json:"relevance"`
	Reasons        []triageReasonTo `json:"reasons"`
	InvitedMembers []string         `json:"invited_members"`
	State          string           `json:"state"`
	DismissReason  string           `json:"dismiss_reason,omitempty"`
	ConsultationID string           `json:"consultation_id,omitempty"`
	Version        int              `json:"version"`
}

type triageReasonTo struct {
	IssueID    string   `json:"issue_id"`
	IssueTitle string   `json:"issue_title"`
	Terms      []string `json:"terms"`
	Topics     []string `json:"topics"`
	Score      float64  `json:"score"`
}

func triageJSON(t *app.TriageItem) triageOut {
	out := triageOut{ID: t.ID, Title: t.Title, Reference: t.Reference, Issuer: t.Issuer,
		SourceURL: t.SourceURL, Relevance: t.Relevance, Reasons: []triageReasonTo{}, InvitedMembers: []string{},
		State: string(t.State), DismissReason: t.DismissReason, ConsultationID: t.ConsultationID, Version: t.Version}
	out.InvitedMembers = append(out.InvitedMembers, t.InvitedMembers...)
	if !t.Deadline.IsZero() {
		d := t.Deadline.String()
		out.Deadline = &d
	}
	for _, r := range t.Reasons {
		out.Reasons = append(out.Reasons, triageReasonTo{IssueID: r.IssueID, IssueTitle: r.IssueTitle,
			Terms: append([]string{}, r.Terms...), Topics: append([]string{}, r.Topics...), Score: r.Score})
	}
	return out
}

// triageState reads ?state= (pending, dismissed, accepted; "" for all).
func triageState(v string) (app.TriageState, error) {
	switch st := app.TriageState(strings.TrimSpace(v)); st {
	case "", app.TriagePending, app.TriageDismissed, app.TriageAccepted:
		return st, nil
	}
	return "", app.FieldError("state", "error.triage.unknown_state")
}

func (s *Server) apiListTriage(c *fiber.Ctx) error {
	st, err := triageState(c.Query("state"))
	if err != nil {
		return err
	}
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	items, total, err := s.deps.Triage.List(c.UserContext(), app.TriageFilter{State: st, Query: strings.TrimSpace(c.Query("q")), Page: page})
	if err != nil {
		return err
	}
	return c.JSON(listJSON(items, total, triageJSON))
}

type triageAcceptIn struct {
	IDs           []string `json:"ids"`
	ResponsibleID string   `json:"responsible_id"`
}

type triageDismissIn struct {
	IDs    []string `json:"ids"`
	Reason string   `json:"reason"`
}

// decodeOptional decodes a JSON body into dst, an empty body leaving it.
func decodeOptional(c *fiber.Ctx, dst any) error {
	if len(strings.TrimSpace(string(c.Body()))) == 0 {
		return nil
	}
	return decodeJSON(c, dst)
}

func (s *Server) apiAcceptTriage(c *fiber.Ctx) error {
	var in triageAcceptIn
	if err := decodeOptional(c, &in); err != nil {
		return err
	}
	con, err := s.deps.Triage.Accept(c.UserContext(), currentUser(c), c.Params("id"), in.ResponsibleID)
	if err != nil {
		return err
	}
	c.Location("/api/v1/consultations/" + con.ID)
	return c.Status(fiber.StatusCreated).JSON(consultationJSON(con, s.today()))
}

func (s *Server) apiDismissTriage(c *fiber.Ctx) error {
	var in triageDismissIn
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	t, err := s.deps.Triage.Dismiss(c.UserContext(), currentUser(c), c.Params("id"), in.Reason)
	if err != nil {
		return err
	}
	return c.JSON(triageJSON(t))
}

func (s *Server) apiRestoreTriage(c *fiber.Ctx) error {
	t, err := s.deps.Triage.Restore(c.UserContext(), currentUser(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(triageJSON(t))
}

func (s *Server) apiAcceptTriageMany(c *fiber.Ctx) error {
	var in triageAcceptIn
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	cons, err := s.deps.Triage.AcceptMany(c.UserContext(), currentUser(c), in.IDs, in.ResponsibleID)
	if err != nil {
		return err
	}
	today := s.today()
	return c.JSON(listJSON(cons, len(cons), func(x *app.Consultation) consultationOut { return consultationJSON(x, today) }))
}

func (s *Server) apiDismissTriageMany(c *fiber.Ctx) error {
	var in triageDismissIn
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	items, err := s.deps.Triage.DismissMany(c.UserContext(), currentUser(c), in.IDs, in.Reason)
	if err != nil {
		return err
	}
	return c.JSON(listJSON(items, len(items), triageJSON))
}

// triagePageView is the inbox: the remisser waiting (or dismissed, or
// accepted), with the bulk form.
type triagePageView struct {
	Layout
	Form        *Form
	Show        string // "pending", "dismissed", "accepted"
	Tabs        []triageTab
	Rows        []triageRow
	Total       int
	Staff       []Option
	Prev, Next  string
	Query       string
	ShowsBulk   bool
	ShowRestore bool
	Watch       *watchView // nil without a watch
}

// watchView is the state of the watch of a listing, for the secretariat.
type watchView struct {
	URL, LastFetch, LastOK, NextFetch, Error string
	Added                                    int
}

// watchStatus reads the watch's state; nil when there is no watch.
func (s *Server) watchStatus(c *fiber.Ctx, l Layout) (*watchView, error) {
	if s.deps.Watch == nil {
		return nil, nil
	}
	st, err := s.deps.Watch.Status(c.UserContext())
	if err != nil {
		return nil, err
	}
	v := &watchView{URL: s.deps.Watch.URL}
	if st == nil {
		return v, nil
	}
	when := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(app.Stockholm).Format("2006-01-02 15:04")
	}
	v.LastFetch, v.LastOK, v.NextFetch, v.Added = when(st.LastFetch), when(st.LastOK), when(st.NextFetch), st.Added
	if st.LastError != "" {
		v.Error = translate(l.msgs, st.LastError)
	}
	return v, nil
}

type triageTab struct {
	Label, Href string
	Current     bool
}

type triageRow struct {
	*app.TriageItem
	Checked   bool
	Percent   int
	Reasons   []string // "Elnätskapacitet: energiplanering, energieffektiv"
	Consulted string   // link to the consultation it became
}

const triagePerPage = 50

func (s *Server) triagePage(c *fiber.Ctx) error {
	p, err := s.newTriagePage(c, nil)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "triage", p)
}

func (s *Server) newTriagePage(c *fiber.Ctx, checked map[string]bool) (*triagePageView, error) {
	p := &triagePageView{Layout: s.layout(c, "triage.title"), Show: c.Query("visa", string(app.TriagePending))}
	p.Form = s.newForm(p.Layout)
	st, err := triageState(p.Show)
	if err != nil || st == "" {
		st, p.Show = app.TriagePending, string(app.TriagePending)
	}
	p.ShowsBulk, p.ShowRestore = st == app.TriagePending, st == app.TriageDismissed
	for _, tab := range []app.TriageState{app.TriagePending, app.TriageDismissed, app.TriageAccepted} {
		p.Tabs = append(p.Tabs, triageTab{Label: p.T("triage.tab." + string(tab)), Href: "/internt/inkorg?visa=" + string(tab),
			Current: tab == st})
	}
	p.Query = strings.TrimSpace(c.Query("q"))
	num, _ := strconv.Atoi(c.Query("page"))
	f := app.TriageFilter{State: st, Query: p.Query, Page: app.Page{Number: max(num, 1), Size: triagePerPage}}
	items, total, err := s.deps.Triage.List(c.UserContext(), f)
	if err != nil {
		return nil, err
	}
	p.Total = total
	p.Prev, p.Next = pageLinks(c, f.Page, total)
	for _, it := range items {
		p.Rows = append(p.Rows, triageRowOf(p.Layout, it, checked[it.ID]))
	}
	if p.Watch, err = s.watchStatus(c, p.Layout); err != nil {
		return nil, err
	}
	if p.ShowsBulk {
		p.Staff, err = s.staffOptions(c.UserContext(), p.Layout)
	}
	return p, err
}

func triageRowOf(l Layout, it *app.TriageItem, checked bool) triageRow {
	r := triageRow{TriageItem: it, Checked: checked, Percent: int(it.Relevance*100 + 0.5)}
	for _, reason := range it.Reasons {
		r.Reasons = append(r.Reasons, reason.IssueTitle+": "+strings.Join(reason.Terms, ", "))
	}
	if it.ConsultationID != "" {
		r.Consulted = "/internt/remisser/" + it.ConsultationID
	}
	return r
}

// staffOptions are the secretariat's users, the choices of a responsible
// officer; the first option is "me".
func (s *Server) staffOptions(ctx context.Context, l Layout) ([]Option, error) {
	users, _, err := s.deps.Users.List(ctx, app.UserFilter{})
	if err != nil {
		return nil, err
	}
	out := []Option{{Value: "", Label: l.T("triage.responsible_me")}}
	for _, u := range users {
		if u.IsStaff() && u.Active {
			out = append(out, contentOption(u.ID, u.Name))
		}
	}
	return out, nil
}

// triageForm takes the bulk form: accept or dismiss the checked remisser.
func (s *Server) triageForm(c *fiber.Ctx) error {
	var ids []string
	checked := map[string]bool{}
	for _, v := range c.Request().PostArgs().PeekMulti("ids") {
		ids = append(ids, string(v))
		checked[string(v)] = true
	}
	var err error
	var flash string
	switch c.FormValue("action") {
	case "accept":
		var cons []*app.Consultation
		cons, err = s.deps.Triage.AcceptMany(c.UserContext(), currentUser(c), ids, c.FormValue("responsible_id"))
		flash = "triage.accepted"
		if err == nil && len(cons) == 1 {
			return s.redirectWithFlash(c, "/internt/remisser/"+cons[0].ID, flash)
		}
	case "dismiss":
		_, err = s.deps.Triage.DismissMany(c.UserContext(), currentUser(c), ids, c.FormValue("reason"))
		flash = "triage.dismissed"
	default:
		err = app.FieldError("action", "error.triage.unknown_action")
	}
	if err == nil {
		return s.redirectWithFlash(c, "/internt/inkorg", flash)
	}
	p, perr := s.newTriagePage(c, checked)
	if perr != nil {
		return perr
	}
	if len(p.Rows) > 0 {
		p.Form.SetID("ids", "v-"+p.Rows[0].ID) // the first box to tick
	}
	return s.rerender(c, err, "triage", p, p.Form, formValues(c, "reason", "responsible_id"))
}

func (s *Server) triageRestoreForm(c *fiber.Ctx) error {
	if _, err := s.deps.Triage.Restore(c.UserContext(), currentUser(c), c.Params("id")); err != nil {
		return err
	}
	return s.redirectWithFlash(c, "/internt/inkorg?visa=dismissed", "triage.restored")
}
