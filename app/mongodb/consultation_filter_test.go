package mongodb_test

import (
	"context"
	"sort"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

func titles(cs []*app.Consultation) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Title)
	}
	sort.Strings(out)
	return out
}

func TestConsultationFilters(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewConsultationStore(mongotest.MustOpenDB(t))
	mk := func(ref string, st app.ConsultationStatus, deadline app.Date, issuer, report string, topics ...string) {
		c := remiss(ref, ref, st, deadline)
		c.Title, c.Issuer, c.Topics, c.ReportNumber = ref, issuer, topics, report
		c.ReportKey, _ = app.NormalizeReference(report)
		if err := s.CreateConsultation(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	mk("A", app.ConsultationAssessing, app.NewDate(2026, 3, 10), "Finansdepartementet", "") // missed
	mk("B", app.ConsultationAssessing, app.NewDate(2026, 4, 30), "Klimat- och näringslivsdepartementet", "SOU 2026:14", "energi")
	mk("C", app.ConsultationSubmitted, app.NewDate(2026, 3, 1), "Finansdepartementet", "")
	mk("D", app.ConsultationDeclined, app.NewDate(2026, 5, 20), "Finansdepartementet", "Ds 2026:15", "energi")
	today := app.NewDate(2026, 3, 16)
	for _, tc := range []struct {
		name string
		f    app.ConsultationFilter
		want string
	}{
		{"missed", app.ConsultationFilter{Status: "missed", Today: today}, "[A]"},
		{"assessing leaves out missed", app.ConsultationFilter{Status: "assessing", Today: today}, "[B]"},
		{"stored status without today", app.ConsultationFilter{Status: "assessing"}, "[A B]"},
		{"issuer substring, any case", app.ConsultationFilter{Issuer: "finans"}, "[A C D]"},
		{"issuer with regex characters", app.ConsultationFilter{Issuer: ".*"}, "[]"},
		{"topic", app.ConsultationFilter{Topic: "energi"}, "[B D]"},
		{"report number", app.ConsultationFilter{Reference: "SOU2026:14"}, "[B]"},
		{"reference", app.ConsultationFilter{Reference: "C"}, "[C]"},
		{"deadline range", app.ConsultationFilter{DeadlineFrom: app.NewDate(2026, 3, 10), DeadlineTo: app.NewDate(2026, 4, 30)}, "[A B]"},
		{"range and missed", app.ConsultationFilter{Status: "missed", Today: today, DeadlineFrom: app.NewDate(2026, 3, 11)}, "[]"},
	} {
		got, total, err := s.ListConsultations(ctx, tc.f)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if g := fmtList(titles(got)); g != tc.want || total != len(got) {
			t.Errorf("%s: got %s (total %d), want %s", tc.name, g, total, tc.want)
		}
	}
}

func fmtList(s []string) string {
	out := "["
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out + "]"
}

// TestConsultationSearchSource: every write marks the document dirty; the
// sync's mark is cleared only at the version it indexed; tasks are never
// public.
func TestConsultationSearchSource(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewConsultationStore(mongotest.MustOpenDB(t))
	c := remiss("Fi2026/02110", "FI2026/2110", app.ConsultationIncoming, app.NewDate(2026, 5, 4))
	c.ReportNumber = "SOU 2026:14"
	if err := s.CreateConsultation(ctx, c); err != nil {
		t.Fatal(err)
	}
	tasks, err := s.PendingSearch(ctx, 10)
	if err != nil || len(tasks) != 1 || tasks[0].Public || tasks[0].Doc.Type != "consultation" || tasks[0].Version != 1 ||
		tasks[0].Doc.Summary != "Fi2026/02110 SOU 2026:14" {
		t.Fatalf("after create: %+v %v", tasks, err)
	}
	c.Status = app.ConsultationAssessing
	if err := s.UpdateConsultation(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkIndexed(ctx, c.ID, 1); err != nil { // indexed the old version
		t.Fatal(err)
	}
	if tasks, _ := s.PendingSearch(ctx, 10); len(tasks) != 1 || tasks[0].Version != 2 {
		t.Fatalf("a stale mark cleared the newer write: %+v", tasks)
	}
	if err := s.MarkIndexed(ctx, c.ID, 2); err != nil {
		t.Fatal(err)
	}
	if tasks, _ := s.PendingSearch(ctx, 10); len(tasks) != 0 {
		t.Fatalf("still pending: %+v", tasks)
	}
}

func TestMeetingStore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewConsultationStore(mongotest.MustOpenDB(t))
	m := &app.BoardMeeting{MemberID: "m1", Body: app.BodyKS, On: app.NewDate(2026, 4, 20), Note: "Extra", CreatedAt: remissT0}
	if err := s.CreateMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	dup := *m
	if err := s.CreateMeeting(ctx, &dup); app.ErrorCode(err) != app.ECONFLICT || app.ErrorFields(err)["on"] == "" {
		t.Fatalf("duplicate meeting: %v", err)
	}
	for _, x := range []*app.BoardMeeting{
		{MemberID: "m1", Body: app.BodyKSAU, On: app.NewDate(2026, 3, 30), CreatedAt: remissT0},
		{MemberID: "m2", Body: app.BodyKS, On: app.NewDate(2026, 5, 4), CreatedAt: remissT0},
	} {
		if err := s.CreateMeeting(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	got, n, err := s.ListMeetings(ctx, app.MeetingFilter{MemberID: "m1", To: app.NewDate(2026, 4, 20)})
	if err != nil || n != 2 || got[0].On.String() != "2026-03-30" || got[1].Note != "Extra" {
		t.Fatalf("list: %+v %d %v", got, n, err)
	}
	if err := s.DeleteMeeting(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteMeeting(ctx, m.ID); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("delete twice: %v", err)
	}
	if _, err := s.MeetingByID(ctx, "nonsense"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("malformed id: %v", err)
	}
}
