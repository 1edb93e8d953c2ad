package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// publicMembersPage lists the members (/medlemmar) with each one's share
// of the network's published statements that went to signing.
type publicMembersPage struct {
	Layout
	Members []memberShareRow
	Asked   int
}

type memberShareRow struct {
	Name, Slug, County string
	Signed, Percent    int
}

func (s *Server) publicMembersPage(c *fiber.Ctx) error {
	part, err := s.publicParticipation(c)
	if err != nil {
		return err
	}
	p := publicMembersPage{Layout: s.layout(c, "public.members.title"), Asked: len(part.Statements)}
	for _, r := range part.Rows {
		p.Members = append(p.Members, memberShareRow{Name: r.Member.Name, Slug: r.Member.Slug, County: r.Member.County,
			Signed: r.Signed, Percent: r.SignedPercent()})
	}
	return s.render(c, fiber.StatusOK, "public_members", p)
}

func (s *Server) publicParticipation(c *fiber.Ctx) (*app.Participation, error) {
	ctx := c.UserContext()
	published, err := s.allPublished(ctx)
	if err != nil {
		return nil, err
	}
	members, err := s.activeMembers(ctx)
	if err != nil {
		return nil, err
	}
	return app.BuildParticipation(members, published, true), nil
}

// publicMemberPage is one member's public page (/medlemmar/{slug}): the
// published statements it signed and its share of the network's
// published statements that went to signing.
type publicMemberPage struct {
	Layout
	M                        *app.Member
	Signed                   []statementCard
	Asked, Count, Percent    int
	Declined, None, Answered int
	FeedURL                  string
}

func (s *Server) publicMemberPage(c *fiber.Ctx) error {
	m, err := s.deps.Members.BySlug(c.UserContext(), c.Params("slug"))
	if err != nil {
		return app.Errorf(app.ENOTFOUND, "Sidan finns inte.")
	}
	part, err := s.publicParticipation(c)
	if err != nil {
		return err
	}
	p := publicMemberPage{Layout: s.layout(c, "public.members.title"), M: m, Asked: len(part.Statements),
		FeedURL: "/feed/medlem/" + m.Slug + ".atom"}
	p.Title = m.Name
	if r, ok := part.RowOf(m.ID); ok {
		p.Count, p.Percent, p.Declined, p.None, p.Answered = r.Signed, r.SignedPercent(), r.Declined, r.None, r.AnsweredPercent()
		for i := len(part.Statements) - 1; i >= 0; i-- { // newest first
			if r.Cells[i] == app.CellSigned {
				p.Signed = append(p.Signed, cardOf(part.Statements[i]))
			}
		}
	}
	return s.render(c, fiber.StatusOK, "public_member", p)
}
