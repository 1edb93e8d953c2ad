package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
)

// publicWorld is a network with published, unpublished and internal
// things; every unpublished one carries a distinctive word in Secrets.
type publicWorld struct {
	Published, Response, Signing, Draft, Withdrawn stmtJSON
	PublicIssue, InternalIssue                     *app.Issue
	Answered, Open, Hidden, DeclinedHidden         *app.Consultation
	DeclinedShown, DraftOnly                       *app.Consultation
	Secrets                                        []string
}

func (f *fixture) mustConsultation(title, ref string, status app.ConsultationStatus, deadlineIn int, reason string) *app.Consultation {
	f.t.Helper()
	key, _ := app.NormalizeReference(ref)
	now := time.Now()
	c := &app.Consultation{Title: title, Reference: ref, ReferenceKey: key, Issuer: "Klimat- och näringslivsdepartementet",
		SourceURL: "https://www.regeringen.se/remisser/" + app.Slugify(title) + "/", ReceivedOn: app.DateOf(now).AddDays(-30),
		Deadline: app.DateOf(now).AddDays(deadlineIn), Status: status, DeclineReason: reason, Topics: []string{"Energi"},
		Version: 1, CreatedAt: now, UpdatedAt: now}
	if err := mongodb.NewConsultationStore(f.db).CreateConsultation(context.Background(), c); err != nil {
		f.t.Fatal(err)
	}
	return c
}

func (f *fixture) mustIssue(title string, public bool, consultations, statements []string) *app.Issue {
	f.t.Helper()
	now := time.Now()
	i := &app.Issue{Title: title, Slug: app.Slugify(title), Summary: "Sammanfattning av " + title, Body: "Text om " + title,
		Topics: []string{"Energi"}, Priority: "high", Status: "active", Public: public, ConsultationIDs: consultations,
		StatementIDs: statements, Version: 1, CreatedAt: now, UpdatedAt: now,
		Log: []app.IssueAction{{On: app.DateOf(now), Who: "Kansliet", Note: "Loggpost Åkerbär"}}}
	if err := mongodb.NewIssueStore(f.db).CreateIssue(context.Background(), i); err != nil {
		f.t.Fatal(err)
	}
	return i
}

func (f *fixture) mustPosition(issueID, title string, public bool, usedIn ...string) *app.Position {
	f.t.Helper()
	p, err := app.NewPosition(issueID, app.PositionInput{Title: title, Text: "Text: " + title, Public: public}, "", time.Now())
	if err != nil {
		f.t.Fatal(err)
	}
	p.UsedIn = usedIn
	if err := mongodb.NewIssueStore(f.db).CreatePosition(context.Background(), p); err != nil {
		f.t.Fatal(err)
	}
	return p
}

func responseBody(title, consultationID string) string {
	return fmt.Sprintf(`{"kind":"consultation_response","title":%q,"summary":"Kort.","consultation_id":%q,"body":"Vårt svar."}`, title, consultationID)
}

