package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

// answersWorld is two consultations of one issue, each with the network's
// published answer and other bodies' answers, on the real embedded store.
type answersWorld struct {
	svc    *app.Services
	stores app.Stores
	events *eventRecorder
	issue  *app.Issue
	cons   []*app.Consultation
	byOrg  map[string]*app.ExternalResponse // on the first consultation
}

func newAnswersWorld(t *testing.T) *answersWorld {
	t.Helper()
	ctx := context.Background()
	db := mongotest.MustOpenDB(t)
	w := &answersWorld{stores: mongodb.Stores(db), events: &eventRecorder{}, byOrg: map[string]*app.ExternalResponse{}}
	ev := &app.Events{}
	ev.Subscribe("record", w.events.handle)
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	w.svc = app.NewServices(w.stores, app.ServiceConfig{Clock: &movableClock{t: now}, Events: ev, IdleTimeout: time.Hour,
		AbsoluteTimeout: time.Hour})
	ours := []string{"Nätverket tillstyrker förslaget om snabbare tillståndsprövning.",
		"Nätverket avstyrker förslaget om höjda avgifter för elnätet."}
	for i, ref := range []string{"KN2026/00741", "KN2026/00999"} {
		st := &app.Statement{Kind: app.KindConsultationResponse, Title: "Svar " + ref, Slug: "svar-" + strings.ReplaceAll(ref, "/", "-"),
			Body: "## Ställningstagande\n\n" + ours[i], Status: app.StatementPublished, PublishedAt: now, CreatedAt: now, UpdatedAt: now}
		if err := w.stores.Statements.CreateStatement(ctx, st); err != nil {
			t.Fatal(err)
		}
		c := &app.Consultation{Title: "Remiss " + ref, Reference: ref, Issuer: "Klimat- och näringslivsdepartementet",
			Status: app.ConsultationSubmitted, StatementID: st.ID, CreatedAt: now, UpdatedAt: now}
		if err := w.stores.Consultations.CreateConsultation(ctx, c); err != nil {
			t.Fatal(err)
		}
		w.cons = append(w.cons, c)
	}
	w.issue = &app.Issue{Title: "Snabbare tillstånd", Slug: "snabbare-tillstand", Status: "active", Priority: "high",
		ConsultationIDs: []string{w.cons[0].ID, w.cons[1].ID}, CreatedAt: now, UpdatedAt: now}
	if err := w.stores.Issues.CreateIssue(ctx, w.issue); err != nil {
		t.Fatal(err)
	}
	answers := []struct {
		con    int
		org    string
		kind   app.OrgKind
		stance app.Stance
		quote  string
		noText bool
	}{
		{0, "Skellefteå kommun", app.OrgMunicipality, app.StanceFor, "Skellefteå kommun tillstyrker förslaget.", false},
		{0, "Naturskyddsföreningen", app.OrgOther, app.StanceAgainst, "Föreningen avstyrker förslaget.", false},
		{0, "Kammarkollegiet", app.OrgAuthority, app.StanceNoComment, "Kammarkollegiet har inga synpunkter.", false},
		{0, "Förvaltningsrätten i Jönköping", app.OrgAuthority, app.StanceUnclear, "", true},
		{1, "Skellefteå kommun", app.OrgMunicipality, app.StanceAgainst, "Kommunen avstyrker höjda avgifter.", false},
		{1, "Naturskyddsföreningen", app.OrgOther, app.StanceFor, "Föreningen tillstyrker höjda avgifter.", false},
	}
	for _, a := range answers {
		var paras []string
		if !a.noText {
			paras = []string{"Inledning om remissen.", a.quote}
		}
		r := &app.ExternalResponse{ConsultationID: w.cons[a.con].ID, Organisation: a.org, OrgKind: a.kind,
			SourceURL:  "https://www.regeringen.se/contentassets/" + strings.ToLower(strings.ReplaceAll(a.org, " ", "-")) + ".pdf",
			Paragraphs: paras, Checksum: app.ResponseChecksum(paras), NoText: a.noText, Stance: a.stance, Quote: a.quote,
			FetchedAt: now, CreatedAt: now, UpdatedAt: now}
		if err := w.stores.ExternalResponses.CreateExternalResponse(ctx, r); err != nil {
			t.Fatal(err)
		}
		if a.con == 0 {
			w.byOrg[a.org] = r
		}
	}
	return w
}

func TestExternalResponsesOverview(t *testing.T) {
	t.Parallel()
	w := newAnswersWorld(t)
	ctx := context.Background()
	all, err := w.svc.ExternalResponses.Overview(ctx, w.cons[0].ID, app.ResponseFilter{})
	if err != nil || all.Total != 4 || len(all.Answers) != 4 || all.ByKind[app.OrgAuthority] != 2 || all.ByStance[app.StanceFor] != 1 {
		t.Fatalf("all: %v %+v", err, all)
	}
	auth, err := w.svc.ExternalResponses.Overview(ctx, w.cons[0].ID, app.ResponseFilter{Kind: app.OrgAuthority, Stance: app.StanceNoComment})
	if err != nil || len(auth.Answers) != 1 || auth.Answers[0].Organisation != "Kammarkollegiet" || auth.Total != 4 {
		t.Fatalf("authorities without comments: %v %+v", err, auth)
	}
	for _, f := range []app.ResponseFilter{{Stance: "ja"}, {Kind: "förening"}} {
		if _, err := w.svc.ExternalResponses.Overview(ctx, w.cons[0].ID, f); app.ErrorCode(err) != app.EINVALID {
			t.Errorf("filter %+v: %v, want invalid", f, err)
		}
	}
}

