package web

import (
	"html/template"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// publicStatementPage is the public page of a published statement: exactly
// the signed text, the members that signed it with their mandates, the
// content hash and the publication time. A withdrawn statement keeps only
// a note that it was withdrawn and when.
type publicStatementPage struct {
	Layout
	St                       *app.Statement
	KindKey                  string
	Withdrawn                bool
	Summary                  string
	Body                     template.HTML
	Signers                  []publicSigner
	Decliners                []publicSigner // members that declined: public once published
	PublishedAt, Published   string
	WithdrawnAt, WithdrawnOn string
	Consultation             *app.Consultation
	TextURL                  string // the canonical text, whose SHA-256 is the checksum shown
}

type publicSigner struct {
	Member, Signatory, Mandate, Reservation string
}

func (s *Server) publicStatementPage(c *fiber.Ctx) error {
	st, err := s.deps.Statements.BySlug(c.UserContext(), c.Params("slug"))
	if err != nil {
		return err
	}
	if !st.IsPublic() {
		return app.Errorf(app.ENOTFOUND, "Sidan finns inte.")
	}
	p := publicStatementPage{Layout: s.layout(c, "statements.title"), St: st, KindKey: "kind." + string(st.Kind),
		Withdrawn: st.Status == app.StatementWithdrawn, PublishedAt: st.PublishedAt.Format(time.RFC3339),
		Published: localTime(st.PublishedAt), WithdrawnAt: st.WithdrawnAt.Format(time.RFC3339), WithdrawnOn: localTime(st.WithdrawnAt)}
	p.Title = st.Title
	p.TextURL = strings.TrimRight(s.cfg.BaseURL, "/") + "/stallningstaganden/" + st.Slug + ".txt"
	if !p.Withdrawn {
		p.Summary, p.Body = st.Summary, renderMarkdown(st.Body)
		for i := range st.Signatures {
			g := &st.Signatures[i]
			switch g.Decision {
			case app.DecisionSigned:
				p.Signers = append(p.Signers, publicSigner{Member: g.MemberName, Signatory: g.SignatoryName + ", " + g.SignatoryTitle,
					Mandate: mandateLine(p.Layout, g), Reservation: g.Reservation})
			case app.DecisionDeclined:
				p.Decliners = append(p.Decliners, publicSigner{Member: g.MemberName, Mandate: mandateLine(p.Layout, g)})
			}
		}
	}
	if st.ConsultationID != "" {
		p.Consultation, _ = s.deps.Consultations.Get(c.UserContext(), st.ConsultationID)
	}
	return s.render(c, fiber.StatusOK, "statement_public", p)
}
