package web

import (
	"context"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/sync/errgroup"

	"github.com/samsyn/samsyn/app"
)

type consultationPage struct {
	Layout
	Follow        followForm
	Row           consultationRow
	C             *app.Consultation
	ReceivedOn    string
	Issues        []linkView
	Statement     *linkView
	Plan          []meetingPlanRow
	PlanMissing   int // members with no meeting in time
	History       []eventRow
	CanEdit       bool
	StatusForm    *Form
	StatusOptions []Option
	Warnings      []string // translated
	// The secretariat's: see consultation_notes.go.
	Responsible     string // name
	StaffOptions    []Option
	ResponsibleForm *Form
	Notes           []noteView
	NoteForm        *Form
	// Answers are other bodies' remissvar (external_responses.go).
	Answers *answersView
	// Invited is what the harvest read of the remiss's invitee list; nil
	// until it has read one.
	Invited *app.InviteeList

	user   *app.User          // who reads the page
	filter app.ResponseFilter // of the answers, from the query
}

// linkView is a titled internal link.
type linkView struct{ Title, Href string }

// meetingPlanRow is one member's meetings in time for a consultation.
type meetingPlanRow struct {
	Member   string
	Meetings []string
	InTime   bool
}

func (s *Server) consultationPage(c *fiber.Ctx) error {
	con, err := s.deps.Consultations.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	p, err := s.consultationView(c, con)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "consultation_detail", p)
}

func (s *Server) consultationView(c *fiber.Ctx, con *app.Consultation) (*consultationPage, error) {
	today, u := s.today(), currentUser(c)
	p := &consultationPage{Layout: s.layout(c, "consultations.detail"), C: con, ReceivedOn: con.ReceivedOn.String(),
		CanEdit: u.IsStaff(), user: u, filter: answersFilter(c)}
	p.Title = con.Title
	p.Row = consultationRowOf(p.Layout, con, today)
	p.StatusForm = s.newForm(p.Layout)
	p.StatusForm.Values = map[string]string{"status": string(con.Status), "decline_reason": con.DeclineReason}
	p.StatusOptions = statusOptions(p.Layout, "", append([]app.ConsultationStatus{con.Status}, app.NextStatuses(con.Status)...)...)
	for _, st := range app.CorrectionStatuses(con.Status) {
		p.StatusOptions = append(p.StatusOptions, Option{Value: string(st),
			Label: p.T("consultations.correct_to") + " " + p.T("consultations.status."+string(st))})
	}
	p.StatusForm.Values["answer_url"] = con.AnswerURL
	for _, w := range con.Warnings() {
		p.Warnings = append(p.Warnings, translate(p.msgs, w))
	}
	err := gather(c.UserContext(), p, s.linkedIssues, s.linkedStatement, s.planRows, s.consultationHistory,
		s.ownership, s.consultationAnswers, s.invitedMembers, s.consultationFollow)
	return p, err
}

// gather runs a page's reads at once, each filling its own fields of p,
// and returns the first error. A page otherwise waits for one store read
// after another; the steps must not touch the fiber.Ctx (it is not safe
// for concurrent use), only ctx and what p already holds.
func gather[P any](ctx context.Context, p P, steps ...func(context.Context, P) error) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, step := range steps {
		g.Go(func() error { return step(ctx, p) })
	}
	return g.Wait()
}

func (s *Server) consultationFollow(ctx context.Context, p *consultationPage) (err error) {
	p.Follow, err = s.followFormOf(ctx, p.user, p.Layout, app.Subject{Type: "consultation", ID: p.C.ID}, "/internt/remisser/"+p.C.ID)
	return err
}

// linkedIssues lists the issues the consultation links to and those that
// link to it.
func (s *Server) linkedIssues(ctx context.Context, p *consultationPage) error {
	seen := map[string]bool{}
	add := func(i *app.Issue) {
		if !seen[i.ID] {
			seen[i.ID] = true
			p.Issues = append(p.Issues, linkView{Title: i.Title, Href: "/internt/fragor/" + i.ID})
		}
	}
	for _, id := range p.C.IssueIDs {
		if i, err := s.deps.Issues.Get(ctx, id); err == nil {
			add(i)
		}
	}
	linking, _, err := s.deps.Issues.List(ctx, app.IssueFilter{ConsultationID: p.C.ID})
	for _, i := range linking {
		add(i)
	}
	return err
}

