package web

import (
	"html/template"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

type revisionRow struct {
	Number           int
	Author, At, ISO  string
	Current          bool
	CompareWithPrior string
}

type revisionsPage struct {
	Layout
	St   *app.Statement
	Rows []revisionRow
}

func (s *Server) revisionsPage(c *fiber.Ctx) error {
	ctx := c.UserContext()
	st, err := s.deps.Statements.Get(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	revs, err := s.deps.Statements.Revisions(ctx, st.ID)
	if err != nil {
		return err
	}
	p := revisionsPage{Layout: s.layout(c, "revisions.title"), St: st}
	for i := len(revs) - 1; i >= 0; i-- {
		r := revs[i]
		row := revisionRow{Number: r.Number, Author: r.AuthorName, At: localTime(r.At), ISO: r.At.Format(time.RFC3339),
			Current: r.Number == st.Revision}
		if i > 0 {
			row.CompareWithPrior = statementURL(st.ID) + "/jamfor?fran=" + strconv.Itoa(revs[i-1].Number) + "&till=" + strconv.Itoa(r.Number)
		}
		p.Rows = append(p.Rows, row)
	}
	return s.render(c, fiber.StatusOK, "statement_versions", p)
}

type diffPage struct {
	Layout
	St                   *app.Statement
	From, To             int
	Numbers              []int
	Changed              bool
	Title, Summary, Body template.HTML
	FromAuthor, ToAuthor string
	FromAt, ToAt         string
	// Source shows the diff of the Markdown; by default Blocks shows it
	// on the rendered text.
	Source                 bool
	Blocks                 []blockDiffView
	RenderedURL, SourceURL string
}

func (s *Server) diffPage(c *fiber.Ctx) error {
	ctx := c.UserContext()
	st, err := s.deps.Statements.Get(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	d, err := s.revisionPair(c, "fran", "till")
	if err != nil {
		return err
	}
	l := s.diffLabels(c)
	p := diffPage{Layout: s.layout(c, "diff.title"), St: st, From: d.From.Number, To: d.To.Number, Changed: d.Changed(),
		Title: diffHTML(d.Title, l), Summary: diffHTML(d.Summary, l), Body: diffHTML(d.Body, l),
		FromAuthor: d.From.AuthorName, ToAuthor: d.To.AuthorName, FromAt: localTime(d.From.At), ToAt: localTime(d.To.At)}
	for n := 1; n <= st.Revision; n++ {
		p.Numbers = append(p.Numbers, n)
	}
	q := statementURL(st.ID) + "/jamfor?fran=" + strconv.Itoa(p.From) + "&till=" + strconv.Itoa(p.To)
	p.RenderedURL, p.SourceURL, p.Source = q, q+"&visa=kalla", c.Query("visa") == "kalla"
	if !p.Source {
		p.Blocks = renderedDiff(d.From.Body, d.To.Body, l)
	}
	return s.render(c, fiber.StatusOK, "statement_diff", p)
}

type logRow struct {
	At, ISO, Who, What, Note, Change, Link, LinkText string
}

type statementLogPage struct {
	Layout
	St   *app.Statement
	Rows []logRow
}

// statementLogPage shows the audit log of one statement, or of all
// statements at /internt/stallningstaganden/logg.
func (s *Server) statementLogPage(c *fiber.Ctx) error {
	ctx := c.UserContext()
	p := statementLogPage{Layout: s.layout(c, "statements.log_all")}
	f := app.AuditFilter{EntityType: "statement", Page: app.Page{Number: 1, Size: 200}}
	if id := c.Params("id"); id != "" {
		st, err := s.deps.Statements.Get(ctx, id)
		if err != nil {
			return err
		}
		p.St, f.EntityID, p.Title = st, st.ID, p.T("statements.log")
	}
	events, _, err := s.deps.Audit.List(ctx, f)
	if err != nil {
		return err
	}
	for _, e := range events {
		row := logRow{At: localTime(e.At), ISO: e.At.Format(time.RFC3339), Who: e.ActorName, What: p.T("audit." + e.Action),
			Note: e.Note}
		if e.Before != "" || e.After != "" {
			row.Change = statusWord(p.Layout, e.Before) + " → " + statusWord(p.Layout, e.After)
		}
		if p.St == nil {
			row.Link, row.LinkText = statementURL(e.EntityID), p.T("statements.open")
		}
		p.Rows = append(p.Rows, row)
	}
	return s.render(c, fiber.StatusOK, "statement_log", p)
}

// statusWord is a statement status in the page's language; a version
// number (an edit's before and after) stays as it is.
func statusWord(l Layout, v string) string {
	if key := "statements.status_" + v; l.T(key) != key {
		return l.T(key)
	}
	return v
}
