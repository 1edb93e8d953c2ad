package web

import (
	"context"
	"net/mail"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/export"
)

// Downloads of a statement as PDF, Word and e-mail draft. The public URLs
// (/stallningstaganden/{slug}.pdf|.docx) serve published statements only
// and answer 404 for anything else, to everyone. Signed-in users download
// any statement they can see from /internt/stallningstaganden/{id}/
// remissvar.pdf|.docx; the e-mail draft to the ministry (.eml) is the
// secretariat's submission package.

type fileFormat struct {
	ext, mime string
}

var (
	formatPDF  = fileFormat{"pdf", "application/pdf"}
	formatDOCX = fileFormat{"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
	formatEML  = fileFormat{"eml", "message/rfc822"}
)

func (s *Server) statementPDF(c *fiber.Ctx) error  { return s.sendStatementFile(c, formatPDF) }
func (s *Server) statementDOCX(c *fiber.Ctx) error { return s.sendStatementFile(c, formatDOCX) }
func (s *Server) statementEML(c *fiber.Ctx) error  { return s.sendStatementFile(c, formatEML) }

// sendStatementFile answers the statement of the route (by :id on the
// internal routes, which need a signed-in user; by :slug on the public
// ones, published only) as a file.
func (s *Server) sendStatementFile(c *fiber.Ctx, f fileFormat) error {
	ctx := c.UserContext()
	st, err := s.downloadableStatement(c)
	if err != nil {
		return err
	}
	doc, err := s.statementDocument(ctx, st)
	if err != nil {
		return err
	}
	body, err := s.renderStatementFile(c, doc, f)
	if err != nil {
		return err
	}
	name := export.FileName(doc.Kind, firstNonBlank(doc.Diarienummer, doc.Title), doc.Network, f.ext)
	c.Set(fiber.HeaderContentType, f.mime)
	c.Set(fiber.HeaderContentDisposition, export.ContentDisposition(name))
	c.Set("X-Content-Type-Options", "nosniff")
	if c.Params("id") != "" {
		c.Set(fiber.HeaderCacheControl, "private, no-store")
	} else {
		c.Set(fiber.HeaderCacheControl, "public, max-age=300")
	}
	return c.Send(body)
}

func (s *Server) downloadableStatement(c *fiber.Ctx) (*app.Statement, error) {
	ctx := c.UserContext()
	if id := c.Params("id"); id != "" {
		if currentUser(c) == nil { // the route guards this; never serve an unpublished text anonymously
			return nil, app.Errorf(app.ENOTFOUND, "Ställningstagandet finns inte.")
		}
		return s.deps.Statements.Get(ctx, id)
	}
	st, err := s.deps.Statements.BySlug(ctx, c.Params("slug"))
	if err != nil {
		return nil, err
	}
	if st.Status != app.StatementPublished {
		return nil, app.Errorf(app.ENOTFOUND, "Ställningstagandet finns inte.")
	}
	return st, nil
}

func (s *Server) renderStatementFile(c *fiber.Ctx, doc export.Document, f fileFormat) ([]byte, error) {
	switch f {
	case formatPDF:
		return s.statementPDFBytes(c.UserContext(), doc)
	case formatDOCX:
		return export.DOCX(doc)
	}
	u := currentUser(c)
	if u == nil || !u.IsStaff() {
		return nil, app.Errorf(app.EFORBIDDEN, "Bara kansliet skickar remissvar.")
	}
	to, err := s.registryAddress(c, doc)
	if err != nil {
		return nil, err
	}
	pdf, err := s.statementPDFBytes(c.UserContext(), doc)
	if err != nil {
		return nil, err
	}
	docx, err := export.DOCX(doc)
	if err != nil {
		return nil, err
	}
	from := (&mail.Address{Name: u.Name, Address: u.Email}).String()
	return export.EML(doc, to, from, pdf, docx)
}

// registryAddress is where the e-mail draft goes: ?to= when the
// secretariat gives one, else the address configured for the issuer
// (SAMSYN_REGISTRY_ADDRESSES), else the ministry's address for consultation
// responses when the diarienummer or issuer names a known ministry, else
// none (the secretariat fills it in).
func (s *Server) registryAddress(c *fiber.Ctx, doc export.Document) (string, error) {
	if to := strings.TrimSpace(c.Query("to")); to != "" {
		a, err := mail.ParseAddress(to)
		if err != nil {
			return "", app.FieldError("to", "Ange en giltig e-postadress.")
		}
		return a.Address, nil
	}
	for issuer, addr := range s.cfg.RegistryAddresses {
		if strings.EqualFold(strings.TrimSpace(issuer), strings.TrimSpace(doc.Addressee)) {
			return addr, nil
		}
	}
	if m, ok := export.MinistryOf(doc.Diarienummer, doc.Addressee); ok {
		return m.Registry, nil
	}
	return "", nil
}

// statementDocument gathers what an exported statement shows: the text,
// the consultation it answers (title, diarienummer, ministry), the members
// that signed with their mandates, and, for anything not published, a
// draft mark.
func (s *Server) statementDocument(ctx context.Context, st *app.Statement) (export.Document, error) {
	d := export.Document{Kind: export.KindName(st.Kind), Title: st.Title, Network: s.cfg.NetworkName,
		Language: contentLanguage, Summary: st.Summary, Body: st.Body, ContentHash: st.ContentHash,
		OurReference: st.Reference}
	if st.Status == app.StatementPublished {
		d.Published = st.PublishedAt
		d.URL = strings.TrimRight(s.cfg.BaseURL, "/") + "/stallningstaganden/" + st.Slug
	} else {
		d.Draft = draftMarks[st.Status]
	}
	if st.ConsultationID != "" {
		c, err := s.deps.Consultations.Get(ctx, st.ConsultationID)
		switch app.ErrorCode(err) {
		case "":
			d.ConsultationTitle, d.Diarienummer, d.Addressee = c.Title, c.Reference, c.Issuer
			if m, ok := export.MinistryOf(c.Reference, c.Issuer); ok {
				d.Addressee = m.Name
			}
		case app.ENOTFOUND: // the link is stale: export without it
		default:
			return d, err
		}
	}
	for _, g := range st.Signatures {
		if g.Decision != app.DecisionSigned {
			continue
		}
		d.Signatories = append(d.Signatories, export.Signatory{Member: g.MemberName, Name: g.SignatoryName,
			Title: g.SignatoryTitle, DecidedBy: g.DecidedBy, DecidedOn: g.DecidedOn, Paragraph: g.Paragraph,
			MemberReference: g.MemberReference, Reservation: g.Reservation})
	}
	d.ApprovedDigitally = len(d.Signatories) > 0
	return d, nil
}

var draftMarks = map[app.StatementStatus]string{
	app.StatementDraft:     "UTKAST – ej undertecknat eller publicerat",
	app.StatementSigning:   "UNDER UNDERTECKNANDE – ej publicerat",
	app.StatementWithdrawn: "TILLBAKADRAGET – gäller inte längre",
}

func firstNonBlank(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// statementPDFBytes prints doc to a tagged PDF with the Printer (Chromium);
// without one, or should it fail, it makes fpdf's untagged PDF, which then
// says that it is not tagged.
func (s *Server) statementPDFBytes(ctx context.Context, doc export.Document) ([]byte, error) {
	if s.deps.Printer != nil {
		html, err := export.PrintHTML(doc)
		if err != nil {
			return nil, err
		}
		pdf, err := s.deps.Printer.PDF(ctx, html)
		if err == nil {
			return pdf, nil
		}
		if ctx.Err() != nil {
			return nil, err
		}
		s.log.Warn("tagged PDF failed; sending the untagged one", "err", err)
	}
	doc.Untagged = export.UntaggedNote
	return export.PDF(doc)
}