func newPublicWorld(f *fixture) *publicWorld {
	f.t.Helper()
	w := &publicWorld{}
	w.Answered = f.mustConsultation("Besvarad remiss Solros", "Fi2026/00101", app.ConsultationDrafting, 20, "")
	w.Open = f.mustConsultation("Öppen remiss Havtorn", "Fi2026/00102", app.ConsultationAssessing, 30, "")
	w.Hidden = f.mustConsultation("Intern remiss Molnbär", "Fi2026/00103", app.ConsultationAssessing, 25, "")
	w.DeclinedHidden = f.mustConsultation("Avböjd remiss Nypon", "Fi2026/00104", app.ConsultationDeclined, 10, "Hemlig orsak Slånbär")
	w.DeclinedShown = f.mustConsultation("Offentligt avböjd remiss Kvitten", "Fi2026/00105", app.ConsultationDeclined, 12, "Intern orsak Mispel")
	w.DraftOnly = f.mustConsultation("Remiss med utkast Rönnbär", "Fi2026/00106", app.ConsultationDrafting, 40, "")

	w.Published = f.mustStatement(app.StatementPublished, "Publicerad skrivelse om elnät")
	w.Response = f.mustStatementFrom(app.StatementPublished, responseBody("Publicerat remissvar Solros", w.Answered.ID))
	w.Signing = f.mustStatement(app.StatementSigning, "Signeringstext Kantarellpaj")
	f.mustCall(201, "signerA", "POST", "/api/v1/statements/"+w.Signing.ID+"/signatures", signBody("", w.Signing.ContentHash))
	w.Signing = f.reload(w.Signing.ID)
	w.Draft = f.mustStatementFrom(app.StatementDraft, responseBody("Utkast Blåbärssoppa", w.DraftOnly.ID))
	w.Withdrawn = f.mustStatement(app.StatementWithdrawn, "Tillbakadragen Lingonsylt")

	w.PublicIssue = f.mustIssue("Publik fråga Elnätet", true, []string{w.Open.ID, w.Answered.ID}, []string{w.Published.ID, w.Draft.ID, w.Signing.ID})
	w.InternalIssue = f.mustIssue("Intern fråga Hjortron", false, []string{w.Hidden.ID}, []string{w.Draft.ID})
	f.mustPosition(w.PublicIssue.ID, "Publik ståndpunkt Elpris", true, w.Published.ID, w.Draft.ID, w.Withdrawn.ID)
	f.mustPosition(w.PublicIssue.ID, "Intern ståndpunkt Krusbär", false)
	f.mustPosition(w.InternalIssue.ID, "Dold ståndpunkt Vinbär", true)

	oc := mongodb.NewConsultationStore(f.db)
	for _, o := range []*app.Outcome{
		{ConsultationID: w.DeclinedShown.ID, DeclinePublic: true, DeclineNote: "Frågan ligger utanför vårt uppdrag."},
		{ConsultationID: w.DeclinedHidden.ID, DeclinePublic: false, DeclineNote: "Utkast till motivering Tranbär"},
		{ConsultationID: w.Answered.ID, Uptake: app.UptakePartly, UptakeNote: "Delvis i propositionen.",
			FollowUps: []app.FollowUp{{Kind: "proposition", Title: "Prop. 2026/27:1", URL: "https://www.regeringen.se/prop", On: app.DateOf(time.Now())}}},
		{ConsultationID: w.DraftOnly.ID, Uptake: app.UptakeNo, UptakeNote: "Utfallsnotis Hallon"},
	} {
		if err := oc.SaveOutcome(context.Background(), o); err != nil {
			f.t.Fatal(err)
		}
	}
	w.Secrets = []string{"Kantarellpaj", "Blåbärssoppa", "Lingonsylt", "Hjortron", "Molnbär", "Nypon", "Slånbär", "Mispel",
		"Krusbär", "Vinbär", "Tranbär", "Rönnbär", "Hallon", "Åkerbär"}
	return w
}

// publicPaths are the public pages of this capability, for w.
func (w *publicWorld) publicPaths(f *fixture) []string {
	return []string{"/", "/remisser", "/remisser?year=" + fmt.Sprint(time.Now().Year()), "/remisser?issuer=x&topic=Energi",
		"/fragor", "/fragor/" + w.PublicIssue.Slug, "/fragor/" + w.InternalIssue.Slug, "/medlemmar",
		"/medlemmar/" + f.memberA.Slug, "/medlemmar/" + f.memberB.Slug, "/medlemmar/finns-inte", "/deltagande",
		"/tillganglighet", "/stallningstaganden/" + w.Published.Slug, "/stallningstaganden/" + w.Draft.Slug,
		"/feed.atom", "/feed/fraga/" + w.InternalIssue.Slug + ".atom",
		"/api/v1/issues/" + w.PublicIssue.ID + "/positions", "/api/v1/statements/" + w.Draft.ID + "/positions",
		"/internt/stallningstaganden/" + w.Draft.ID + "/positioner", "/internt/remisser/" + w.Hidden.ID + "/utfall",
		"/internt/deltagande", "/internt/fragor/" + w.InternalIssue.ID + "/positioner",
		"/publiceringslogg", "/publiceringslogg.json"}
}

// TestNothingUnpublishedIsPublic: anonymous requests to every public route,
// in both languages, never show a word of a draft, a text in signing, a
// withdrawn text, an internal issue, its consultations or positions, an
// internal decline reason or an unpublished outcome.
func TestNothingUnpublishedIsPublic(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	w := newPublicWorld(f)
	for _, path := range w.publicPaths(f) {
		for _, lang := range []string{"sv", "en"} {
			p := path + "?lang=" + lang
			if strings.Contains(path, "?") {
				p = path + "&lang=" + lang
			}
			status, body := f.htmlGet("", p)
			if status >= 500 {
				t.Errorf("%s: status %d", p, status)
			}
			for _, s := range w.Secrets {
				if strings.Contains(body, s) {
					t.Errorf("%s (status %d) shows %q", p, status, s)
				}
			}
		}
	}
	for _, path := range []string{"/fragor/" + w.InternalIssue.Slug, "/medlemmar/finns-inte"} {
		if status, _ := f.htmlGet("", path); status != 404 {
			t.Errorf("%s: status %d, want 404", path, status)
		}
	}
}

