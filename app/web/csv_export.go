package web

import (
	"bytes"
	"encoding/csv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// CSV exports for the secretariat's reports: the consultation register and
// every signature of the current signing rounds. They are UTF-8 with a
// byte order mark, so that Excel shows å, ä and ö, separated by semicolons
// (Excel's separator where the decimal sign is a comma, as in Sweden), and
// quoted by encoding/csv (RFC 4180, CRLF line ends).

// exportRoutes registers the CSV exports and the internal downloads of a
// statement as PDF, Word and e-mail draft.
func (s *Server) exportRoutes(site, api fiber.Router) {
	staff := requireRole(app.RoleAdmin, app.RoleSecretariat)
	api.Get("/consultations.csv", staff, s.consultationsCSV)
	site.Get("/internt/remisser.csv", staff, s.consultationsCSV)
	site.Get("/internt/signaturer.csv", staff, s.signaturesCSV)

	in := "/internt/stallningstaganden/:id/remissvar"
	site.Get(in+".pdf", hideFromAnonymous, s.statementPDF)
	site.Get(in+".docx", hideFromAnonymous, s.statementDOCX)
	site.Get(in+".eml", hideFromAnonymous, staff, s.statementEML)
}

var consultationHeader = []string{"Diarienummer", "Titel", "Avsändare", "Betänkande", "Status", "Inkom",
	"Sista svarsdag", "Utkast klart senast", "Underskrifter senast", "Arbetsdagar kvar", "Skäl att avstå",
	"Ämnen", "Källa", "Skapad", "Ändrad"}

func (s *Server) consultationsCSV(c *fiber.Ctx) error {
	ctx := c.UserContext()
	today := app.DateOf(s.deps.Clock.Now())
	items, _, err := s.deps.Consultations.List(ctx, app.ConsultationFilter{Today: today})
	if err != nil {
		return err
	}
	msgs := s.views.messages["sv"]
	rows := [][]string{consultationHeader}
	for _, k := range items {
		status := k.EffectiveStatus(today)
		label := msgs["consultations.status."+string(status)]
		if label == "" {
			label = string(status)
		}
		left := ""
		if status != app.ConsultationSubmitted && status != app.ConsultationDeclined && !k.Deadline.IsZero() {
			left = itoa(k.WorkingDaysLeftOn(today))
		}
		rows = append(rows, []string{k.Reference, k.Title, k.Issuer, k.ReportNumber, label, k.ReceivedOn.String(),
			k.Deadline.String(), k.DraftDue.String(), k.SignaturesDue.String(), left, k.DeclineReason,
			strings.Join(k.Topics, ", "), k.SourceURL, csvTime(k.CreatedAt), csvTime(k.UpdatedAt)})
	}
	return sendCSV(c, "Remissregister "+today.String()+".csv", rows)
}

var signatureHeader = []string{"Ställningstagande", "Status", "Omgång", "Kontrollsumma", "Medlem", "Beslut",
	"Undertecknare", "Titel", "Beslutande organ", "Beslutsdatum", "Paragraf", "Medlemmens diarienummer",
	"Reservation", "Beslut registrerat", "Registrerat av"}

var decisionNames = map[string]string{app.DecisionSigned: "Undertecknat", app.DecisionDeclined: "Avböjt"}

// signaturesCSV lists the decisions of every statement's current signing
// round, statement by statement.
func (s *Server) signaturesCSV(c *fiber.Ctx) error {
	ctx := c.UserContext()
	sts, _, err := s.deps.Statements.List(ctx, app.StatementFilter{})
	if err != nil {
		return err
	}
	rows := [][]string{signatureHeader}
	for _, st := range sts {
		for _, g := range st.Signatures {
			decision := decisionNames[g.Decision]
			if decision == "" {
				decision = g.Decision
			}
			rows = append(rows, []string{st.Title, string(st.Status), itoa(st.Round), g.ContentHash, g.MemberName,
				decision, g.SignatoryName, g.SignatoryTitle, g.DecidedBy, g.DecidedOn.String(), g.Paragraph,
				g.MemberReference, g.Reservation, csvTime(g.SignedAt), g.RegisteredByName})
		}
	}
	return sendCSV(c, "Underskrifter "+app.DateOf(s.deps.Clock.Now()).String()+".csv", rows)
}

// sendCSV answers rows as a CSV download.
func sendCSV(c *fiber.Ctx, name string, rows [][]string) error {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.Comma, w.UseCRLF = ';', true
	for _, r := range rows {
		for i := range r {
			r[i] = defuseFormula(r[i])
		}
		if err := w.Write(r); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+asciiName(name)+`"`)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.Send(buf.Bytes())
}

// defuseFormula keeps a spreadsheet from running user text as a formula
// (CSV injection): a field that starts with = + - @ or a tab gets a
// leading apostrophe, which Excel and LibreOffice show as text.
func defuseFormula(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}

func asciiName(s string) string {
	return strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "Å", "A", "Ä", "A", "Ö", "O", `"`, "").Replace(s)
}

func csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(app.Stockholm).Format("2006-01-02 15:04")
}
