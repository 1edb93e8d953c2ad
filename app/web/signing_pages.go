package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// signingPage is the signing board: the exact text being signed with its
// checksum, every member with its decision and mandate, the days left,
// and the form to sign or register a decision — only while there is one
// to make. A member who has decided sees their decision instead.
type signingPage struct {
	Layout
	St                  *app.Statement
	StatusKey           string
	Text                []renderedBlock
	Rows                []boardRowView
	Signed, Declined    int
	Pending             int
	DaysLeft            int
	Open, IsStaff       bool
	CanSign             bool
	Mine                *boardRowView // the signed-in member's decision, once made
	Form                stmtForm
	QuorumForm          stmtForm
	CanSetQuorum        bool
	ReferenceForm       stmtForm // the network's diarienummer, staff only
	Quorum              string
	Members             []Option
	Decisions, Bodies   []Option
	LastReminder        string
	LastReminderMembers string
	LastReminderBy      string
	Reminded            *app.RemindResult // what a reminder just reached
	RemindError         string            // why a reminder was refused
}

type boardRowView struct {
	Member, StateKey, State string
	Mandate, Signatory      string
	Reservation, Registered string
}

// mandateLine describes the decision that gives a signature its mandate,
// e.g. "KS 2026-03-02 § 87, dnr KS 2026/233"; a decision by delegation or
// another body is named in the page's language, not by its code.
func mandateLine(l Layout, g *app.Signature) string {
	body := g.DecidedBy
	if body == "delegation" || body == "other" {
		body = l.T("signing.body_" + body)
	}
	line := body + " " + g.DecidedOn.String()
	if g.Paragraph != "" {
		line += " " + g.Paragraph
	}
	if g.MemberReference != "" {
		line += ", dnr " + g.MemberReference
	}
	return line
}

func (s *Server) signingView(c *fiber.Ctx) (*signingPage, error) {
	b, err := s.deps.Statements.Board(c.UserContext(), c.Params("id"))
	if err != nil {
		return nil, err
	}
	u, st := currentUser(c), b.Statement
	if err := s.deps.Notifications.Seen(c.UserContext(), u, app.Subject{Type: "statement", ID: st.ID}); err != nil {
		return nil, err
	}
	p := &signingPage{Layout: s.layout(c, "signing.title"), St: st, StatusKey: "statements.status_" + string(st.Status),
		Signed: b.Signed, Declined: b.Declined, Pending: b.Pending, DaysLeft: b.DaysLeft,
		Open: st.Status == app.StatementSigning, IsStaff: u.IsStaff()}
	if st.ContentHash != "" && st.Status != app.StatementWithdrawn {
		p.Text = renderBlocks(st.Body)
	}
	for _, r := range b.Rows {
		p.addRow(r, u)
	}
	p.CanSign = p.Open && ((u.IsStaff() && len(p.Members) > 0) || (!u.IsStaff() && u.MaySign && p.Mine == nil))
	if e := b.LastReminder; e != nil {
		p.LastReminder, p.LastReminderBy, p.LastReminderMembers = localTime(e.At), e.ActorName, e.Note
	}
	p.fillForms(s, u, st)
	return p, nil
}

// fillForms prepares the decision form and the secretariat's quorum form.
func (p *signingPage) fillForms(s *Server, u *app.User, st *app.Statement) {
	p.Form = s.newStmtForm(p.Layout)
	p.Form.Values = map[string]string{"decision": app.DecisionSigned, "decided_by": "KS", "content_hash": st.ContentHash}
	if !u.IsStaff() {
		p.Form.Values["signatory_name"], p.Form.Values["signatory_title"] = u.Name, u.Title
	}
	for _, v := range []string{app.DecisionSigned, app.DecisionDeclined} {
		p.Decisions = append(p.Decisions, Option{Value: v, Label: p.T("signing.decision_" + v)})
	}
	for _, v := range app.DecidingBodies {
		p.Bodies = append(p.Bodies, Option{Value: v, Label: p.T("signing.body_" + v)})
	}
	p.Quorum = quorumLine(p.Layout, st.Quorum)
	p.CanSetQuorum = u.IsStaff() && (st.Status == app.StatementDraft || st.Status == app.StatementSigning)
	p.QuorumForm = s.newStmtForm(p.Layout)
	p.QuorumForm.Values = map[string]string{"quorum": strconv.Itoa(st.Quorum), "version": strconv.Itoa(st.Version)}
	p.ReferenceForm = s.newStmtForm(p.Layout)
	p.ReferenceForm.Values = map[string]string{"reference": st.Reference, "version": strconv.Itoa(st.Version)}
}

