package web

import (
	"slices"
	"sort"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// homePage answers "what does this network think and what is it working
// on": the latest published statements and standing positions, the open
// consultations it has said it works on (linked to a public issue, with
// the government's facts only) and its top public issues.
type homePage struct {
	Layout
	Statements []statementCard
	Positions  []positionCard
	Open       []openCard
	Issues     []issueCard
}

type statementCard struct {
	Title, Slug, Summary, KindKey, PublishedOn string
}

type positionCard struct{ Title, Text, IssueTitle, IssueSlug string }

type openCard struct {
	app.PublicConsultation
	DeadlineOn string
	DaysLeft   int
}

type issueCard struct {
	Title, Slug, Summary string
	Topics               []string
}

func (s *Server) homePage(c *fiber.Ctx) error {
	ctx := c.UserContext()
	p := homePage{Layout: s.layout(c, "home.title")}
	published, err := s.allPublished(ctx)
	if err != nil {
		return err
	}
	for _, st := range published[:min(6, len(published))] {
		p.Statements = append(p.Statements, cardOf(st))
	}
	issues, err := s.publicIssues(ctx)
	if err != nil {
		return err
	}
	positions, byIssue, err := s.publicPositions(ctx, issues)
	if err != nil {
		return err
	}
	slices.Reverse(positions)
	for _, pos := range positions[:min(4, len(positions))] {
		i := byIssue[pos.IssueID]
		p.Positions = append(p.Positions, positionCard{Title: pos.Title, Text: pos.Text, IssueTitle: i.Title, IssueSlug: i.Slug})
	}
	cons, err := s.allConsultations(ctx)
	if err != nil {
		return err
	}
	today := s.today()
	for _, pc := range app.OpenPublicConsultations(cons, issues, today) {
		p.Open = append(p.Open, openCard{PublicConsultation: pc, DeadlineOn: pc.Deadline.String(),
			DaysLeft: int(pc.Deadline.Sub(today.Time).Hours() / 24)})
	}
	p.Open = p.Open[:min(6, len(p.Open))]
	p.Issues = topIssues(issues, 6)
	return s.render(c, fiber.StatusOK, "home", p)
}

func cardOf(st *app.Statement) statementCard {
	return statementCard{Title: st.Title, Slug: st.Slug, Summary: st.Summary, KindKey: "kind." + string(st.Kind),
		PublishedOn: app.DateOf(st.PublishedAt).String()}
}

// topIssues: the active public issues, high priority first, then the most
// recently updated.
func topIssues(issues []*app.Issue, n int) []issueCard {
	rank := map[string]int{"high": 0, "medium": 1, "low": 2}
	var active []*app.Issue
	for _, i := range issues {
		if i.Public && i.Status != "closed" {
			active = append(active, i)
		}
	}
	sort.SliceStable(active, func(a, b int) bool {
		if ra, rb := rank[active[a].Priority], rank[active[b].Priority]; ra != rb {
			return ra < rb
		}
		return active[a].UpdatedAt.After(active[b].UpdatedAt)
	})
	var out []issueCard
	for _, i := range active[:min(n, len(active))] {
		v, _ := i.PublicView()
		out = append(out, issueCard{Title: v.Title, Slug: v.Slug, Summary: v.Summary, Topics: v.Topics})
	}
	return out
}
