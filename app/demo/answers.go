package demo

import (
	"context"

	"github.com/samsyn/samsyn/app"
)

// answerSpec is another body's answer to a demo consultation, as the
// harvest would have read it from the remiss page (made-up texts, like the
// rest of the demo). An empty text is a scanned answer.
type answerSpec struct {
	consultation, organisation string
	paragraphs                 []string
}

var answerSpecs = []answerSpec{
	{"elnat", "Svenska kraftnät", []string{
		"Remissvar gällande promemorian Förhandsinvesteringar i elnätet och snabbare nätanslutning.",
		"Svenska kraftnät tillstyrker förslaget att nätföretag ska få göra förhandsinvesteringar. Ledtiderna för anslutning är i dag det största hindret för elektrifieringen av industrin.",
		"Svenska kraftnät vill dock framhålla att samordningen mellan transmissionsnätet och regionnäten behöver stärkas, så att investeringarna görs i rätt ordning.",
	}},
	{"elnat", "Region Norrbotten", []string{
		"Region Norrbotten tillstyrker förslagen i promemorian.",
		"Etableringarna i länet kräver elnät som byggs före behovet. Regionen delar bedömningen att kostnaden för förhandsinvesteringar ska få räknas in i intäktsramen.",
	}},
	{"elnat", "Energimarknadsinspektionen", []string{
		"Energimarknadsinspektionen avstyrker förslaget i dess nuvarande form.",
		"Förslaget riskerar att ge elkunderna högre nättariffer för kapacitet som aldrig tas i anspråk. Inspektionen anser att förhandsinvesteringar bör prövas i varje enskilt fall.",
	}},
	{"elnat", "Villaägarnas Riksförbund", []string{
		"Villaägarnas Riksförbund avstyrker förslaget.",
		"Hushållen ska inte bära kostnaden för industrins nätanslutningar genom höjda nätavgifter.",
	}},
	{"elnat", "Energiföretagen Sverige", []string{
		"Energiföretagen Sverige tillstyrker förslaget men anser att kravet på offentlig redovisning av ledtider bör utformas tillsammans med branschen.",
	}},
	{"elnat", "Konsumentverket", []string{
		"Konsumentverket har inga synpunkter på förslagen.",
	}},
	{"elnat", "Kammarrätten i Sundsvall", nil},
	{"medfinansiering", "Sveriges Kommuner och Regioner", []string{
		"SKR tillstyrker förslaget om statlig medfinansiering av kommunal infrastruktur vid stora industrietableringar.",
		"Kommuner som växer snabbt bär i dag hela kostnaden för skolor, vatten och vägar långt innan skatteintäkterna kommer.",
	}},
	{"medfinansiering", "Skellefteå kommun", []string{
		"Skellefteå kommun tillstyrker förslaget.",
		"Kommunen har sedan 2019 byggt ut vatten, avlopp och bostäder för en etablering med flera tusen nya arbetstillfällen.",
	}},
	{"medfinansiering", "Ekonomistyrningsverket", []string{
		"Ekonomistyrningsverket avstyrker förslaget.",
		"Ett nytt riktat statsbidrag gör det kommunala utjämningssystemet mindre överblickbart. Stödet bör i stället ges inom ramen för det generella statsbidraget.",
	}},
	{"medfinansiering", "Statskontoret", []string{
		"Statskontoret har inga synpunkter på förslagen.",
	}},
	{"tillstand", "Naturvårdsverket", []string{
		"Naturvårdsverket tillstyrker förslaget om samordnad prövning men avstyrker förslaget om bindande tidsfrister för miljöprövningen.",
		"Tidsfrister riskerar att leda till fler avslag när underlaget inte hinner kompletteras.",
	}},
	{"tillstand", "Länsstyrelsen i Västerbottens län", []string{
		"Länsstyrelsen delar utredningens bedömning att prövningen behöver samordnas.",
	}},
}

// loadAnswers stores other bodies' answers to the demo consultations, so
// that a consultation and its draft show "Andra remissinstansers svar" and
// an issue its allies.
func (l *loader) loadAnswers(ctx context.Context) error {
	if l.s.ExternalResponses == nil {
		return nil
	}
	for _, spec := range answerSpecs {
		c := l.consultations[spec.consultation]
		slug := app.Slugify(spec.organisation)
		r := &app.ExternalResponse{ConsultationID: c.ID, Organisation: spec.organisation,
			OrgKind: app.ClassifyOrganisation(spec.organisation), Paragraphs: spec.paragraphs,
			SourceURL: "https://samsyn.example/demo/remissvar/" + app.Slugify(c.Reference) + "/" + slug + ".pdf",
			NoText:    len(spec.paragraphs) == 0, Stance: app.StanceUnclear, Checksum: app.ResponseChecksum(spec.paragraphs),
			FetchedAt: l.now.AddDate(0, 0, -3), CreatedAt: l.now, UpdatedAt: l.now}
		if !r.NoText {
			s := app.ClassifyStance(spec.paragraphs)
			r.Stance, r.Quote = s.Stance, s.Quote
		}
		if err := l.s.ExternalResponses.CreateExternalResponse(ctx, r); err != nil {
			return err
		}
		if err := l.audit(ctx, "external_response", r.ID, string(r.Stance), "Remissvar i demodata."); err != nil {
			return err
		}
	}
	return nil
}
