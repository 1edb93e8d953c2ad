package demo

import "github.com/samsyn/samsyn/app"

// Decisions on a statement.
const (
	signed   = "signed"
	declined = "declined"
)

// statementSpecs cover every status and kind: two drafts, one in signing,
// three published and one withdrawn.
var statementSpecs = []statementSpec{
	{
		slug: "remissvar-tillstandsforfarande-industrin", kind: app.KindConsultationResponse, status: app.StatementDraft,
		title:   "Remissvar: Ett samordnat och tidsbegränsat tillståndsförfarande för industrin",
		summary: "Nätverket tillstyrker en samordnad prövning med bindande tidsfrister, men vill att fristerna börjar löpa när ansökan kommer in och att kommunernas planbeslut ingår i samordningen.",
		topics:  []string{"tillstånd", "miljöprövning"}, remiss: "tillstand", createdDaysAgo: 21,
	},
	{
		slug: "remissvar-forhandsinvesteringar-elnat", kind: app.KindConsultationResponse, status: app.StatementSigning,
		title:   "Remissvar: Förhandsinvesteringar i elnätet och snabbare nätanslutning",
		summary: "Nätverket tillstyrker att nätföretag får investera innan det finns bindande kundavtal och kräver offentliga, jämförbara ledtider för anslutning.",
		topics:  []string{"energi", "elnät"}, remiss: "elnat", createdDaysAgo: 30, signingDaysAgo: 5, signByIn: 9,
		signers: []signerSpec{
			{"2523", signed, "KSAU", "§ 71", 288, ""},
			{"2580", signed, "delegation", "§ 12", 301, ""},
		},
	},
	{
		slug: "remissvar-medfinansiering-infrastruktur", kind: app.KindConsultationResponse, status: app.StatementPublished,
		title:   "Remissvar: Statlig medfinansiering av kommunal infrastruktur vid stora industrietableringar",
		summary: "Nätverket tillstyrker ett statligt investeringsbidrag till kommuner som växer snabbt av industrietableringar, och vill att stödet beslutas inom månader och kan ges till hela arbetsmarknadsregionen.",
		topics:  []string{"kommunal ekonomi", "omställning", "bostäder"}, remiss: "medfinansiering",
		createdDaysAgo: 70, signingDaysAgo: 36, publishedDaysAgo: 22,
		signers: []signerSpec{
			{"2482", signed, "KS", "§ 87", 233, ""},
			{"2580", signed, "KSAU", "§ 41", 118, ""},
			{"2523", signed, "KS", "§ 112", 305, "Reservation från (M) till förmån för eget yrkande om ett enskilt remissvar."},
			{"2181", signed, "delegation", "§ 9", 77, ""},
			{"0481", declined, "KS", "§ 64", 150, "Kommunstyrelsen ställer sig inte bakom förslagen om stödkriterier och lämnar ett eget remissvar."},
			{"1883", signed, "KSAU", "§ 58", 201, ""},
		},
	},
	{
		slug: "elnatet-far-inte-bli-industrins-flaskhals", kind: app.KindPositionPaper, status: app.StatementPublished,
		title:   "Elnätet får inte bli industrins flaskhals",
		summary: "Nätverkets medlemskommuner kräver förhandsinvesteringar, halverade ledtider för ledningstillstånd och öppen redovisning av nätkapacitet, så att elektrifieringen av industrin inte stannar i väntan på el.",
		topics:  []string{"energi", "elnät", "omställning"}, createdDaysAgo: 120, signingDaysAgo: 95, publishedDaysAgo: 75,
		signers: []signerSpec{
			{"2181", signed, "KS", "§ 123", 412, ""},
			{"2081", signed, "KS", "§ 98", 356, ""},
			{"0481", signed, "KSAU", "§ 45", 187, ""},
			{"2482", signed, "KS", "§ 61", 174, ""},
			{"2580", signed, "KS", "§ 140", 390, ""},
			{"2523", signed, "KSAU", "§ 52", 162, ""},
			{"1488", signed, "delegation", "§ 17", 95, ""},
			{"1883", signed, "KS", "§ 76", 240, ""},
		},
	},
	{
		slug: "kompetensforsorjningen-avgor-omstallningen", kind: app.KindJointStatement, status: app.StatementPublished,
		title:   "Gemensamt uttalande: Kompetensförsörjningen avgör omställningen",
		summary: "Kommunstyrelsernas ordförande i nätverket uppmanar regeringen att göra industrins kompetensförsörjning till en nationell uppgift, med fleråriga statsbidrag till yrkesutbildning och fler platser i yrkeshögskolan.",
		topics:  []string{"kompetens", "utbildning", "omställning"}, createdDaysAgo: 80, signingDaysAgo: 55, publishedDaysAgo: 40,
		signers: []signerSpec{
			{"1488", signed, "KS", "§ 134", 377, ""},
			{"2081", signed, "KSAU", "§ 66", 290, ""},
			{"2482", signed, "KS", "§ 102", 312, ""},
			{"1883", signed, "delegation", "§ 21", 266, ""},
		},
	},
	{
		slug: "uttalande-godstrafiken-malmbanan", kind: app.KindJointStatement, status: app.StatementWithdrawn,
		title:   "Uttalande om godstrafiken på Malmbanan och stambanan genom övre Norrland",
		summary: "Norrbottens och Västerbottens medlemskommuner kräver att kapaciteten på de norrländska godsstråken prioriteras i den nationella planen för transportinfrastruktur.",
		topics:  []string{"transporter", "järnväg", "logistik"}, createdDaysAgo: 260, signingDaysAgo: 240,
		publishedDaysAgo: 220, withdrawnDaysAgo: 90,
		signers: []signerSpec{
			{"2580", signed, "KS", "§ 201", 512, ""},
			{"2523", signed, "KS", "§ 188", 476, ""},
			{"2482", signed, "KSAU", "§ 93", 430, ""},
		},
	},
	{
		slug: "industriell-omstallning-kraver-statlig-partner", kind: app.KindPositionPaper, status: app.StatementDraft,
		title:   "Industriell omställning kräver en statlig partner",
		summary: "Nätverket föreslår omställningsavtal mellan staten och kommuner med stora industrietableringar, och en statlig samordnare för varje etablering med mer än tusen nya jobb.",
		topics:  []string{"omställning", "kommunal ekonomi"}, createdDaysAgo: 12,
	},
}
