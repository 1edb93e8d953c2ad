package web

import (
	"bytes"
	"context"
	"fmt"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// A deliberate step — publish, withdraw, reopen — is taken in two moves on
// the pages: a confirmation page of its own that says what the step will
// do (how many decisions it voids, how many members have not decided, the
// quorum), then a POST with an optional reason. No script is needed. The
// API takes the same reason, and the version confirmed, both optional.

// statementStep is one deliberate step and the words and paths it uses.
type statementStep struct {
	name  string // "publish", "withdraw", "reopen": keys "steps.<name>_…"
	path  string // below the statement's page
	flash string
	run   func(d *app.Statements, ctx context.Context, u *app.User, id string, in app.Step) (*app.Statement, error)
}

var (
	publishStep = statementStep{"publish", "publicera", "statements.published_flash",
		(*app.Statements).Publish}
	withdrawStep = statementStep{"withdraw", "dra-tillbaka", "statements.withdrawn_flash",
		(*app.Statements).Withdraw}
	reopenStep = statementStep{"reopen", "ateroppna", "statements.reopened_flash",
		(*app.Statements).Reopen}
)

// stepInput is the optional body of POST …/publish, …/withdraw, …/reopen.
type stepInput struct {
	Reason  string `json:"reason" validate:"max=1000"`
	Version int    `json:"version" validate:"gte=0"`
}

// decodeStep reads a step's body; none at all (as before reasons) is a
// step without reason.
func decodeStep(c *fiber.Ctx) (app.Step, error) {
	var in stepInput
	if len(bytes.TrimSpace(c.Body())) == 0 {
		return app.Step{}, nil
	}
	if err := decodeJSON(c, &in); err != nil {
		return app.Step{}, err
	}
	return app.Step{Reason: in.Reason, Version: in.Version}, nil
}

// statementAction takes one staff step and answers the statement.
func (s *Server) statementAction(step statementStep) fiber.Handler {
	return func(c *fiber.Ctx) error {
		in, err := decodeStep(c)
		if err != nil {
			return err
		}
		st, err := step.run(s.deps.Statements, c.UserContext(), currentUser(c), c.Params("id"), in)
		if err != nil {
			return err
		}
		return c.JSON(statementJSON(st))
	}
}

// stepPage asks for confirmation of a step and says what it will do.
type stepPage struct {
	Layout
	St           *app.Statement
	Step, Path   string
	Heading      string
	Consequences []string
	Refusal      string // why the step cannot be taken now; then no button
	Form         stmtForm
	MaxReason    int
}

func (s *Server) stepView(c *fiber.Ctx, step statementStep) (*stepPage, error) {
	b, err := s.deps.Statements.Board(c.UserContext(), c.Params("id"))
	if err != nil {
		return nil, err
	}
	st := b.Statement
	p := &stepPage{Layout: s.layout(c, "steps."+step.name+"_title"), St: st, Step: step.name, Path: step.path,
		MaxReason: app.MaxStepReason}
	p.Heading = p.Title
	p.Title = p.Title + ": " + st.Title
	p.Form = s.newStmtForm(p.Layout)
	p.Form.Values["version"] = strconv.Itoa(st.Version)
	p.Consequences, p.Refusal = stepConsequences(p.Layout, step.name, b)
	return p, nil
}

// stepConsequences says what step will do to b's statement, and why it
// cannot be taken now, if so.
func stepConsequences(l Layout, step string, b *app.SigningBoard) (lines []string, refusal string) {
	st := b.Statement
	switch step {
	case "publish":
		lines = append(lines, fmt.Sprintf(l.T("steps.publish_counts"), b.Signed, b.Declined, b.Pending),
			quorumLine(l, st.Quorum), l.T("steps.publish_effect"))
		if err := st.Publishable(); err != nil {
			refusal = translate(l.msgs, app.ErrorMessage(err))
		}
	case "reopen":
		lines = append(lines, fmt.Sprintf(l.T("steps.reopen_voids"), len(st.Signatures), b.Signed, b.Declined),
			l.T("steps.reopen_effect"))
		if st.Status != app.StatementSigning {
			refusal = l.T("steps.reopen_refused")
		}
	default:
		lines = append(lines, l.T("steps.withdraw_effect"))
		if st.Status != app.StatementPublished {
			refusal = l.T("steps.withdraw_refused")
		}
	}
	return lines, refusal
}

func quorumLine(l Layout, quorum int) string {
	if quorum == 0 {
		return l.T("steps.no_quorum")
	}
	return fmt.Sprintf(l.T("steps.quorum"), quorum)
}

// stepConfirmPage is the GET of a step: the confirmation page.
func (s *Server) stepConfirmPage(step statementStep) fiber.Handler {
	return func(c *fiber.Ctx) error {
		p, err := s.stepView(c, step)
		if err != nil {
			return err
		}
		return s.render(c, fiber.StatusOK, "statement_step", p)
	}
}

// stepForm takes a confirmed step and returns to the statement with a
// flash; a refusal shows the confirmation page again, with the reason
// typed and the error at the top.
func (s *Server) stepForm(step statementStep) fiber.Handler {
	return func(c *fiber.Ctx) error {
		version, _ := strconv.Atoi(c.FormValue("version"))
		in := app.Step{Reason: c.FormValue("reason"), Version: version}
		st, err := step.run(s.deps.Statements, c.UserContext(), currentUser(c), c.Params("id"), in)
		if err == nil {
			return s.redirectWithFlash(c, statementURL(st.ID), step.flash)
		}
		p, perr := s.stepView(c, step)
		if perr != nil {
			return perr
		}
		values := formValues(c, "reason")
		values["version"] = p.Form.Values["version"]
		return s.rerender(c, err, "statement_step", p, p.Form.Form, values)
	}
}
