package web

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// The global audit log for staff: every change, newest first, filtered by
// who, what kind, what object and a date range, paged, and as CSV.

func (s *Server) auditLogRoutes(site fiber.Router) {
	staff := requireRole(app.RoleAdmin, app.RoleSecretariat)
	site.Get("/internt/logg", staff, s.auditLogPage)
	site.Get("/internt/logg.csv", staff, s.auditLogCSV)
}

// auditObjects are the kinds of object the log names, with their pages.
var auditObjects = map[string]string{"consultation": "/internt/remisser/", "statement": "/internt/stallningstaganden/",
	"issue": "/internt/fragor/", "member": "/admin/medlemmar/", "user": "/admin/anvandare/", "triage": "",
	"meeting": "", "position": "", "feedback": ""}

const auditPerPage = 50

// auditMaxCSV bounds one CSV export.
const auditMaxCSV = 10000

type auditLogView struct {
	Layout
	Filter      *Form
	KindOptions []Option
	ObjOptions  []Option
	Rows        []auditRow
	Total       int
	Prev, Next  string
	CSV         string
}

type auditRow struct {
	At, AtISO, Who, What, Object, Href, Change, Note string
}

// auditFilter reads ?who=&kind=&object=&from=&to= (dates in Stockholm,
// both inclusive).
func auditFilter(c *fiber.Ctx) (app.AuditFilter, error) {
	f := app.AuditFilter{Actor: strings.TrimSpace(c.Query("who")), Action: strings.TrimSpace(c.Query("kind")),
		EntityType: strings.TrimSpace(c.Query("object")), EntityID: strings.TrimSpace(c.Query("id"))}
	p := app.Problems{}
	if from := dateParam(p, "from", c.Query("from")); !from.IsZero() {
		f.From = time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, app.Stockholm)
	}
	if to := dateParam(p, "to", c.Query("to")); !to.IsZero() {
		f.To = time.Date(to.Year(), to.Month(), to.Day()+1, 0, 0, 0, 0, app.Stockholm)
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		p.Add("to", "error.audit.range")
	}
	return f, p.Err()
}

func (s *Server) auditLogPage(c *fiber.Ctx) error {
	p := auditLogView{Layout: s.layout(c, "auditlog.title")}
	p.Filter = s.newForm(p.Layout)
	p.Filter.Values = formQuery(c, "who", "kind", "object", "from", "to")
	p.KindOptions, p.ObjOptions = s.auditOptions(p.Layout)
	p.CSV = "/internt/logg.csv?" + string(c.Request().URI().QueryString())
	f, err := auditFilter(c)
	if err != nil {
		p.Filter.setError(err)
		return s.render(c, fiber.StatusUnprocessableEntity, "audit_log", p)
	}
	num, _ := strconv.Atoi(c.Query("page"))
	f.Page = app.Page{Number: max(num, 1), Size: auditPerPage}
	events, total, err := s.deps.Audit.List(c.UserContext(), f)
	if err != nil {
		return err
	}
	for _, e := range events {
		p.Rows = append(p.Rows, auditRowOf(p.Layout, e))
	}
	p.Total = total
	p.Prev, p.Next = pageLinks(c, f.Page, total)
	return s.render(c, fiber.StatusOK, "audit_log", p)
}

func auditRowOf(l Layout, e *app.AuditEvent) auditRow {
	local := e.At.In(app.Stockholm)
	r := auditRow{At: local.Format("2006-01-02 15:04"), AtISO: local.Format(time.RFC3339), Who: e.ActorName,
		What: l.T("audit." + e.Action), Object: l.T("auditlog.object." + e.EntityType), Note: e.Note}
	if r.Who == "" {
		r.Who = l.T("audit.system")
	}
	if base := auditObjects[e.EntityType]; base != "" && e.EntityID != "" {
		r.Href = base + e.EntityID
	}
	if e.Before != "" || e.After != "" {
		r.Change = auditWord(l, e.Before) + " → " + auditWord(l, e.After)
	}
	return r
}

// auditWord is a status in the page's language; a version number stays.
func auditWord(l Layout, v string) string {
	for _, key := range []string{"consultations.status." + v, "statements.status_" + v, "triage.state." + v} {
		if l.T(key) != key {
			return l.T(key)
		}
	}
	return v
}

// auditOptions are the kinds of change (every audit text of the
// catalogue) and the kinds of object, sorted by label.
func (s *Server) auditOptions(l Layout) (kinds, objects []Option) {
	for key, label := range l.msgs {
		if kind, ok := strings.CutPrefix(key, "audit."); ok && kind != "system" {
			kinds = append(kinds, Option{Value: kind, Label: label})
		}
	}
	for obj := range auditObjects {
		objects = append(objects, Option{Value: obj, Label: l.T("auditlog.object." + obj)})
	}
	for _, opts := range [][]Option{kinds, objects} {
		sort.Slice(opts, func(i, j int) bool { return opts[i].Label < opts[j].Label })
	}
	all := Option{Value: "", Label: l.T("auditlog.any")}
	return append([]Option{all}, kinds...), append([]Option{all}, objects...)
}

var auditHeader = []string{"Tid", "Vem", "Ändring", "Händelse", "Objekt", "Objektets id", "Före", "Efter", "Anteckning"}

func (s *Server) auditLogCSV(c *fiber.Ctx) error {
	f, err := auditFilter(c)
	if err != nil {
		return err
	}
	f.Page = app.Page{Number: 1, Size: auditMaxCSV}
	events, _, err := s.deps.Audit.List(c.UserContext(), f)
	if err != nil {
		return err
	}
	l := Layout{msgs: s.views.messages["sv"]}
	rows := [][]string{auditHeader}
	for _, e := range events {
		rows = append(rows, []string{csvTime(e.At), e.ActorName, l.T("audit." + e.Action), e.Action,
			e.EntityType, e.EntityID, e.Before, e.After, e.Note})
	}
	return sendCSV(c, "granskningslogg.csv", rows)
}
