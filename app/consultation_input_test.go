package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
)

var now = time.Date(2026, 3, 16, 9, 30, 0, 0, time.UTC)

func fieldOf(err error) string {
	for k := range app.ErrorFields(err) {
		return k
	}
	return ""
}

func mustConsultation(t *testing.T, received, deadline string) *app.Consultation {
	t.Helper()
	c, err := app.NewConsultation(app.ConsultationInput{Title: "Snabbare tillstånd", Reference: "KN2026/00741",
		Issuer: "Klimat- och näringslivsdepartementet", ReceivedOn: received, Deadline: deadline}, now)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNewConsultationNormalisesAndDefaults(t *testing.T) {
	t.Parallel()
	c, err := app.NewConsultation(app.ConsultationInput{Title: "  Ett samordnat tillståndsförfarande ", Reference: "kn 2026/741",
		ReportNumber: "sou 2026 14", Issuer: "KN", Deadline: "2026-06-30", Topics: []string{" tillstånd", "", "tillstånd", "energi"},
		Documents: []app.Link{{URL: "https://www.regeringen.se/a.pdf"}, {URL: " "}}}, now)
	if err != nil {
		t.Fatal(err)
	}
	draft, sigs := c.Milestones()
	if c.Status != app.ConsultationIncoming || c.ReferenceKey != "KN2026/741" || c.ReportKey != "SOU2026:14" ||
		c.Title != "Ett samordnat tillståndsförfarande" || len(c.Topics) != 2 || len(c.Documents) != 1 ||
		c.Documents[0].Title != "https://www.regeringen.se/a.pdf" {
		t.Fatalf("got %+v", c)
	}
	// 2026-06-30 minus 10 working days skips midsommarafton (06-19) and the weekends.
	if draft.String() != "2026-06-15" || sigs.String() != "2026-06-25" {
		t.Errorf("milestones %s %s", draft, sigs)
	}
}

// TestConsultationBadInput: each bad field is named, nothing is returned.
func TestConsultationBadInput(t *testing.T) {
	t.Parallel()
	ok := app.ConsultationInput{Title: "Remiss", Issuer: "Fi", ReceivedOn: "2026-03-02", Deadline: "2026-05-29"}
	cases := []struct {
		name  string
		edit  func(*app.ConsultationInput)
		field string
	}{
		{"deadline before received", func(in *app.ConsultationInput) { in.Deadline = "2026-03-01" }, "deadline"},
		{"no deadline", func(in *app.ConsultationInput) { in.Deadline = "" }, "deadline"},
		{"not a date", func(in *app.ConsultationInput) { in.Deadline = "29/5 2026" }, "deadline"},
		{"unknown status", func(in *app.ConsultationInput) { in.Status = "archived" }, "status"},
		{"missed is derived", func(in *app.ConsultationInput) { in.Status = "missed" }, "status"},
		{"malformed reference", func(in *app.ConsultationInput) { in.Reference = "Fi/2026" }, "reference"},
		{"reference as report", func(in *app.ConsultationInput) { in.ReportNumber = "Fi2026/1" }, "report_number"},
		{"title missing", func(in *app.ConsultationInput) { in.Title = "  " }, "title"},
		{"title too long", func(in *app.ConsultationInput) { in.Title = strings.Repeat("å", 301) }, "title"},
		{"javascript URL", func(in *app.ConsultationInput) { in.SourceURL = "javascript:alert(1)" }, "source_url"},
		{"ftp URL", func(in *app.ConsultationInput) { in.SourceURL = "ftp://regeringen.se/x" }, "source_url"},
		{"document URL", func(in *app.ConsultationInput) { in.Documents = []app.Link{{URL: "data:text/html,x"}} }, "documents"},
		{"declined without reason", func(in *app.ConsultationInput) { in.Status = "declined" }, "decline_reason"},
		{"signatures after deadline", func(in *app.ConsultationInput) { in.SignaturesDue = "2026-06-01" }, "signatures_due"},
		{"draft after signatures", func(in *app.ConsultationInput) { in.DraftDue = "2026-05-28" }, "draft_due"},
	}
	for _, tc := range cases {
		in := ok
		tc.edit(&in)
		c, err := app.NewConsultation(in, now)
		if app.ErrorCode(err) != app.EINVALID || app.ErrorFields(err)[tc.field] == "" || c != nil {
			t.Errorf("%s: %v (fields %v), want a message for %q", tc.name, err, app.ErrorFields(err), tc.field)
		}
	}
}

// TestMilestonesFollowDeadline: a milestone at its default moves with the
// deadline; one set by hand stays.
func TestMilestonesFollowDeadline(t *testing.T) {
	t.Parallel()
	c := mustConsultation(t, "2026-03-02", "2026-05-29")
	c.DraftDue, c.SignaturesDue = app.DefaultMilestones(c.Deadline)
	in := c.Input()
	in.Deadline = "2026-06-30"
	moved, err := c.Revise(in, now)
	if err != nil {
		t.Fatal(err)
	}
	if d, s := moved.Milestones(); d.String() != "2026-06-15" || s.String() != "2026-06-25" {
		t.Errorf("defaults did not follow: %s %s", d, s)
	}
	in = moved.Input()
	in.DraftDue = "2026-06-10"
	set, err := moved.Revise(in, now)
	if err != nil {
		t.Fatal(err)
	}
	in = set.Input()
	in.Deadline = "2026-08-31"
	again, err := set.Revise(in, now)
	if err != nil {
		t.Fatal(err)
	}
	if d, s := again.Milestones(); d.String() != "2026-06-10" || s.String() != "2026-08-26" {
		t.Errorf("hand-set draft due moved or default stayed: %s %s", d, s)
	}
}
