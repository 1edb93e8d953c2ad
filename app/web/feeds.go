package web

import (
	"context"
	"fmt"
	"html"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gorilla/feeds"

	"github.com/samsyn/samsyn/app"
)

// Atom feeds (RFC 4287) of published statements: all of them, per topic,
// per signing member and per public issue. Only published statements ever
// appear — the status is checked again on every statement, whatever the
// store's filter did — so a feed never shows a draft, a text in signing or
// a withdrawn one (rule 1).
const (
	feedLimit     = 50  // entries in a feed
	feedPageSize  = 100 // statements read per store call
	feedScanPages = 20  // at most this many pages are scanned for a filtered feed
	atomMIME      = "application/atom+xml; charset=utf-8"
	// tagDate is the date in the feeds' tag: URIs (RFC 4151); it never
	// changes, so feed ids stay stable.
	tagDate = "2026"
)

// feedRoutes registers the public, anonymous-readable exports: the Atom
// feeds and the downloads of published statements. They are registered
// before the statement pages, because /stallningstaganden/:slug would
// otherwise take /stallningstaganden/x.pdf for a slug.
func (s *Server) feedRoutes(site fiber.Router) {
	site.Get("/feed.atom", s.feedAll)
	site.Get("/feed/amne/:topic.atom", s.feedTopic)
	site.Get("/feed/medlem/:slug.atom", s.feedMember)
	site.Get("/feed/fraga/:slug.atom", s.feedIssue)
	site.Get("/stallningstaganden/:slug.txt", s.statementText)
	site.Get("/stallningstaganden/:slug.pdf", s.statementPDF)
	site.Get("/stallningstaganden/:slug.docx", s.statementDOCX)
}

func (s *Server) feedAll(c *fiber.Ctx) error {
	sts, err := s.publishedStatements(c.UserContext(), func(*app.Statement) bool { return true })
	if err != nil {
		return err
	}
	return s.sendFeed(c, "/feed.atom", s.cfg.NetworkName+": ställningstaganden",
		"Nätverkets publicerade ställningstaganden och remissvar.", sts)
}

func (s *Server) feedTopic(c *fiber.Ctx) error {
	topic, err := url.PathUnescape(c.Params("topic"))
	if err != nil || strings.TrimSpace(topic) == "" {
		return app.Errorf(app.ENOTFOUND, "Flödet finns inte.")
	}
	topic = strings.TrimSpace(topic)
	sts, err := s.publishedStatements(c.UserContext(), func(st *app.Statement) bool {
		return slices.ContainsFunc(st.Topics, func(t string) bool { return strings.EqualFold(t, topic) })
	})
	if err != nil {
		return err
	}
	return s.sendFeed(c, "/feed/amne/"+url.PathEscape(topic)+".atom", s.cfg.NetworkName+": "+topic,
		"Publicerade ställningstaganden om "+topic+".", sts)
}

func (s *Server) feedMember(c *fiber.Ctx) error {
	m, err := s.deps.Members.BySlug(c.UserContext(), c.Params("slug"))
	if err != nil {
		return err
	}
	sts, err := s.publishedStatements(c.UserContext(), func(st *app.Statement) bool { return signedBy(st, m.ID) })
	if err != nil {
		return err
	}
	return s.sendFeed(c, "/feed/medlem/"+m.Slug+".atom", s.cfg.NetworkName+": "+m.Name,
		"Publicerade ställningstaganden som "+m.Name+" har undertecknat.", sts)
}

// feedIssue is the feed of a public issue: the published statements
// linked to it, directly or through its consultations. A non-public issue
// answers 404 like a missing one.
func (s *Server) feedIssue(c *fiber.Ctx) error {
	is, err := s.publicIssueBySlug(c.UserContext(), c.Params("slug"))
	if err != nil {
		return err
	}
	sts, err := s.publishedStatements(c.UserContext(), func(st *app.Statement) bool {
		return slices.Contains(is.StatementIDs, st.ID) ||
			(st.ConsultationID != "" && slices.Contains(is.ConsultationIDs, st.ConsultationID))
	})
	if err != nil {
		return err
	}
	return s.sendFeed(c, "/feed/fraga/"+is.Slug+".atom", s.cfg.NetworkName+": "+is.Title,
		"Publicerade ställningstaganden i frågan "+is.Title+".", sts)
}