// TestPublicPagesShowWhatIsPublished checks the positive side.
func TestPublicPagesShowWhatIsPublished(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	w := newPublicWorld(f)
	want := map[string][]string{
		"/remisser": {"Besvarad remiss Solros", "Publicerat remissvar Solros", "Skellefteå", "Prop. 2026/27:1", "Delvis",
			"Offentligt avböjd remiss Kvitten", "Frågan ligger utanför vårt uppdrag.", "https://www.regeringen.se/remisser/"},
		"/":                             {"Publicerad skrivelse om elnät", "Öppen remiss Havtorn", "Publik fråga Elnätet", "Publik ståndpunkt Elpris"},
		"/fragor/" + w.PublicIssue.Slug: {"Publik ståndpunkt Elpris", "Publicerad skrivelse om elnät", "Öppen remiss Havtorn", "Sammanfattning av"},
		"/medlemmar/" + f.memberA.Slug:  {"Publicerad skrivelse om elnät", "100 %"},
		"/tillganglighet":               {"DIGG", "Tillgänglighetsredogörelse"},
	}
	for path, words := range want {
		status, body := f.htmlGet("", path)
		if status != 200 {
			t.Errorf("%s: status %d", path, status)
		}
		for _, s := range words {
			if !strings.Contains(body, s) {
				t.Errorf("%s lacks %q", path, s)
			}
		}
	}
	if _, body := f.htmlGet("", "/remisser"); strings.Contains(body, "Öppen remiss Havtorn") {
		t.Error("an open consultation is in the archive of answered ones")
	}
}

// TestHeatmapCountsEqualSignatures: the numbers in the participation
// table equal the decisions in the database, and the public variant never
// counts unpublished statements.
func TestHeatmapCountsEqualSignatures(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	w := newPublicWorld(f)
	// memberB declines the text in signing: only the secretariat's variant counts it.
	f.mustCall(201, "secretariat", "POST", "/api/v1/statements/"+w.Signing.ID+"/signatures",
		strings.Replace(signBody(f.memberB.ID, w.Signing.ContentHash), `"signed"`, `"declined"`, 1))
	count := func(statuses ...app.StatementStatus) (signed, declined int) {
		items, _, err := f.statements().ListStatements(context.Background(), app.StatementFilter{Statuses: statuses})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range items {
			gs, err := f.statements().ListSignatures(context.Background(), s.ID, s.Round)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range gs {
				if g.Decision == app.DecisionSigned {
					signed++
				} else {
					declined++
				}
			}
		}
		return
	}
	for _, v := range []struct {
		path, role string
		statuses   []app.StatementStatus
	}{
		{"/deltagande", "", []app.StatementStatus{app.StatementPublished}},
		{"/internt/deltagande", "secretariat", []app.StatementStatus{app.StatementPublished, app.StatementSigning}},
	} {
		resp := f.do(request{method: "GET", path: v.path, role: v.role})
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", v.path, resp.StatusCode)
		}
		doc := mustDoc(t, resp)
		signed, declined := count(v.statuses...)
		gotS, gotD := doc.Find("table.matrix td.c-signed").Length(), doc.Find("table.matrix td.c-declined").Length()
		if gotS != signed || gotD != declined {
			t.Errorf("%s: table %d signed, %d declined; database %d, %d", v.path, gotS, gotD, signed, declined)
		}
		svgS, svgD := doc.Find("svg.heatmap rect.hm-signed").Length(), doc.Find("svg.heatmap rect.hm-declined").Length()
		if svgS != signed || svgD != declined {
			t.Errorf("%s: heatmap %d signed, %d declined; database %d, %d", v.path, svgS, svgD, signed, declined)
		}
		cols := doc.Find("table.matrix thead th").Length() - 5
		items, _, _ := f.statements().ListStatements(context.Background(), app.StatementFilter{Statuses: v.statuses})
		if cols != len(items) {
			t.Errorf("%s: %d statement columns, want %d", v.path, cols, len(items))
		}
		if v.role == "" && strings.Contains(doc.Text(), "Kantarellpaj") {
			t.Errorf("%s counts a statement in signing", v.path)
		}
	}
}
