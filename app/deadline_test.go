package app_test

import (
	"testing"

	"github.com/samsyn/samsyn/app"
)

func TestUpcomingDeadlines(t *testing.T) {
	t.Parallel()
	today := d("2026-03-16")
	cs := []*app.Consultation{
		{ID: "a", Title: "A", Status: app.ConsultationDrafting, Deadline: d("2026-04-30")},
		{ID: "b", Title: "B", Status: app.ConsultationSigning, Deadline: d("2026-03-20"), SignaturesDue: d("2026-03-17"), DraftDue: d("2026-03-10")},
		{ID: "c", Title: "C", Status: app.ConsultationSubmitted, Deadline: d("2026-03-25")},
		{ID: "e", Title: "E", Status: app.ConsultationIncoming, Deadline: d("2026-09-30")},
	}
	ss := []*app.Statement{
		{ID: "s", Title: "S", Status: app.StatementSigning, SignBy: d("2026-03-20")},
		{ID: "p", Title: "P", Status: app.StatementPublished, SignBy: d("2026-03-18")},
	}
	got := app.UpcomingDeadlines(cs, ss, today, 31) // up to 2026-04-16
	want := []struct{ on, kind, id string }{
		{"2026-03-17", "signatures_due", "b"}, {"2026-03-20", "sign_by", "s"}, {"2026-03-20", "deadline", "b"},
		{"2026-04-16", "draft_due", "a"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d items %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.On.String() != w.on || string(g.Kind) != w.kind || (g.ConsultationID != w.id && g.StatementID != w.id) {
			t.Errorf("item %d = %s %s %s/%s, want %+v", i, g.On, g.Kind, g.ConsultationID, g.StatementID, w)
		}
	}
	if got[0].WorkingDaysLeft != 1 || got[0].Traffic != app.TrafficAtRisk {
		t.Errorf("first item: %+v", got[0])
	}
}

func TestMeetingsInTime(t *testing.T) {
	t.Parallel()
	a, b, c := &app.Member{ID: "a", Name: "Avesta"}, &app.Member{ID: "b", Name: "Boden"}, &app.Member{ID: "c", Name: "Degerfors"}
	ms := []*app.BoardMeeting{
		{MemberID: "a", Body: app.BodyKS, On: d("2026-04-20")},
		{MemberID: "a", Body: app.BodyKSAU, On: d("2026-03-30")},
		{MemberID: "b", Body: app.BodyKS, On: d("2026-03-10")}, // before today
		{MemberID: "b", Body: app.BodyKS, On: d("2026-04-28")}, // after signatures due
		{MemberID: "c", Body: app.BodyKSAU, On: d("2026-04-24")},
	}
	got := app.MeetingsInTime([]*app.Member{a, b, c}, ms, d("2026-03-16"), d("2026-04-24"))
	if len(got) != 3 || !got[0].InTime() || got[1].InTime() || !got[2].InTime() {
		t.Fatalf("in time: %+v", got)
	}
	if got[0].Meetings[0].On.String() != "2026-03-30" || len(got[0].Meetings) != 2 {
		t.Errorf("Avesta's meetings not in date order: %+v", got[0].Meetings)
	}
}

func TestNewBoardMeeting(t *testing.T) {
	t.Parallel()
	if _, err := app.NewBoardMeeting("m1", "KS", "2026-04-20", "", now); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ member, body, on, field string }{
		{"", "KS", "2026-04-20", "member_id"}, {"m1", "fullmäktige", "2026-04-20", "body"}, {"m1", "KSAU", "20 april", "on"},
	} {
		if _, err := app.NewBoardMeeting(tc.member, tc.body, tc.on, "", now); app.ErrorFields(err)[tc.field] == "" {
			t.Errorf("%+v: %v", tc, err)
		}
	}
}

func TestIssueRules(t *testing.T) {
	t.Parallel()
	i, err := app.NewIssue(app.IssueInput{Title: "Elnätskapacitet i norr", Topics: []string{"energi", " energi "}}, now)
	if err != nil || i.Slug != "elnatskapacitet-i-norr" || i.Status != "active" || i.Priority != "medium" || len(i.Topics) != 1 {
		t.Fatalf("NewIssue: %+v %v", i, err)
	}
	for _, tc := range []struct {
		in    app.IssueInput
		field string
	}{
		{app.IssueInput{Title: ""}, "title"},
		{app.IssueInput{Title: "X", Priority: "urgent"}, "priority"},
		{app.IssueInput{Title: "X", Status: "open"}, "status"},
		{app.IssueInput{Title: "!!!"}, "title"},
	} {
		if _, err := app.NewIssue(tc.in, now); app.ErrorFields(err)[tc.field] == "" {
			t.Errorf("%+v: %v, want %s", tc.in, err, tc.field)
		}
	}
	today := d("2026-03-16")
	if _, err := app.NewIssueAction("2026-03-17", "", "Möte", "", "u", today); fieldOf(err) != "on" {
		t.Errorf("future action: %v", err)
	}
	if _, err := app.NewIssueAction("2026-03-16", "", "Möte", "javascript:x", "u", today); fieldOf(err) != "url" {
		t.Errorf("script link: %v", err)
	}
	i.Public = false
	if _, ok := i.PublicView(); ok {
		t.Error("internal issue has a public view")
	}
}
