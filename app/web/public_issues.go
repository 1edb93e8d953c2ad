package web

import (
	"html/template"
	"slices"
	"sort"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// publicIssuesPage lists the public advocacy issues (/fragor).
type publicIssuesPage struct {
	Layout
	Issues []issueCard
}

func (s *Server) publicIssuesPage(c *fiber.Ctx) error {
	issues, err := s.publicIssues(c.UserContext())
	if err != nil {
		return err
	}
	p := publicIssuesPage{Layout: s.layout(c, "public.issues.title"), Issues: topIssues(issues, len(issues))}
	for _, i := range issues { // closed issues last
		if v, _ := i.PublicView(); i.Status == "closed" {
			p.Issues = append(p.Issues, issueCard{Title: v.Title, Slug: v.Slug, Summary: v.Summary, Topics: v.Topics})
		}
	}
	return s.render(c, fiber.StatusOK, "public_issues", p)
}

// publicIssuePage is the public page of one issue (/fragor/{slug}): its
// position in a few lines (the summary) and its text, its public standing
// positions with the published statements each was used in, and a
// timeline of the published statements and the consultations on it.
type publicIssuePage struct {
	Layout
	Issue     app.PublicIssue
	Body      template.HTML
	Positions []publicPositionView
	Timeline  []timelineItem
	FeedURL   string
}

type publicPositionView struct {
	Title, Text string
	UsedIn      []linkItem
}

type linkItem struct{ Title, URL string }

type timelineItem struct {
	On, KindKey, Title, URL, Detail string
}

func (s *Server) publicIssuePage(c *fiber.Ctx) error {
	ctx := c.UserContext()
	issues, err := s.publicIssues(ctx)
	if err != nil {
		return err
	}
	idx := slices.IndexFunc(issues, func(i *app.Issue) bool { return i.Slug == c.Params("slug") })
	if idx < 0 {
		return app.Errorf(app.ENOTFOUND, "Sidan finns inte.")
	}
	issue := issues[idx]
	v, _ := issue.PublicView()
	p := publicIssuePage{Layout: s.layout(c, "public.issues.title"), Issue: v, Body: renderMarkdown(v.Body),
		FeedURL: "/feed/fraga/" + v.Slug + ".atom"}
	p.Title = v.Title
	published, err := s.allPublished(ctx)
	if err != nil {
		return err
	}
	bySt := map[string]*app.Statement{}
	for _, st := range published {
		bySt[st.ID] = st
	}
	positions, _, err := s.publicPositions(ctx, []*app.Issue{issue})
	if err != nil {
		return err
	}
	for _, pos := range positions {
		pv := publicPositionView{Title: pos.Title, Text: pos.Text}
		for _, id := range pos.UsedIn {
			if st, ok := bySt[id]; ok { // only published statements are named
				pv.UsedIn = append(pv.UsedIn, linkItem{Title: st.Title, URL: "/stallningstaganden/" + st.Slug})
			}
		}
		p.Positions = append(p.Positions, pv)
	}
	if p.Timeline, err = s.issueTimeline(c, p.Layout, issue, published); err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "public_issue", p)
}

// issueTimeline: the published statements on the issue and the public
// facts of its consultations, newest first.
func (s *Server) issueTimeline(c *fiber.Ctx, l Layout, issue *app.Issue, published []*app.Statement) ([]timelineItem, error) {
	var items []timelineItem
	for _, st := range published {
		if slices.Contains(issue.StatementIDs, st.ID) || (st.ConsultationID != "" && slices.Contains(issue.ConsultationIDs, st.ConsultationID)) {
			items = append(items, timelineItem{On: app.DateOf(st.PublishedAt).String(), KindKey: "kind." + string(st.Kind),
				Title: st.Title, URL: "/stallningstaganden/" + st.Slug})
		}
	}
	cons, err := s.allConsultations(c.UserContext())
	if err != nil {
		return nil, err
	}
	for _, co := range cons {
		if !slices.Contains(issue.ConsultationIDs, co.ID) && !slices.Contains(co.IssueIDs, issue.ID) {
			continue
		}
		f := co.PublicFacts()
		items = append(items, timelineItem{On: f.Deadline.String(), KindKey: "public.timeline.consultation",
			Title: f.Title, URL: f.SourceURL, Detail: joinNonEmpty(", ", f.Reference, f.Issuer)})
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].On > items[j].On })
	return items, nil
}

func joinNonEmpty(sep string, parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += sep
		}
		out += p
	}
	return out
}
