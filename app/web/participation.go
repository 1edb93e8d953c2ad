package web

import (
	"slices"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// participationPage shows who takes part: a members × statements heatmap
// (an SVG image) with the same numbers in a data table, and each member's
// response rate per year. The public variant (/deltagande) counts
// published statements only; the secretariat's (/internt/deltagande)
// also those in signing. The rule of what counts is in
// app/participation.go.
type participationPage struct {
	Layout
	Public     bool
	Statements []partStatement
	Rows       []partRow
	Years      []int
	Map        heatmap
	Totals     struct{ Signed, Declined, None int }
	Empty      bool
	// The secretariat's view: who is hidden from the public one, and the
	// form that hides another.
	Hidden      []hiddenView
	HideForm    *Form
	HideOptions []Option
}

type hiddenView struct{ ID, Name, Reason string }

type partStatement struct {
	N                      int
	Title, URL, On, Status string
}

type partRow struct {
	Member, Slug           string
	Cells                  []partCell
	Signed, Declined, None int
	Answered               int // percent
	ByYear                 []partYear
}

type partCell struct{ State, Label string }

type partYear struct {
	Asked, Answered, Percent int
}

func (s *Server) participationPage(public bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		ctx := c.UserContext()
		key := "public.part.title"
		statuses := []app.StatementStatus{app.StatementPublished}
		if !public {
			key = "public.part.internal_title"
			statuses = append(statuses, app.StatementSigning)
		}
		p := participationPage{Layout: s.layout(c, key), Public: public}
		sts, _, err := s.deps.Statements.List(ctx, app.StatementFilter{Statuses: statuses})
		if err != nil {
			return err
		}
		members, err := s.activeMembers(ctx)
		if err != nil {
			return err
		}
		if members, err = s.withHidden(c, &p, members); err != nil {
			return err
		}
		opened, err := s.deps.Audit.SigningOpened(ctx)
		if err != nil {
			return err
		}
		part := app.BuildFairParticipation(members, sts, public, opened)
		p.fill(part)
		p.Map = buildHeatmap(p.Layout, part)
		return s.render(c, fiber.StatusOK, "participation", p)
	}
}

func (p *participationPage) fill(part *app.Participation) {
	p.Years, p.Empty = part.Years, len(part.Statements) == 0
	for i, st := range part.Statements {
		ps := partStatement{N: i + 1, Title: st.Title, On: app.DateOf(app.StatementDate(st)).String(),
			Status: p.T("public.part.status." + string(st.Status))}
		if st.Status == app.StatementPublished {
			ps.URL = "/stallningstaganden/" + st.Slug
		} else if !p.Public {
			ps.URL = "/internt/stallningstaganden/" + st.ID
		}
		p.Statements = append(p.Statements, ps)
	}
	for _, r := range part.Rows {
		row := partRow{Member: r.Member.Name, Slug: r.Member.Slug, Signed: r.Signed, Declined: r.Declined, None: r.None,
			Answered: r.AnsweredPercent()}
		for _, cell := range r.Cells {
			row.Cells = append(row.Cells, partCell{State: cell, Label: p.T("public.part.cell." + cell)})
		}
		for _, y := range r.ByYear {
			row.ByYear = append(row.ByYear, partYear{Asked: y.Asked, Answered: y.Answered, Percent: y.Percent()})
		}
		p.Totals.Signed += r.Signed
		p.Totals.Declined += r.Declined
		p.Totals.None += r.None
		p.Rows = append(p.Rows, row)
	}
}

// heatmap is the geometry of the SVG: one square per member and statement.
type heatmap struct {
	Width, Height int
	Summary       string
	Cols          []heatCol
	Rows          []heatRow
	LabelX        int
}

type heatCol struct {
	X, LabelX int
	Label     string
}

type heatRow struct {
	Y, TextY int
	Label    string
	Cells    []heatCell
}

type heatCell struct {
	X, Y, TextX, TextY int
	Class, Mark        string
}

const (
	heatCell0  = 30  // cell size
	heatLabelW = 190 // member name column
	heatHeadH  = 34  // column numbers
)