func (s *Server) publicIssueBySlug(ctx context.Context, slug string) (*app.Issue, error) {
	for page := 1; page <= feedScanPages; page++ {
		items, total, err := s.deps.Issues.List(ctx, app.IssueFilter{PublicOnly: true, Page: app.Page{Number: page, Size: feedPageSize}})
		if err != nil {
			return nil, err
		}
		for _, is := range items {
			if is.Slug == slug && is.Public {
				return is, nil
			}
		}
		if page*feedPageSize >= total {
			break
		}
	}
	return nil, app.Errorf(app.ENOTFOUND, "Flödet finns inte.")
}

func signedBy(st *app.Statement, memberID string) bool {
	return slices.ContainsFunc(st.Signatures, func(g app.Signature) bool {
		return g.MemberID == memberID && g.Decision == app.DecisionSigned
	})
}

// publishedStatements returns the newest published statements that keep
// accepts, at most feedLimit, newest publication first. The store filters
// by status only, so a filtered feed scans at most feedScanPages pages of
// the most recently changed statements.
func (s *Server) publishedStatements(ctx context.Context, keep func(*app.Statement) bool) ([]*app.Statement, error) {
	var out []*app.Statement
	for page := 1; page <= feedScanPages; page++ {
		items, total, err := s.deps.Statements.List(ctx, app.StatementFilter{Status: app.StatementPublished,
			Page: app.Page{Number: page, Size: feedPageSize}})
		if err != nil {
			return nil, err
		}
		for _, st := range items {
			if st.Status == app.StatementPublished && keep(st) {
				out = append(out, st)
			}
		}
		if page*feedPageSize >= total || len(out) >= feedLimit*2 {
			break
		}
	}
	slices.SortStableFunc(out, func(a, b *app.Statement) int { return b.PublishedAt.Compare(a.PublishedAt) })
	if len(out) > feedLimit {
		out = out[:feedLimit]
	}
	return out, nil
}

// sendFeed answers an Atom feed of sts at path.
func (s *Server) sendFeed(c *fiber.Ctx, path, title, subtitle string, sts []*app.Statement) error {
	base := strings.TrimRight(s.cfg.BaseURL, "/")
	f := &feeds.Feed{Title: title, Description: subtitle, Author: &feeds.Author{Name: s.cfg.NetworkName},
		Link: &feeds.Link{Href: base + path, Rel: "self"}}
	for _, st := range sts {
		f.Items = append(f.Items, s.feedItem(base, st))
		if st.PublishedAt.After(f.Updated) {
			f.Updated = st.PublishedAt
		}
	}
	if f.Updated.IsZero() {
		f.Updated = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) // an empty feed has not changed since it began
	}
	atom := (&feeds.Atom{Feed: f}).AtomFeed()
	atom.Id = s.tagURI("feed" + strings.TrimSuffix(path, ".atom"))
	for i, st := range sts { // atom:published, which gorilla/feeds leaves out
		atom.Entries[i].Published = st.PublishedAt.UTC().Format(time.RFC3339)
	}
	body, err := feeds.ToXML(atom)
	if err != nil {
		return fmt.Errorf("atom feed: %w", err)
	}
	// Titles, summaries and texts are Swedish whatever language the reader
	// chose on the site: the feed says so once, for every entry (WCAG
	// 3.1.2; gorilla/feeds has no field for it).
	body = strings.Replace(body, "<feed xmlns=", `<feed xml:lang="`+contentLanguage+`" xmlns=`, 1)
	c.Set(fiber.HeaderContentType, atomMIME)
	c.Set(fiber.HeaderCacheControl, "public, max-age=300")
	return c.SendString(body)
}

func (s *Server) feedItem(base string, st *app.Statement) *feeds.Item {
	content := string(renderMarkdown(st.Body))
	var signers []string
	for _, g := range st.Signatures {
		if g.Decision == app.DecisionSigned {
			signers = append(signers, g.MemberName)
		}
	}
	if len(signers) > 0 {
		content += "<p><strong>Undertecknat av:</strong> " + html.EscapeString(strings.Join(signers, ", ")) + "</p>"
	}
	return &feeds.Item{
		Id:    s.tagURI("stallningstagande:" + st.ID),
		Title: st.Title, Link: &feeds.Link{Href: base + "/stallningstaganden/" + st.Slug},
		Description: html.EscapeString(st.Summary), Content: content,
		Author:  &feeds.Author{Name: s.cfg.NetworkName},
		Created: st.PublishedAt, Updated: st.PublishedAt,
	}
}

// tagURI is a tag: URI (RFC 4151) on the host of the base URL: it stays
// the same for a statement as long as the site's name does.
func (s *Server) tagURI(specific string) string {
	host := "localhost"
	if u, err := url.Parse(s.cfg.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return "tag:" + host + "," + tagDate + ":" + specific
}
