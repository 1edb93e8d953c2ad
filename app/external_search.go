package app

import "strings"

// ExternalResponseSearchTask is what the internal index holds of another
// body's answer: the organisation as title (with its common abbreviation,
// so "SKR" finds Sveriges Kommuner och Regioner), the deciding sentence as
// summary, the text as body, the stance as status, and the consultation it
// answers (title, issuer, references) as context. Never public (DESIGN
// rule 1): Public stays false.
func ExternalResponseSearchTask(r *ExternalResponse, c *Consultation) IndexTask {
	d := SearchDoc{ID: r.ID, Type: TypeExternalResponse, Title: r.Organisation, Summary: r.Quote, Body: r.Text(),
		Status: string(r.EffectiveStance()), PublishedAt: r.FetchedAt}
	context := []string{OrgAbbreviation(r.Organisation)}
	if c != nil {
		d.Issuer, d.Reference = c.Issuer, ReferenceSpellings(c.Reference, c.ReportNumber)
		context = append(context, c.Title)
	}
	d.Context = strings.TrimSpace(strings.Join(context, "\n"))
	return IndexTask{Doc: d, Version: r.Version}
}

// orgAbbreviations are the short names people search remiss bodies by.
var orgAbbreviations = map[string]string{
	"sveriges kommuner och regioner":                    "SKR",
	"sveriges kommuner och landsting":                   "SKL",
	"myndigheten för samhällsskydd och beredskap":       "MSB",
	"lantbrukarnas riksförbund":                         "LRF",
	"landsorganisationen i sverige":                     "LO",
	"tjänstemännens centralorganisation":                "TCO",
	"sveriges akademikers centralorganisation":          "Saco",
	"sveriges lantbruksuniversitet":                     "SLU",
	"kungliga tekniska högskolan":                       "KTH",
	"statens geotekniska institut":                      "SGI",
	"sveriges meteorologiska och hydrologiska institut": "SMHI",
	"havs- och vattenmyndigheten":                       "HaV",
	"sveriges geologiska undersökning":                  "SGU",
	"ekonomistyrningsverket":                            "ESV",
	"integritetsskyddsmyndigheten":                      "IMY",
	"statens energimyndighet":                           "Energimyndigheten",
	"energimarknadsinspektionen":                        "Ei",
	"svenska kraftnät":                                  "SvK",
}

// OrgAbbreviation is the common abbreviation of an organisation's name,
// or "" when it has none known here.
func OrgAbbreviation(name string) string {
	return orgAbbreviations[strings.ToLower(strings.Join(strings.Fields(name), " "))]
}