func TestExternalResponseOverride(t *testing.T) {
	t.Parallel()
	w := newAnswersWorld(t)
	ctx := context.Background()
	kk := w.byOrg["Kammarkollegiet"]
	member := &app.User{ID: "6b0000000000000000000001", Name: "Åsa Öberg", Role: app.RoleMember, MemberID: "m1"}
	for _, tc := range []struct {
		name    string
		actor   *app.User
		id      string
		version int
		stance  app.Stance
		reason  string
		code    string
	}{
		{"nobody signed in", nil, kk.ID, 1, app.StanceAgainst, "Skäl", app.EUNAUTHORIZED},
		{"an unknown stance", member, kk.ID, 1, "kanske", "Skäl", app.EINVALID},
		{"no reason", member, kk.ID, 1, app.StanceAgainst, "  ", app.EINVALID},
		{"a too long reason", member, kk.ID, 1, app.StanceAgainst, strings.Repeat("å", app.MaxOverrideReason+1), app.EINVALID},
		{"an unknown answer", member, "6b0000000000000000000099", 1, app.StanceAgainst, "Skäl", app.ENOTFOUND},
		{"a malformed id", member, "<script>", 1, app.StanceAgainst, "Skäl", app.ENOTFOUND},
		{"a stale version", member, kk.ID, 7, app.StanceAgainst, "Skäl", app.ECONFLICT},
	} {
		if _, err := w.svc.ExternalResponses.Override(ctx, tc.actor, tc.id, tc.version, tc.stance, tc.reason); app.ErrorCode(err) != tc.code {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
		}
	}
	if got := w.events.take(); len(got) != 0 {
		t.Fatalf("refused overrides published %d events", len(got))
	}
	r, err := w.svc.ExternalResponses.Override(ctx, member, kk.ID, 1, app.StanceAgainst, " Sista stycket avstyrker förslaget. ")
	if err != nil || r.EffectiveStance() != app.StanceAgainst || r.Stance != app.StanceNoComment || r.Version != 2 ||
		r.StanceOverride.Reason != "Sista stycket avstyrker förslaget." || r.StanceOverride.By != member.ID {
		t.Fatalf("override: %v %+v", err, r)
	}
	evs := w.events.take()
	if len(evs) != 1 || evs[0].Kind != "external_response.stance" || evs[0].Before != "inga_synpunkter" || evs[0].After != "avstyrker" ||
		evs[0].Subject.ID != kk.ID || evs[0].Note != "Sista stycket avstyrker förslaget." {
		t.Fatalf("events: %+v", evs)
	}
	listed, _ := w.svc.ExternalResponses.Overview(ctx, w.cons[0].ID, app.ResponseFilter{Stance: app.StanceAgainst})
	if len(listed.Answers) != 2 {
		t.Fatalf("the override wins in the list too: %+v", listed.Answers)
	}
	r, err = w.svc.ExternalResponses.Override(ctx, member, kk.ID, 2, "", "")
	if err != nil || r.StanceOverride != nil || r.EffectiveStance() != app.StanceNoComment {
		t.Fatalf("taking the override away: %v %+v", err, r)
	}
}

func TestExternalResponseAllies(t *testing.T) {
	t.Parallel()
	w := newAnswersWorld(t)
	ctx := context.Background()
	rep, err := w.svc.ExternalResponses.Allies(ctx, w.issue.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Consultations) != 2 || rep.Network[w.cons[1].ID].Stance != app.StanceAgainst {
		t.Fatalf("the network's stances: %+v", rep.Network)
	}
	if len(rep.Allies) != 1 || rep.Allies[0].Organisation != "Skellefteå kommun" || len(rep.Allies[0].Agreed) != 2 {
		t.Fatalf("allies: %+v", rep.Allies)
	}
	if len(rep.Opponents) != 1 || rep.Opponents[0].Organisation != "Naturskyddsföreningen" || len(rep.Opponents[0].Opposed) != 2 {
		t.Fatalf("opponents: %+v", rep.Opponents)
	}
	// A person's override moves an organisation between the lists.
	nf := w.byOrg["Naturskyddsföreningen"]
	if _, err := w.svc.ExternalResponses.Override(ctx, &app.User{ID: "u", Role: app.RoleSecretariat}, nf.ID, 1,
		app.StanceFor, "Föreningen tillstyrker i sin sammanfattning."); err != nil {
		t.Fatal(err)
	}
	rep, err = w.svc.ExternalResponses.Allies(ctx, w.issue.ID)
	if err != nil || len(rep.Opponents) != 1 || len(rep.Opponents[0].Opposed) != 1 || len(rep.Opponents[0].Agreed) != 1 {
		t.Fatalf("after the override: %v %+v", err, rep.Opponents)
	}
	if _, err := w.svc.ExternalResponses.Allies(ctx, "6b0000000000000000000099"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("an unknown issue: %v", err)
	}
}
