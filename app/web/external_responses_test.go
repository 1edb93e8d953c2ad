package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
)

// answeredConsultation is a consultation the network answered ("Nätverket
// tillstyrker …", published), under an issue, with three other bodies'
// answers.
func (f *fixture) answeredConsultation(t testing.TB) (c *app.Consultation, issue *app.Issue, byOrg map[string]*app.ExternalResponse) {
	t.Helper()
	ctx, now := context.Background(), time.Now().UTC()
	st := &app.Statement{Kind: app.KindConsultationResponse, Title: "Svar om snabbare tillstånd", Slug: "svar-snabbare-tillstand",
		Body: "Nätverket tillstyrker förslaget om snabbare tillståndsprövning.", Status: app.StatementPublished,
		PublishedAt: now, Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := mongodb.NewStatementStore(f.db).CreateStatement(ctx, st); err != nil {
		t.Fatal(err)
	}
	c = &app.Consultation{Title: "Remiss om snabbare tillstånd", Reference: "KN2026/04711", Issuer: "Klimat- och näringslivsdepartementet",
		Status: app.ConsultationSubmitted, StatementID: st.ID, Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := mongodb.NewConsultationStore(f.db).CreateConsultation(ctx, c); err != nil {
		t.Fatal(err)
	}
	issue = f.mustIssue("Tillståndsprövning i tid", false, []string{c.ID}, nil)
	byOrg = map[string]*app.ExternalResponse{
		"Skellefteå kommun":     f.mustAnswer(c.ID, "Skellefteå kommun", app.StanceFor, "Skellefteå kommun tillstyrker förslaget."),
		"Naturskyddsföreningen": f.mustAnswer(c.ID, "Naturskyddsföreningen", app.StanceAgainst, "Föreningen avstyrker förslaget om kortare tider."),
		"Kammarkollegiet":       f.mustAnswer(c.ID, "Kammarkollegiet", app.StanceNoComment, "Kammarkollegiet har inga synpunkter på förslagen."),
	}
	return c, issue, byOrg
}

func TestAnswersBesideTheConsultation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c, issue, byOrg := f.answeredConsultation(t)
	status, body := f.page("memberA", "/internt/remisser/"+c.ID)
	for _, want := range []string{`id="andra-svar"`, "Skellefteå kommun", "<q>Föreningen avstyrker förslaget om kortare tider.</q>",
		`href="/internt/remissvar/` + byOrg["Kammarkollegiet"].ID + `"`, "Inga synpunkter (1)", "Myndighet (1)"} {
		if status != 200 || !strings.Contains(body, want) {
			t.Fatalf("consultation page (%d) lacks %q", status, want)
		}
	}
	_, body = f.page("memberA", "/internt/remisser/"+c.ID+"?svar_typ=myndighet")
	if !strings.Contains(body, "Kammarkollegiet") || strings.Contains(body, "Skellefteå kommun tillstyrker") {
		t.Errorf("the kind filter lets through other kinds")
	}
	_, body = f.page("memberA", "/internt/remisser/"+c.ID+"?svar_stallning=avstyrker&lang=en")
	if !strings.Contains(body, `<span lang="sv">Naturskyddsföreningen</span>`) || strings.Contains(body, "Kammarkollegiet har inga") ||
		!strings.Contains(body, `<q lang="sv">`) {
		t.Errorf("English page, stance filter: Swedish content unmarked or the filter ignored")
	}
	// Beside the editor of a draft answering the consultation.
	now := time.Now().UTC()
	draft := &app.Statement{Kind: app.KindConsultationResponse, Title: "Utkast om snabbare tillstånd", Slug: "utkast-om-snabbare-tillstand",
		Body: "Nätverket vill …", Status: app.StatementDraft, ConsultationID: c.ID, AuthorID: f.byRole["memberA"].ID,
		Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := mongodb.NewStatementStore(f.db).CreateStatement(context.Background(), draft); err != nil {
		t.Fatal(err)
	}
	_, body = f.page("memberA", "/internt/stallningstaganden/"+draft.ID)
	if !strings.Contains(body, `id="andra-svar"`) || !strings.Contains(body, "<details><summary>") || !strings.Contains(body, "Skellefteå kommun") {
		t.Errorf("the editor does not show the other answers")
	}
	// Allies on the issue page.
	_, body = f.page("memberA", "/internt/fragor/"+issue.ID)
	allies := body[strings.Index(body, `id="allierade-tabell"`):]
	if !strings.Contains(allies, "Skellefteå kommun") || !strings.Contains(body, `id="motparter-tabell"`) ||
		strings.Index(body, "Naturskyddsföreningen") < strings.Index(body, `id="motparter-tabell"`) {
		t.Errorf("allies and opponents on the issue page: %s", allies[:min(len(allies), 600)])
	}
}

func TestAnswerPageAndOverride(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, _, byOrg := f.answeredConsultation(t)
	kk := byOrg["Kammarkollegiet"]
	path := "/internt/remissvar/" + kk.ID
	status, body := f.page("memberA", path)
	if status != 200 || !strings.Contains(body, "<mark>Kammarkollegiet har inga synpunkter på förslagen.</mark>") ||
		!strings.Contains(body, kk.Checksum) {
		t.Fatalf("answer page %d: the deciding sentence is not marked", status)
	}
	for _, tc := range []struct {
		form url.Values
		want int
	}{
		{url.Values{"stance": {"avstyrker"}, "reason": {""}, "version": {"1"}}, 422},
		{url.Values{"stance": {"<script>"}, "reason": {"x"}, "version": {"1"}}, 422},
		{url.Values{"stance": {"avstyrker"}, "reason": {"Gammal"}, "version": {"9"}}, 409},
	} {
		resp := f.postPage("memberA", path+"/stallning", tc.form)
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("override %v: %d, want %d", tc.form, resp.StatusCode, tc.want)
		}
	}
	if r, _ := f.services.ExternalResponses.Get(context.Background(), kk.ID); r.Version != 1 || r.StanceOverride != nil {
		t.Fatalf("a refused override changed the answer: %+v", r)
	}
	resp := f.postPage("memberA", path+"/stallning", url.Values{"stance": {"avstyrker"}, "reason": {"Sista stycket avstyrker förslaget."}, "version": {"1"}})
	resp.Body.Close()
	if resp.StatusCode != 303 {
		t.Fatalf("override: %d", resp.StatusCode)
	}
	_, body = f.page("memberA", path)
	if !strings.Contains(body, "Sista stycket avstyrker förslaget.") || !strings.Contains(body, `stance-avstyrker`) {
		t.Errorf("the page does not show the override")
	}
	var list struct {
		Items []struct {
			Organisation, Stance, ClassifiedStance string `json:"-"`
		} `json:"items"`
	}
	raw := openAPICall(t, f, openAPIValidator(t), 200, "signerA", "GET", "/api/v1/consultations/"+kk.ConsultationID+"/external-responses?stance=avstyrker", "")
	mustUnmarshal(t, string(raw), &list)
	if len(list.Items) != 2 || !strings.Contains(string(raw), `"classified_stance":"inga_synpunkter"`) || strings.Contains(string(raw), `"paragraphs"`) {
		t.Errorf("API list after the override: %s", raw)
	}
	one := openAPICall(t, f, openAPIValidator(t), 200, "signerA", "GET", "/api/v1/external-responses/"+kk.ID, "")
	if !strings.Contains(string(one), `"paragraphs":["Remissvar gällande betänkandet.","Kammarkollegiet har inga synpunkter på förslagen."]`) ||
		!strings.Contains(string(one), `"reason":"Sista stycket avstyrker förslaget."`) {
		t.Errorf("API answer: %s", one)
	}
	back := openAPICall(t, f, openAPIValidator(t), 200, "admin", "POST", "/api/v1/external-responses/"+kk.ID+"/stance", `{"stance":"","version":2}`)
	if !strings.Contains(string(back), `"stance":"inga_synpunkter"`) || !strings.Contains(string(back), `"override":null`) {
		t.Errorf("taking the override away: %s", back)
	}
	if _, n, err := f.services.Audit.List(context.Background(), app.AuditFilter{EntityType: "external_response", EntityID: kk.ID}); err != nil || n != 2 {
		t.Errorf("audit entries for the answer: %d, want 2", n)
	}
}