func (s *Server) linkedStatement(ctx context.Context, p *consultationPage) error {
	if p.C.StatementID == "" || s.deps.Statements == nil {
		return nil
	}
	st, err := s.deps.Statements.Get(ctx, p.C.StatementID)
	if app.ErrorCode(err) == app.ENOTFOUND {
		return nil
	}
	if err == nil {
		p.Statement = &linkView{Title: st.Title, Href: "/internt/stallningstaganden/" + st.ID}
	}
	return err
}

func (s *Server) planRows(ctx context.Context, p *consultationPage) error {
	if !p.C.Status.Open() {
		return nil
	}
	plan, err := s.deps.Meetings.Plan(ctx, p.C)
	for _, mm := range plan {
		row := meetingPlanRow{Member: mm.Member.Name, InTime: mm.InTime()}
		for _, m := range mm.Meetings {
			row.Meetings = append(row.Meetings, string(m.Body)+" "+m.On.String())
		}
		if !row.InTime {
			p.PlanMissing++
		}
		p.Plan = append(p.Plan, row)
	}
	return err
}

// consultationHistory lists the audit events of the consultation.
func (s *Server) consultationHistory(ctx context.Context, p *consultationPage) error {
	events, _, err := s.deps.Audit.List(ctx, app.AuditFilter{EntityType: "consultation",
		EntityID: p.C.ID, Page: app.Page{Number: 1, Size: 50}})
	for _, e := range events {
		p.History = append(p.History, s.historyRow(p.Layout, e))
	}
	return err
}

// historyRow shows one audit event; a status change names both statuses.
func (s *Server) historyRow(l Layout, e *app.AuditEvent) eventRow {
	local := e.At.In(app.Stockholm)
	who := e.ActorName
	if who == "" {
		who = l.T("audit.system")
	}
	what := l.T("audit." + e.Action)
	if e.Action == "consultation.status" || e.Action == "statement.consultation_status" {
		what += ": " + l.T("consultations.status."+e.Before) + " → " + l.T("consultations.status."+e.After)
		if e.Action == "consultation.status" && e.Note != "" {
			what += ": " + e.Note // the reason of a correction
		}
	}
	return eventRow{At: local.Format("2006-01-02 15:04"), AtISO: local.Format("2006-01-02T15:04:05Z07:00"), Who: who, What: what}
}

// consultationStatusForm moves a consultation to another status.
func (s *Server) consultationStatusForm(c *fiber.Ctx) error {
	version, _ := atoiParam(c.FormValue("version"))
	status, reason := c.FormValue("status"), c.FormValue("decline_reason")
	back, answer := c.FormValue("reason"), c.FormValue("answer_url")
	con, err := s.reviseConsultation(c, c.Params("id"), max(version, 0), func(in *app.ConsultationInput) {
		in.Status, in.DeclineReason, in.Reason, in.AnswerURL = status, reason, back, answer
	})
	if err == nil {
		return s.redirectWithFlash(c, "/internt/remisser/"+con.ID, "consultations.status_saved")
	}
	code := app.ErrorCode(err)
	if code != app.EINVALID && code != app.ECONFLICT {
		return err
	}
	old, gerr := s.deps.Consultations.Get(c.UserContext(), c.Params("id"))
	if gerr != nil {
		return gerr
	}
	p, perr := s.consultationView(c, old)
	if perr != nil {
		return perr
	}
	return s.rerender(c, err, "consultation_detail", p, p.StatusForm, map[string]string{"status": status,
		"decline_reason": reason, "reason": back, "answer_url": answer})
}

type eventRow struct{ At, AtISO, Who, What string }

// consultationAnswers fills the section of other bodies' remissvar.
func (s *Server) consultationAnswers(ctx context.Context, p *consultationPage) (err error) {
	p.Answers, err = s.answersOf(ctx, p.Layout, p.filter, p.C.ID, "/internt/remisser/"+p.C.ID, false)
	return err
}

// invitedMembers finds the members on the remiss's invitee list, as the
// harvest read it.
func (s *Server) invitedMembers(ctx context.Context, p *consultationPage) error {
	if s.deps.ExternalResponses == nil {
		return nil
	}
	var err error
	p.Invited, err = s.deps.ExternalResponses.Invitees(ctx, p.C.SourceURL)
	return err
}
