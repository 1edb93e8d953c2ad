package demo

import (
	"context"

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
	report                        string // SOU or Ds number of the report sent out, if any
}

// remisser cover every stored status; "bostadsstod" is still being assessed
// after its deadline, so it shows as missed.
var remisser = []remissSpec{
	{"tillstand", "Ett samordnat och tidsbegränsat tillståndsförfarande för industrin", "KN2026/01234", deptKN,
		app.ConsultationDrafting, 40, 10, "", []string{"tillstånd", "miljöprövning"}, "SOU 2026:14"},
	{"elnat", "Förhandsinvesteringar i elnätet och snabbare nätanslutning", "KN2026/00871", deptKN,
		app.ConsultationSigning, 60, 12, "", []string{"energi", "elnät"}, "Ds 2026:15"},
	{"medfinansiering", "Statlig medfinansiering av kommunal infrastruktur vid stora industrietableringar",
		"Fi2026/02110", deptFi, app.ConsultationSubmitted, 95, -20, "", []string{"kommunal ekonomi", "omställning"}, ""},
	{"yrkesvux", "Yrkesutbildning för vuxna i regioner med stora industrisatsningar",
		"U2026/00988", deptU, app.ConsultationAssessing, 10, 60, "", []string{"kompetens", "utbildning"}, "SOU 2025:118"},
	{"godsstrategi", "En nationell strategi för godstransporter och logistik 2026–2035", "LI2026/00417", deptLI,
		app.ConsultationIncoming, 5, 65, "", []string{"transporter", "järnväg", "logistik"}, "SOU 2026:3"},
	{"forpackningar", "Ändrade bestämmelser om producentansvar för förpackningar", "KN2026/02277", deptKN,
		app.ConsultationDeclined, 50, -5,
		"Frågan rör främst avfallshanteringen och ligger utanför nätverkets prioriterade frågor. Medlemskommunerna svarar var för sig vid behov.",
		[]string{"avfall", "cirkulär ekonomi"}, "Ds 2026:9"},
	{"bostadsstod", "Tillfälligt stöd till bostadsbyggande i kommuner med snabb sysselsättningsökning",
		"Fi2026/01080", deptFi, app.ConsultationAssessing, 70, -3, "", []string{"bostäder", "kommunal ekonomi"}, ""},
}

func (l *loader) loadConsultations(ctx context.Context) error {
	if err := l.loadMeetings(ctx); err != nil {
		return err
	}
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
	deadline := l.day(r.deadlineIn)
	draft, sigs := app.DefaultMilestones(deadline)
	key, _ := app.NormalizeReference(r.reference)
	report, reportKey := "", ""
	if r.report != "" {
		report = r.report
		reportKey, _ = app.NormalizeReference(r.report)
	}
	return &app.Consultation{Title: r.title, Reference: r.reference, ReferenceKey: key,
		ReportNumber: report, ReportKey: reportKey, DraftDue: draft, SignaturesDue: sigs,
		Issuer: r.issuer, SourceURL: "https://www.regeringen.se/remisser/2026/" + slug + "/",
		ReceivedOn: app.DateOf(received), Deadline: deadline, Status: r.status,
		DeclineReason: r.declineReason, Topics: r.topics,
		Documents: []app.Link{
			{Title: "Remissmissiv", URL: "https://www.regeringen.se/remisser/2026/" + slug + "/missiv.pdf"},
			{Title: "Remissunderlag", URL: "https://www.regeringen.se/remisser/2026/" + slug + "/underlag.pdf"},
		},
		Version: 1, CreatedAt: received, UpdatedAt: l.daysAgo(min(r.receivedDaysAgo, 2))}
}
