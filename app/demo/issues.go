package demo

import (
	"context"

	"github.com/samsyn/samsyn/app"
)

// logSpec is one entry in an issue's log, dated daysAgo days before today.
type logSpec struct {
	daysAgo        int
	who, note, url string
}

// issueSpec describes one advocacy issue and what it links to.
type issueSpec struct {
	slug, title, summary string
	topics               []string
	priority, status     string
	public               bool
	remisser             []string // consultation keys
	statements           []string // statement slugs
	log                  []logSpec
}

var issueSpecs = []issueSpec{
	{"elnatskapacitet", "Elnätskapacitet",
		"Industrin i våra kommuner kan inte elektrifieras utan nätkapacitet. Nätet måste byggas ut före behovet, inte efter.",
		[]string{"energi", "elnät"}, "high", "active", true,
		[]string{"elnat"}, []string{"elnatet-far-inte-bli-industrins-flaskhals", "remissvar-forhandsinvesteringar-elnat"},
		[]logSpec{
			{130, "Kansliet", "Enkät om ledtider för nätanslutning skickad till alla medlemskommuner.", ""},
			{75, "Styrgruppen", "Positionspappret om elnätet publicerat.", ""},
			{20, "Kansliet", "Möte med Energimarknadsinspektionen om förhandsinvesteringar.", "https://ei.se/"},
		}},
	{"tillstandsprocesser", "Snabbare tillståndsprocesser",
		"Samordnad prövning och bindande tidsfrister, så att industriinvesteringar inte fastnar i väntan på tillstånd.",
		[]string{"tillstånd", "miljöprövning"}, "high", "active", true,
		[]string{"tillstand"}, []string{"remissvar-tillstandsforfarande-industrin"},
		[]logSpec{
			{90, "Arbetsgruppen miljö och planering", "Sammanställning av handläggningstider i medlemskommunerna klar.", ""},
			{35, "Kansliet", "Remissen om samordnat tillståndsförfarande registrerad; arbetsgrupp utsedd.", ""},
		}},
	{"kompetensforsorjning", "Kompetensförsörjning för industrin",
		"Fler vägar in i industrins yrken: yrkesutbildning där jobben finns, förutsägbar arbetskraftsinvandring och samverkan som fungerar.",
		[]string{"kompetens", "utbildning"}, "high", "active", true,
		[]string{"yrkesvux"}, []string{"kompetensforsorjningen-avgor-omstallningen"},
		[]logSpec{
			{40, "Styrgruppen", "Gemensamt uttalande om kompetensförsörjning publicerat.", ""},
			{8, "Kansliet", "Remissen om yrkesutbildning för vuxna bedöms; beslut om svar på nästa möte.", ""},
		}},
	{"godstransporter-och-logistik", "Godstransporter och logistik",
		"Kapacitet på järnväg, i hamnar och terminaler för en växande industri i hela landet, inte minst i norr.",
		[]string{"transporter", "järnväg", "logistik"}, "medium", "active", true,
		[]string{"godsstrategi"}, []string{"uttalande-godstrafiken-malmbanan"},
		[]logSpec{
			{220, "Norrbottens och Västerbottens medlemmar", "Uttalande om godstrafiken på Malmbanan publicerat.", ""},
			{90, "Styrgruppen", "Uttalandet dras tillbaka och ersätts av ett bredare positionspapper.", ""},
			{4, "Kansliet", "Remiss om nationell godsstrategi inkommen.", ""},
		}},
	{"industriell-omstallning", "Industriell omställning och statlig medfinansiering",
		"Kommuner som växer snabbt av industrietableringar behöver en statlig partner för bostäder, infrastruktur och utbildning.",
		[]string{"omställning", "kommunal ekonomi"}, "medium", "active", false,
		[]string{"medfinansiering", "bostadsstod"},
		[]string{"remissvar-medfinansiering-infrastruktur", "industriell-omstallning-kraver-statlig-partner"},
		[]logSpec{
			{22, "Kansliet", "Remissvar om statlig medfinansiering inlämnat.", ""},
			{10, "Arbetsgruppen omställning", "Första utkast till positionspapper om omställningsavtal.", ""},
		}},
}

func (l *loader) loadIssues(ctx context.Context) error {
	for _, spec := range issueSpecs {
		i, err := l.issue(spec)
		if err != nil {
			return err
		}
		if err := l.s.Issues.CreateIssue(ctx, i); err != nil {
			return err
		}
		if err := l.audit(ctx, "issue", i.ID, i.Status, "Påverkansfråga i demodata."); err != nil {
			return err
		}
		l.res.Issues++
		if err := l.linkBack(ctx, i); err != nil {
			return err
		}
	}
	return l.linkStatements(ctx)
}

// linkBack records on each consultation the issues that link to it.
func (l *loader) linkBack(ctx context.Context, i *app.Issue) error {
	for _, c := range l.consultations {
		for _, id := range i.ConsultationIDs {
			if id != c.ID {
				continue
			}
			c.IssueIDs = append(c.IssueIDs, i.ID)
			if err := l.s.Consultations.UpdateConsultation(ctx, c); err != nil {
				return err
			}
		}
	}
	return nil
}

// linkStatements records on each consultation the response that answers
// it, unless the statement loader did so already.
func (l *loader) linkStatements(ctx context.Context) error {
	for _, st := range l.statements {
		if st.ConsultationID == "" || st.Kind != app.KindConsultationResponse {
			continue
		}
		for _, c := range l.consultations {
			if c.ID != st.ConsultationID || c.StatementID != "" {
				continue
			}
			fresh, err := l.s.Consultations.ConsultationByID(ctx, c.ID)
			if err != nil {
				return err
			}
			fresh.StatementID = st.ID
			if err := l.s.Consultations.UpdateConsultation(ctx, fresh); err != nil {
				return err
			}
			*c = *fresh
		}
	}
	return nil
}

func (l *loader) issue(spec issueSpec) (*app.Issue, error) {
	body, err := text("fragor", spec.slug)
	if err != nil {
		return nil, err
	}
	i := &app.Issue{Title: spec.title, Slug: spec.slug, Summary: spec.summary, Body: body, Topics: spec.topics,
		Priority: spec.priority, Status: spec.status, Public: spec.public, Version: 1,
		CreatedAt: l.daysAgo(300), UpdatedAt: l.daysAgo(1)}
	for _, key := range spec.remisser {
		i.ConsultationIDs = append(i.ConsultationIDs, l.consultations[key].ID)
	}
	for _, slug := range spec.statements {
		i.StatementIDs = append(i.StatementIDs, l.statements[slug].ID)
	}
	for _, e := range spec.log {
		i.Log = append(i.Log, app.IssueAction{On: l.day(-e.daysAgo), Who: e.who, Note: e.note, URL: e.url})
	}
	return i, nil
}
