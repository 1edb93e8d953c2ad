package web

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

type signingInput struct {
	SignBy  string `json:"sign_by" validate:"required,len=10"`
	Version int    `json:"version" validate:"gte=0"`
}

type signatureInput struct {
	MemberID        string `json:"member_id" validate:"max=64"`
	Decision        string `json:"decision" validate:"required,oneof=signed declined"`
	ContentHash     string `json:"content_hash" validate:"required,len=64,hexadecimal"`
	SignatoryName   string `json:"signatory_name" validate:"required,max=120"`
	SignatoryTitle  string `json:"signatory_title" validate:"required,max=120"`
	DecidedBy       string `json:"decided_by" validate:"required,oneof=KS KSAU delegation other"`
	DecidedOn       string `json:"decided_on" validate:"required,len=10"`
	Paragraph       string `json:"paragraph" validate:"max=40"`
	MemberReference string `json:"member_reference" validate:"max=60"`
	Reservation     string `json:"reservation" validate:"max=2000"`
}

// parseDateField reads a YYYY-MM-DD field or answers 422 naming it.
func parseDateField(field, v string) (app.Date, error) {
	d, err := app.ParseDate(v)
	if err != nil {
		return app.Date{}, app.FieldError(field, "Ange ett datum som ÅÅÅÅ-MM-DD.")
	}
	return d, nil
}

func (in signatureInput) domain() (app.SignatureInput, error) {
	on, err := parseDateField("decided_on", in.DecidedOn)
	return app.SignatureInput{MemberID: in.MemberID, Decision: in.Decision, ContentHash: in.ContentHash,
		SignatoryName: in.SignatoryName, SignatoryTitle: in.SignatoryTitle, DecidedBy: in.DecidedBy, DecidedOn: on,
		Paragraph: in.Paragraph, MemberReference: in.MemberReference, Reservation: in.Reservation}, err
}

func (s *Server) apiOpenSigning(c *fiber.Ctx) error {
	var in signingInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	signBy, err := parseDateField("sign_by", in.SignBy)
	if err != nil {
		return err
	}
	st, err := s.deps.Statements.OpenSigning(c.UserContext(), currentUser(c), c.Params("id"), in.Version, signBy)
	if err != nil {
		return err
	}
	return c.JSON(statementJSON(st))
}

func (s *Server) apiSign(c *fiber.Ctx) error {
	var in signatureInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	din, err := in.domain()
	if err != nil {
		return err
	}
	g, err := s.deps.Statements.Sign(c.UserContext(), currentUser(c), c.Params("id"), din)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(signatureJSON(*g))
}

// apiListSignatures lists every decision on the statement, voided rounds
// included, each with its round.
func (s *Server) apiListSignatures(c *fiber.Ctx) error {
	st, err := s.deps.Statements.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	gs, err := s.deps.Statements.Signatures(c.UserContext(), st.ID, 0)
	if err != nil {
		return err
	}
	return c.JSON(listJSON(gs, len(gs), signatureJSON))
}

type remindOut struct {
	Reminded []string          `json:"reminded"`  // the members reminded
	Members  []remindMemberOut `json:"members"`   // and whom of theirs, how
	NoSigner []string          `json:"no_signer"` // undecided members no one can sign for
}

type remindMemberOut struct {
	MemberID string          `json:"member_id"`
	Name     string          `json:"name"`
	Users    []remindUserOut `json:"users"`
}

type remindUserOut struct {
	Name   string `json:"name"`
	InApp  bool   `json:"in_app"`
	ByMail bool   `json:"by_mail"`
}

func (s *Server) apiRemind(c *fiber.Ctx) error {
	res, err := s.deps.Statements.Remind(c.UserContext(), currentUser(c), c.Params("id"))
	if err != nil {
		return err
	}
	out := remindOut{Reminded: []string{}, Members: []remindMemberOut{}, NoSigner: append([]string{}, res.NoSigner...)}
	for _, m := range res.Reminded {
		mo := remindMemberOut{MemberID: m.MemberID, Name: m.Name}
		for _, u := range m.Users {
			mo.Users = append(mo.Users, remindUserOut{Name: u.Name, InApp: true, ByMail: u.ByMail})
		}
		out.Reminded, out.Members = append(out.Reminded, m.Name), append(out.Members, mo)
	}
	return c.JSON(out)
}

type boardRowOut struct {
	MemberID   string        `json:"member_id"`
	MemberName string        `json:"member_name"`
	State      string        `json:"state"` // signed, declined or pending
	Signature  *signatureOut `json:"signature"`
}

type reminderOut struct {
	At        time.Time `json:"at"`
	ActorName string    `json:"actor_name"`
	Members   string    `json:"members"`
}

type boardOut struct {
	StatementID  string        `json:"statement_id"`
	Status       string        `json:"status"`
	ContentHash  *string       `json:"content_hash"`
	SignBy       *string       `json:"sign_by"`
	DaysLeft     *int          `json:"days_left"`
	Signed       int           `json:"signed"`
	Declined     int           `json:"declined"`
	Pending      int           `json:"pending"`
	Quorum       int           `json:"quorum"`
	Members      []boardRowOut `json:"members"`
	LastReminder *reminderOut  `json:"last_reminder"`
}

func boardJSON(b *app.SigningBoard) boardOut {
	st := b.Statement
	out := boardOut{StatementID: st.ID, Status: string(st.Status), ContentHash: optString(st.ContentHash),
		SignBy: optString(st.SignBy.String()), Signed: b.Signed, Declined: b.Declined, Pending: b.Pending, Quorum: st.Quorum,
		Members: []boardRowOut{}}
	if st.Status == app.StatementSigning {
		out.DaysLeft = &b.DaysLeft
	}
	for _, r := range b.Rows {
		row := boardRowOut{MemberID: r.Member.ID, MemberName: r.Member.Name, State: "pending"}
		if r.Signature != nil {
			g := signatureJSON(*r.Signature)
			row.State, row.Signature = r.Signature.Decision, &g
		}
		out.Members = append(out.Members, row)
	}
	if e := b.LastReminder; e != nil {
		out.LastReminder = &reminderOut{At: e.At, ActorName: e.ActorName, Members: e.Note}
	}
	return out
}

func (s *Server) apiBoard(c *fiber.Ctx) error {
	b, err := s.deps.Statements.Board(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(boardJSON(b))
}
