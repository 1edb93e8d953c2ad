package app_test

import (
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
)

func TestBuildArchiveShowsOnlyAnsweredOrPubliclyDeclined(t *testing.T) {
	t.Parallel()
	d := app.NewDate(2026, 5, 1)
	cons := []*app.Consultation{
		{ID: "answered", Title: "A", Deadline: d, Status: app.ConsultationSubmitted, StatementID: "pub"},
		{ID: "by-response", Title: "B", Deadline: d.AddDays(1), Status: app.ConsultationSubmitted},
		{ID: "draft-only", Title: "C", Deadline: d, Status: app.ConsultationSubmitted, StatementID: "draft"},
		{ID: "withdrawn", Title: "D", Deadline: d, Status: app.ConsultationSubmitted, StatementID: "gone"},
		{ID: "declined-public", Title: "E", Deadline: d, Status: app.ConsultationDeclined, DeclineReason: "internt"},
		{ID: "declined-private", Title: "F", Deadline: d, Status: app.ConsultationDeclined, DeclineReason: "internt"},
		{ID: "open", Title: "G", Deadline: d, Status: app.ConsultationDrafting},
	}
	sts := []*app.Statement{
		{ID: "pub", Status: app.StatementPublished, Signatures: []app.Signature{{MemberName: "Boden", Decision: "signed"}, {MemberName: "Kiruna", Decision: "declined"}}},
		{ID: "pub2", Status: app.StatementPublished, ConsultationID: "by-response"},
		{ID: "draft", Status: app.StatementDraft, ConsultationID: "draft-only"},
		{ID: "gone", Status: app.StatementWithdrawn, ConsultationID: "withdrawn"},
	}
	outs := []*app.Outcome{
		{ConsultationID: "declined-public", DeclinePublic: true, DeclineNote: "Utanför uppdraget."},
		{ConsultationID: "declined-private", DeclineNote: "Utkast"},
		{ConsultationID: "draft-only", Uptake: app.UptakeYes},
	}
	got := map[string]app.ArchiveEntry{}
	for _, e := range app.BuildArchive(cons, sts, outs) {
		got[e.Consultation.ID] = e
	}
	if len(got) != 3 {
		t.Fatalf("archive holds %v", got)
	}
	if e := got["answered"]; len(e.Signers) != 1 || e.Signers[0] != "Boden" || e.Response.ID != "pub" {
		t.Errorf("answered: %+v", e)
	}
	if e := got["by-response"]; e.Response == nil || e.Response.ID != "pub2" {
		t.Errorf("found by the response's consultation: %+v", e)
	}
	if e := got["declined-public"]; e.Response != nil || e.DeclineNote != "Utanför uppdraget." {
		t.Errorf("public decline: %+v", e)
	}
}

func TestParticipationCountsOnlyWhatItMay(t *testing.T) {
	t.Parallel()
	a := &app.Member{ID: "a", Name: "Östersund", Active: true}
	b := &app.Member{ID: "b", Name: "Avesta", Active: true}
	gone := &app.Member{ID: "c", Name: "Gamla", Active: false}
	at := time.Date(2025, 6, 1, 10, 0, 0, 0, time.UTC)
	sts := []*app.Statement{
		{ID: "1", Status: app.StatementPublished, PublishedAt: at, SignBy: app.NewDate(2025, 5, 1),
			Signatures: []app.Signature{{MemberID: "a", Decision: "signed"}, {MemberID: "c", Decision: "declined"}}},
		{ID: "2", Status: app.StatementSigning, SignBy: app.NewDate(2026, 5, 1), Signatures: []app.Signature{{MemberID: "b", Decision: "signed"}}},
		{ID: "3", Status: app.StatementDraft},
		{ID: "4", Status: app.StatementPublished, PublishedAt: at}, // no signing round
	}
	pub := app.BuildParticipation([]*app.Member{a, b, gone}, sts, true)
	if len(pub.Statements) != 1 || len(pub.Rows) != 3 || pub.Rows[0].Member.Name != "Avesta" || pub.Rows[2].Member.Name != "Östersund" {
		t.Fatalf("public: %d statements, rows %+v", len(pub.Statements), pub.Rows)
	}
	internal := app.BuildParticipation([]*app.Member{a, b, gone}, sts, false)
	if len(internal.Statements) != 2 || len(internal.Years) != 2 {
		t.Fatalf("internal: %d statements, years %v", len(internal.Statements), internal.Years)
	}
	r, _ := internal.RowOf("a")
	if r.Signed != 1 || r.None != 1 || r.AnsweredPercent() != 50 || r.ByYear[0].Percent() != 100 || r.ByYear[1].Asked != 1 {
		t.Errorf("row of a: %+v", r)
	}
}