var heatMarks = map[string]string{app.CellSigned: "✓", app.CellDeclined: "✗", app.CellNone: "–", app.CellNotMember: ""}

func buildHeatmap(l Layout, part *app.Participation) heatmap {
	h := heatmap{Width: heatLabelW + heatCell0*len(part.Statements) + 4, Height: heatHeadH + heatCell0*len(part.Rows) + 4,
		LabelX: heatLabelW - 8}
	signed, declined, none := 0, 0, 0
	for i := range part.Statements {
		x := heatLabelW + i*heatCell0
		h.Cols = append(h.Cols, heatCol{X: x, LabelX: x + heatCell0/2, Label: strconv.Itoa(i + 1)})
	}
	for ri, r := range part.Rows {
		y := heatHeadH + ri*heatCell0
		row := heatRow{Y: y, TextY: y + heatCell0/2 + 5, Label: r.Member.Name}
		for ci, cell := range r.Cells {
			x := heatLabelW + ci*heatCell0
			row.Cells = append(row.Cells, heatCell{X: x + 1, Y: y + 1, TextX: x + heatCell0/2, TextY: y + heatCell0/2 + 5,
				Class: "hm-" + cell, Mark: heatMarks[cell]})
		}
		signed, declined, none = signed+r.Signed, declined+r.Declined, none+r.None
		h.Rows = append(h.Rows, row)
	}
	h.Summary = l.T("public.part.svg_summary") + " " + strconv.Itoa(len(part.Rows)) + " × " + strconv.Itoa(len(part.Statements)) +
		". " + l.T("public.part.cell.signed") + ": " + strconv.Itoa(signed) + ", " + l.T("public.part.cell.declined") + ": " +
		strconv.Itoa(declined) + ", " + l.T("public.part.cell.none") + ": " + strconv.Itoa(none) + ". " + l.T("public.part.svg_table")
	return h
}

// withHidden leaves the hidden members out of the public view; the
// secretariat's lists them, with the form to hide another.
func (s *Server) withHidden(c *fiber.Ctx, p *participationPage, members []*app.Member) ([]*app.Member, error) {
	hidden, err := s.deps.Members.HiddenFromParticipation(c.UserContext())
	if err != nil {
		return nil, err
	}
	if p.Public {
		return slices.DeleteFunc(members, func(m *app.Member) bool { return hidden[m.ID] != nil }), nil
	}
	p.HideForm = s.newForm(p.Layout)
	p.HideOptions = []Option{{Value: "", Label: p.T("public.part.choose_member")}}
	for _, m := range app.SortMembers(members) {
		if h := hidden[m.ID]; h != nil {
			p.Hidden = append(p.Hidden, hiddenView{ID: m.ID, Name: m.Name, Reason: h.Reason})
		} else {
			p.HideOptions = append(p.HideOptions, contentOption(m.ID, m.Name))
		}
	}
	return members, nil
}

// participationHideForm hides a member from the public view, with a reason.
func (s *Server) participationHideForm(c *fiber.Ctx) error {
	err := s.deps.Members.HideFromParticipation(c.UserContext(), currentUser(c), c.FormValue("member_id"), c.FormValue("reason"))
	if err == nil {
		return s.redirectWithFlash(c, "/internt/deltagande#dolda", "public.part.hidden_saved")
	}
	if app.ErrorCode(err) == app.ENOTFOUND {
		err = app.FieldError("member_id", "error.member.not_found")
	}
	if app.ErrorCode(err) != app.EINVALID {
		return err
	}
	return app.NewError(app.EINVALID, translate(s.views.messages[currentLang(c)], firstField(app.ErrorFields(err), app.ErrorMessage(err))))
}

// participationShowForm shows a hidden member in the public view again.
func (s *Server) participationShowForm(c *fiber.Ctx) error {
	if err := s.deps.Members.ShowInParticipation(c.UserContext(), currentUser(c), c.Params("id")); err != nil {
		return err
	}
	return s.redirectWithFlash(c, "/internt/deltagande#dolda", "public.part.shown_saved")
}
