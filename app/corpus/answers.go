package corpus

import (
	"strconv"
	"strings"
	"time"

	"github.com/samsyn/samsyn/app"
)

// answerBodies are who answers remisser: municipalities, regions,
// agencies and organisations, as names the harvest would read.
var answerBodies = []string{
	"Luleå kommun", "Kiruna kommun", "Gällivare kommun", "Skellefteå kommun", "Umeå kommun", "Sundsvalls kommun",
	"Borlänge kommun", "Sandvikens kommun", "Karlskoga kommun", "Oxelösunds kommun", "Trollhättans kommun", "Piteå kommun",
	"Region Norrbotten", "Region Västerbotten", "Region Dalarna", "Västra Götalandsregionen", "Region Gävleborg",
	"Energimyndigheten", "Naturvårdsverket", "Trafikverket", "Boverket", "Tillväxtverket", "Kammarkollegiet",
	"Länsstyrelsen i Norrbottens län", "Länsstyrelsen i Dalarnas län", "Svenska kraftnät", "Energimarknadsinspektionen",
	"Havs- och vattenmyndigheten", "Sveriges geologiska undersökning", "Mark- och miljödomstolen vid Umeå tingsrätt",
	"Sveriges Kommuner och Regioner", "Svenskt Näringsliv", "Jernkontoret", "Skogsindustrierna", "Energiföretagen Sverige",
	"Naturskyddsföreningen", "Lantbrukarnas Riksförbund", "Företagarna", "IF Metall", "Svensk Vindenergi",
}

// answerOpenings decide a generated answer's stance, as real ones do in
// their first sentences.
var answerOpenings = []struct {
	stance app.Stance
	text   string
}{
	{app.StanceFor, " tillstyrker förslagen i betänkandet."},
	{app.StanceAgainst, " avstyrker förslaget i dess nuvarande form."},
	{app.StancePartly, " tillstyrker förslaget men anser att ikraftträdandet bör skjutas upp."},
	{app.StanceNoComment, " har inga synpunkter på förslagen."},
}

// Answer returns another body's answer i to consultationID: about five
// pages (2,000–2,600 words) of Swedish paragraphs opening with the
// sentence that decides its stance, fully formed for a bulk insert.
func (g *Generator) Answer(i int, consultationID string) *app.ExternalResponse {
	r := g.rng(i, 7)
	t := newText(r)
	org := answerBodies[r.IntN(len(answerBodies))]
	open := answerOpenings[r.IntN(len(answerOpenings))]
	quote := org + open.text
	paras := []string{"Remissvar gällande betänkandet " + t.title() + ".", quote}
	for words := 0; words < 2000+r.IntN(600); {
		p := t.paragraph()
		words += len(strings.Fields(p))
		paras = append(paras, p)
	}
	fetched := firstDay.Add(time.Duration(r.IntN(spanDays*24*60)) * time.Minute)
	slug := app.Slugify(org)
	return &app.ExternalResponse{ConsultationID: consultationID, Organisation: org, OrgKind: app.ClassifyOrganisation(org),
		SourceURL: "https://www.regeringen.se/contentassets/" + consultationID + "/" + slug + "-" + strconv.Itoa(i+1) + ".pdf", Paragraphs: paras,
		Checksum: app.ResponseChecksum(paras), Stance: open.stance, Quote: quote, FetchedAt: fetched,
		CreatedAt: fetched, UpdatedAt: fetched}
}
