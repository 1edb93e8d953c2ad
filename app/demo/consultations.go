package demo

import (
	"context"
	"strings"

	"github.com/samsyn/samsyn/app"
)

// Issuers of the demo consultations.
const (
	deptKN = "Klimat- och näringslivsdepartementet"
	deptFi = "Finansdepartementet"
	deptLI = "Landsbygds- och infrastrukturdepartementet"
	deptU  = "Utbildningsdepartementet"
)

// remissSpec describes one demo consultation; days are counted from today
// (received in the past, deadline before or after today).
type remissSpec struct {
	key, title, reference, issuer string
	status                        app.ConsultationStatus
	receivedDaysAgo, deadlineIn   int
	declineReason                 string
	topics                        []string
}

// remisser cover every stored status; "bostadsstod" is still being assessed
// after its deadline, so it shows as missed.
var remisser = []remissSpec{
	{"tillstand", "Ett samordnat och tidsbegränsat tillståndsförfarande för industrin", "KN2026/01234", deptKN,
		app.ConsultationDrafting, 40, 10, "", []string{"tillstånd", "miljöprövning"}},
	{"elnat", "Förhandsinvesteringar i elnätet och snabbare nätanslutning", "KN2026/00871", deptKN,
		app.ConsultationSigning, 60, 12, "", []string{"energi", "elnät"}},
	{"medfinansiering", "Statlig medfinansiering av kommunal infrastruktur vid stora industrietableringar",
		"Fi2026/02110", deptFi, app.ConsultationSubmitted, 95, -20, "", []string{"kommunal ekonomi", "omställning"}},
	{"yrkesvux", "Yrkesutbildning för vuxna i regioner med stora industrisatsningar",
		"U2026/00988", deptU, app.ConsultationAssessing, 10, 60, "", []string{"kompetens", "utbildning"}},
	{"godsstrategi", "En nationell strategi för godstransporter och logistik 2026–2035", "LI2026/00417", deptLI,
		app.ConsultationIncoming, 5, 65, "", []string{"transporter", "järnväg", "logistik"}},
	{"forpackningar", "Ändrade bestämmelser om producentansvar för förpackningar", "KN2026/02277", deptKN,
		app.ConsultationDeclined, 50, -5,
		"Frågan rör främst avfallshanteringen och ligger utanför nätverkets prioriterade frågor. Medlemskommunerna svarar var för sig vid behov.",
		[]string{"avfall", "cirkulär ekonomi"}},
	{"bostadsstod", "Tillfälligt stöd till bostadsbyggande i kommuner med snabb sysselsättningsökning",
		"Fi2026/01080", deptFi, app.ConsultationAssessing, 70, -3, "", []string{"bostäder", "kommunal ekonomi"}},
}

func (l *loader) loadConsultations(ctx context.Context) error {
	for _, r := range remisser {
		c := l.consultation(r)
		if err := l.s.Consultations.CreateConsultation(ctx, c); err != nil {
			return err
		}
		if err := l.audit(ctx, "consultation", c.ID, string(c.Status), "Remiss i demodata: "+c.Reference); err != nil {
			return err
		}
		l.consultations[r.key] = c
		l.res.Consultations++
	}
	return nil
}

func (l *loader) consultation(r remissSpec) *app.Consultation {
	received := l.daysAgo(r.receivedDaysAgo)
	slug := app.Slugify(r.title)
	return &app.Consultation{Title: r.title, Reference: r.reference, ReferenceKey: referenceKey(r.reference),
		Issuer: r.issuer, SourceURL: "https://www.regeringen.se/remisser/2026/" + slug + "/",
		ReceivedOn: app.DateOf(received), Deadline: l.day(r.deadlineIn), Status: r.status,
		DeclineReason: r.declineReason, Topics: r.topics,
		Documents: []app.Link{
			{Title: "Remissmissiv", URL: "https://www.regeringen.se/remisser/2026/" + slug + "/missiv.pdf"},
			{Title: "Remissunderlag", URL: "https://www.regeringen.se/remisser/2026/" + slug + "/underlag.pdf"},
		},
		Version: 1, CreatedAt: received, UpdatedAt: l.daysAgo(min(r.receivedDaysAgo, 2))}
}

// referenceKey normalises a diarienummer for the unique index: upper case,
// no white space, no leading zeros in the serial number after the last
// slash: "Fi 2026/02110" → "FI2026/2110". It belongs in package app (as
// NormalizeReference) once app has one; until then it lives here.
func referenceKey(ref string) string {
	s := strings.ToUpper(strings.Join(strings.Fields(ref), ""))
	i := strings.LastIndex(s, "/")
	if i < 0 || i == len(s)-1 {
		return s
	}
	serial := strings.TrimLeft(s[i+1:], "0")
	if serial == "" {
		serial = "0"
	}
	return s[:i+1] + serial
}