func (p *signingPage) addRow(r app.BoardRow, u *app.User) {
	v := boardRowView{Member: r.Member.Name, StateKey: "signing.pending", State: "pending"}
	if g := r.Signature; g != nil {
		v.StateKey, v.State = "signing.decision_"+g.Decision, g.Decision
		v.Mandate, v.Signatory, v.Reservation = mandateLine(p.Layout, g), g.SignatoryName+", "+g.SignatoryTitle, g.Reservation
		if g.RegisteredByName != "" {
			v.Registered = g.RegisteredByName
		}
		if !u.IsStaff() && r.Member.ID == u.MemberID {
			mine := v
			p.Mine = &mine
		}
	} else if u.IsStaff() {
		p.Members = append(p.Members, contentOption(r.Member.ID, r.Member.Name))
	}
	p.Rows = append(p.Rows, v)
}

func (s *Server) signingPage(c *fiber.Ctx) error {
	p, err := s.signingView(c)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "signing", p)
}

var signFields = []string{"member_id", "decision", "content_hash", "signatory_name", "signatory_title",
	"decided_by", "decided_on", "paragraph", "member_reference", "reservation"}

func (s *Server) signForm(c *fiber.Ctx) error {
	v := formValues(c, signFields...)
	in := signatureInput{MemberID: v["member_id"], Decision: v["decision"], ContentHash: v["content_hash"],
		SignatoryName: v["signatory_name"], SignatoryTitle: v["signatory_title"], DecidedBy: v["decided_by"],
		DecidedOn: v["decided_on"], Paragraph: v["paragraph"], MemberReference: v["member_reference"], Reservation: v["reservation"]}
	din, err := in.domain()
	if err == nil {
		_, err = s.deps.Statements.Sign(c.UserContext(), currentUser(c), c.Params("id"), din)
	}
	if err == nil {
		return s.redirectWithFlash(c, statementURL(c.Params("id"))+"/signering", "signing.recorded")
	}
	p, perr := s.signingView(c)
	if perr != nil {
		return perr
	}
	return s.rerender(c, err, "signing", p, p.Form.Form, v)
}

func (s *Server) openSigningForm(c *fiber.Ctx) error {
	signBy, err := parseDateField("sign_by", c.FormValue("sign_by"))
	if err == nil {
		_, err = s.deps.Statements.OpenSigning(c.UserContext(), currentUser(c), c.Params("id"), 0, signBy)
	}
	if err == nil {
		return s.redirectWithFlash(c, statementURL(c.Params("id"))+"/signering", "signing.opened")
	}
	return s.actionFailed(c, err)
}

// actionFailed shows a refused action on the statement page (422 or 409).
func (s *Server) actionFailed(c *fiber.Ctx, err error) error {
	st, rerr := s.deps.Statements.Get(c.UserContext(), c.Params("id"))
	if rerr != nil {
		return rerr
	}
	p, perr := s.statementView(c, st)
	if perr != nil {
		return perr
	}
	return s.rerender(c, err, "statement", p, p.ActionForm.Form, formValues(c, "sign_by"))
}

// remindForm reminds the undecided members and answers the signing page
// with whom the reminder reached and how, or why it was refused.
func (s *Server) remindForm(c *fiber.Ctx) error {
	res, err := s.deps.Statements.Remind(c.UserContext(), currentUser(c), c.Params("id"))
	if err != nil && app.ErrorCode(err) != app.ECONFLICT {
		return err
	}
	p, perr := s.signingView(c)
	if perr != nil {
		return perr
	}
	if err != nil {
		p.RemindError = s.errorMessage(c, err)
		return s.render(c, fiber.StatusConflict, "signing", p)
	}
	p.Reminded = res
	return s.render(c, fiber.StatusOK, "signing", p)
}
